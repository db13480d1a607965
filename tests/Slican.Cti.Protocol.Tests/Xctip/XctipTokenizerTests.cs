using System.Text;
using Slican.Cti.Protocol.Text;
using Slican.Cti.Protocol.Xctip;

namespace Slican.Cti.Protocol.Tests.Xctip;

public class XctipTokenizerTests
{
    private static List<string> Tokens(string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        var tokenizer = new XctipTokenizer(bytes);
        var tokens = new List<string>();
        while (tokenizer.Read())
        {
            tokens.Add(tokenizer.TokenType switch
            {
                XctipTokenType.StartElement => $"<{Encoding.UTF8.GetString(tokenizer.Name)}{(tokenizer.IsEmptyElement ? "/" : "")}>",
                XctipTokenType.EndElement => $"</{Encoding.UTF8.GetString(tokenizer.Name)}>",
                XctipTokenType.Text => "T:" + XctipText.Decode(tokenizer.Value, tokenizer.ValueHasReferences, CtiEncoding.Utf8),
                XctipTokenType.CData => "C:" + Encoding.UTF8.GetString(tokenizer.Value),
                _ => "?",
            });
        }

        return tokens;
    }

    [Fact]
    public void End_tags_may_carry_whitespace_before_the_bracket() =>
        Assert.Equal(["<XCTIP>", "<A>", "T:x", "</A>", "</XCTIP>"], Tokens("<XCTIP><A>x</A \r\n></XCTIP >"));

    [Fact]
    public void Reads_elements_empty_elements_text_cdata_and_skips_comments_pis_and_attributes()
    {
        var tokens = Tokens("<?xml version=\"1.0\"?><!--c--><XCTIP><M a=\"1\" b='2'><E/><T>a &amp; b &lt;&gt; &quot;&apos; &#261;&#x1F600;</T><C><![CDATA[<raw & text>]]></C><?pi x?></M></XCTIP><!--after-->");
        Assert.Equal(
            ["<XCTIP>", "<M>", "<E/>", "</E>", "<T>", "T:a & b <> \"' ą😀", "</T>", "<C>", "C:<raw & text>", "</C>", "</M>", "</XCTIP>"],
            tokens);
    }

    [Fact]
    public void Exposes_the_declared_encoding()
    {
        var bytes = "<?xml version=\"1.0\" encoding=\"IBM852\"?>\r\n<XCTIP></XCTIP>"u8.ToArray();
        var tokenizer = new XctipTokenizer(bytes);
        Assert.True(tokenizer.Read());
        Assert.Equal("IBM852", Encoding.ASCII.GetString(tokenizer.DeclaredEncoding));
    }

    [Theory]
    [InlineData("<XCTIP><A></B></XCTIP>", XctipErrorKind.MismatchedTag)]
    [InlineData("<XCTIP><AB></A></XCTIP>", XctipErrorKind.MismatchedTag)]
    [InlineData("<XCTIP><A></AB></XCTIP>", XctipErrorKind.MismatchedTag)]
    [InlineData("<XCTIP><A></A</XCTIP>", XctipErrorKind.Malformed)]
    [InlineData("<XCTIP><A>&foo;</A></XCTIP>", XctipErrorKind.UndefinedEntity)]
    [InlineData("<XCTIP><A>&#0;</A></XCTIP>", XctipErrorKind.UndefinedEntity)]
    [InlineData("<XCTIP><A>&#xD800;</A></XCTIP>", XctipErrorKind.UndefinedEntity)]
    [InlineData("<XCTIP><A>& b</A></XCTIP>", XctipErrorKind.UndefinedEntity)]
    [InlineData("<XCTIP><A>", XctipErrorKind.Malformed)]
    [InlineData("<XCTIP></XCTIP>x", XctipErrorKind.Malformed)]
    [InlineData("<XCTIP></XCTIP><XCTIP></XCTIP>", XctipErrorKind.Malformed)]
    [InlineData("<X></X>", XctipErrorKind.NotXctip)]
    [InlineData("", XctipErrorKind.NotXctip)]
    [InlineData("<XCTIP><!DOCTYPE a></XCTIP>", XctipErrorKind.DoctypeNotAllowed)]
    [InlineData("<XCTIP><A b=1/></XCTIP>", XctipErrorKind.Malformed)]
    public void Rejects_malformed_frames_with_a_typed_error(string xml, XctipErrorKind kind)
    {
        var ex = Assert.Throws<XctipProtocolException>(() => Tokens(xml));
        Assert.Equal(kind, ex.Kind);
        Assert.InRange(ex.ByteOffset, 0, xml.Length);
    }

    [Fact]
    public void Enforces_the_depth_limit()
    {
        var ex = Assert.Throws<XctipProtocolException>(() =>
        {
            var bytes = Encoding.ASCII.GetBytes("<XCTIP>" + string.Concat(Enumerable.Repeat("<a>", 40)));
            var tokenizer = new XctipTokenizer(bytes, maxDepth: 32);
            while (tokenizer.Read())
            {
            }
        });
        Assert.Equal(XctipErrorKind.TooDeep, ex.Kind);
    }

    [Fact]
    public void Matches_end_tags_below_the_inline_name_levels()
    {
        // The tokenizer keeps 16 levels of names inline and deeper ones in an array; both must close correctly.
        string open = string.Concat(Enumerable.Range(1, 59).Select(i => $"<n{i}>"));
        string close = string.Concat(Enumerable.Range(1, 59).Reverse().Select(i => $"</n{i}>"));
        var bytes = Encoding.ASCII.GetBytes("<XCTIP>" + open + "x" + close + "</XCTIP>");
        var tokenizer = new XctipTokenizer(bytes, maxDepth: XctipTokenizer.MaxSupportedDepth);
        var ends = new List<string>();
        while (tokenizer.Read())
        {
            if (tokenizer.TokenType == XctipTokenType.EndElement)
            {
                ends.Add(Encoding.ASCII.GetString(tokenizer.Name));
            }
        }

        Assert.Equal([.. Enumerable.Range(1, 59).Reverse().Select(i => $"n{i}"), "XCTIP"], ends);

        var swapped = Encoding.ASCII.GetBytes("<XCTIP>" + open + close.Replace("</n40></n39>", "</n39></n40>", StringComparison.Ordinal) + "</XCTIP>");
        var ex = Assert.Throws<XctipProtocolException>(() =>
        {
            var t = new XctipTokenizer(swapped, maxDepth: XctipTokenizer.MaxSupportedDepth);
            while (t.Read())
            {
            }
        });
        Assert.Equal(XctipErrorKind.MismatchedTag, ex.Kind);
        Assert.Contains("</n39>", ex.Message, StringComparison.Ordinal);
        Assert.Contains("<n40>", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenizing_a_frame_allocates_nothing()
    {
        var frame = Fixture.Bytes("xctip/05-book-records.xml");
        static int Count(byte[] data)
        {
            var t = new XctipTokenizer(data);
            int n = 0;
            while (t.Read())
            {
                n++;
            }

            return n;
        }

        Count(frame); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        int tokens = Count(frame);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(tokens > 100);
        Assert.Equal(0, allocated);
    }
}
