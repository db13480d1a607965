using System.Buffers;
using System.Text;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Tests;

public class EncodingTests
{
    public static TheoryData<int> CodePages() => [852, 1250, 1251, 1252, 1253, 1254, 1257];

    [Theory]
    [MemberData(nameof(CodePages))]
    public void Tables_match_the_platform_code_pages_for_every_byte(int codePage)
    {
        var reference = CodePagesEncodingProvider.Instance.GetEncoding(codePage)!;
        var ours = CtiEncoding.GetByName("CP" + codePage);
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        Assert.Equal(reference.GetString(all), ours.GetString(all));

        // Every character decoded from a byte encodes back to that byte.
        var text = ours.GetString(all);
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Equal(text.Length, ours.EncodeUntilUnmappable(text, buffer));
        Assert.Equal(all, buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData("IBM852", 852)]
    [InlineData("ibm852", 852)]
    [InlineData("PBX", 852)]
    [InlineData("UTF-8", 65001)]
    [InlineData("utf8", 65001)]
    [InlineData("WIN1250", 1250)]
    [InlineData("windows-1251", 1251)]
    [InlineData("CP1252", 1252)]
    [InlineData("WIN1253", 1253)]
    [InlineData("WIN1254", 1254)]
    [InlineData("WIN1257", 1257)]
    public void Names_the_pbx_and_xml_use_resolve(string name, int codePage) =>
        Assert.Equal(codePage, CtiEncoding.GetByName(name).CodePage);

    [Fact]
    public void Unknown_names_are_refused_with_a_clear_error()
    {
        Assert.False(CtiEncoding.TryGetByName("EBCDIC", out _));
        var ex = Assert.Throws<ArgumentException>(() => CtiEncoding.GetByName("KOI8-R"));
        Assert.Contains("IBM852", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmappable_characters_become_question_marks_in_plain_encoding()
    {
        Assert.Equal("Zolw ? ?"u8.ToArray().Length, CtiEncoding.Ibm852.GetBytes("Zolw € 😀").Length);
        Assert.Equal("Zolw ? ?", Encoding.ASCII.GetString(CtiEncoding.Ibm852.GetBytes("Zolw € 😀")));
        Assert.Equal("łódź", CtiEncoding.Ibm852.GetString(CtiEncoding.Ibm852.GetBytes("łódź")));
    }
}
