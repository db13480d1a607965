using System.Buffers;
using System.Text;
using FsCheck.Xunit;
using Slican.Cti.Protocol.Text;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Protocol.Tests.Xctip;

/// <summary>
/// The flat-frame fast path (<see cref="XctipFlatFrame"/>) must give exactly what the tokenizer path gives: the same
/// messages, or the same error at the same offset.
/// </summary>
public class XctipFlatFrameTests
{
    private static readonly string[] s_modules =
        [.. XctipCodec.KnownMessages.Select(m => m.Module).Where(m => m != "*").Distinct(), "Future", "Ünknown"];

    private static readonly string[] s_fields =
    [
        "Id", "State", "DndStat", "AppState", "AppInfo", "AppInfoTime", "CustomState", "Camera", "Door", "CId", "Error",
        "CR", "Src_Id", "Dst_Id", "CallsState", "Calling", "Called", "Colp", "RelCause", "Number", "Text", "Type", "Login",
        "Pass", "Name", "RecvTime", "UserData", "Row", "Phone", "Clear", "Mood", "Łódź",
    ];

    private static readonly string[] s_values =
    [
        "", "1002", "-5", "0", "1", "2", "x", "FREE", "BUSY", "Off", "On", "BRB", "AVAILABLE", "NewCall_ST", "2026-11-20 09:00:01",
        "2026-02-30 09:00:01", "99999999999", "1.5", "a &amp; b", "&#322;&#xF3;d&#x17A;", "&lt;yes/no&gt;", "Zażółć gęślą jaźń",
        "Back at 14:00, call my mobile", " spaced ", "tab\there", "quote \" and '", "a > b",
        "Sixteen bytes ok&amp;", "Fifteen bytes. &lt;", new string('x', 47) + "&#x142;", new string('y', 70), new string('z', 130) + " &gt;",
    ];

    public static TheoryData<string> Fixtures() => [.. Fixture.XctipFiles()];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_frame_decodes_the_same_on_both_paths(string file)
    {
        XctipReaderOptions? options = null;
        var stream = new ReadOnlySequence<byte>(Fixture.Bytes("xctip/" + file));
        var reader = new XctipFrameReader(options);
        int frames = 0;
        while (reader.TryReadFrame(ref stream, out var frame))
        {
            var bytes = frame.ToArray();
            Assert.Equal(XctipCodec.Decode(bytes, options, 0, allowFlat: false), XctipCodec.Decode(bytes, options, 0, allowFlat: true));
            frames++;
        }

        Assert.True(frames > 0);
    }

    [Fact]
    public void Typical_events_take_the_fast_path()
    {
        // If the scan declined these, the fast path would silently never run and the benchmark would measure nothing.
        string[] flat =
        [
            "<XCTIP><Status><Change_EV><Id>1002</Id><State>FREE</State><DndStat>Off</DndStat><AppState>BRB</AppState><AppInfo>Back at 14:00</AppInfo><AppInfoTime>2026-11-20 09:00:01</AppInfoTime></Change_EV></Status></XCTIP>",
            "<XCTIP><Log><Answer><CId>1</CId><Error></Error></Answer></Log></XCTIP>\r\n",
            "<XCTIP><Stream><WDOk></WDOk></Stream></XCTIP>",
            "<XCTIP><Status><Register_REQ><CId>4</CId><Clear/></Register_REQ></Status></XCTIP>",
            "<XCTIP><SMS><Receive_EV><Text>a &amp; b &#322;</Text></Receive_EV></SMS></XCTIP>",
        ];
        foreach (string xml in flat)
        {
            Assert.True(Scan(Encoding.UTF8.GetBytes(xml)), xml);
        }
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><XCTIP><Stream><WDOk></WDOk></Stream></XCTIP>")]
    [InlineData(" <XCTIP><Stream><WDOk></WDOk></Stream></XCTIP>")]
    [InlineData("<XCTIP>\n<Stream><WDOk></WDOk></Stream></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV>\n<Id>1</Id></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id a=\"1\">1</Id></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id >1</Id></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id ></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id><![CDATA[1]]></Id></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1<!-- c --></Id></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Calls><Change_EV><Calling><Number>1</Number></Calling></Change_EV></Calls></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id></Change_EV><Change_EV><Id>2</Id></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id></Change_EV></Status><Status></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV></Change_EV></Status></XCTIP><!-- after -->")]
    [InlineData("<XCTIP><Status/></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV/></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><AppInfo>a &nbsp; b</AppInfo></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><AppInfo>a &amp b</AppInfo></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><AppInfo>a \0 b</AppInfo></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Idx></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id></Change_EVX></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id></Change_EV></Statu></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id></Change_EV></Status></XCTIPS>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id></Change_EV></Status></XCTIP>x")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id></Change_EV></Status>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1")]
    [InlineData("<XCTIP><Status><Change_EV><1d>1</1d></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id/ ></Change_EV></Status></XCTIP>")]
    public void Anything_but_a_compact_flat_frame_is_declined_and_decodes_as_before(string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        Assert.False(Scan(bytes));
        AssertSameOutcome(bytes, new XctipReaderOptions { Encoding = CtiEncoding.Utf8 });
    }

    [Fact]
    public void More_fields_than_the_table_holds_take_the_general_path()
    {
        var sb = new StringBuilder("<XCTIP><Future><Big_EV>");
        for (int i = 0; i <= XctipFlatFrame.MaxLeaves; i++)
        {
            sb.Append("<F").Append(i).Append('>').Append(i).Append("</F").Append(i).Append('>');
        }

        var bytes = Encoding.ASCII.GetBytes(sb.Append("</Big_EV></Future></XCTIP>").ToString());
        Assert.False(Scan(bytes));
        var message = Assert.IsType<XctipUnknownMessage>(Assert.Single(XctipCodec.Decode(bytes)));
        Assert.Equal(XctipFlatFrame.MaxLeaves + 1, message.Element.Children.Count);
    }

    [Fact]
    public void A_depth_limit_below_the_fields_still_fails_the_same_way()
    {
        var bytes = "<XCTIP><Status><Change_EV><Id>1</Id></Change_EV></Status></XCTIP>"u8.ToArray();
        var ex = Assert.Throws<XctipProtocolException>(() => XctipCodec.Decode(bytes, new XctipReaderOptions { MaxDepth = 3 }));
        Assert.Equal(XctipErrorKind.TooDeep, ex.Kind);
    }

    [Fact]
    public void Fields_unknown_unparsable_duplicated_or_given_as_leaves_for_parts_are_kept_as_on_the_general_path()
    {
        var bytes = Encoding.UTF8.GetBytes(
            "<XCTIP><Calls><Change_EV><CR>x</CR><CR>5</CR><Calling>text</Calling><Called/><Mood>ok &amp; fine</Mood><Src_Id></Src_Id>" +
            "<Calling>again</Calling></Change_EV></Calls></XCTIP>");
        Assert.True(Scan(bytes));
        var change = Assert.IsType<CallsChangeEvent>(Assert.Single(XctipCodec.Decode(bytes)));
        Assert.Equal(5, change.CR);
        Assert.Equal(new CallParty(), change.Calling);
        Assert.Equal(new CallParty(), change.Called);
        Assert.Null(change.Src_Id);
        Assert.Equal(
            [new XctipElement("CR", "x"), new XctipElement("Mood", "ok & fine"), new XctipElement("Src_Id", ""), new XctipElement("Calling", "again")],
            change.Unknown);
        AssertSameOutcome(bytes, null);
    }

    [Fact]
    public void Unknown_messages_keep_every_field()
    {
        var bytes = "<XCTIP><Future><New_EV><A>1</A><B/><C>x &lt; y</C></New_EV></Future></XCTIP>"u8.ToArray();
        Assert.True(Scan(bytes));
        var message = Assert.IsType<XctipUnknownMessage>(Assert.Single(XctipCodec.Decode(bytes)));
        Assert.Equal(new XctipElement("New_EV", new XctipElement("A", "1"), new XctipElement("B", ""), new XctipElement("C", "x < y")), message.Element);
        AssertSameOutcome(bytes, null);
        AssertSameOutcome("<XCTIP><Future><Empty_EV></Empty_EV></Future></XCTIP>"u8.ToArray(), null);
    }

    /// <summary>
    /// Every byte value at every place of a field name, both where the 16-byte name scan runs and near the end of the
    /// frame where the byte table does: the scan classifies name bytes exactly as the tokenizer, so both paths agree.
    /// </summary>
    [Fact]
    public void Every_byte_in_a_name_is_classified_as_the_tokenizer_does()
    {
        int flat = 0;
        for (int b = 0; b < 256; b++)
        {
            foreach (string prefix in new[] { "A", "Appl", "AppInfoTimeLong", "AppInfoTimeLongerXY" })
            {
                // The field's start and end tags both carry the byte; a name ending in it is also tried.
                byte[] name = [.. Encoding.ASCII.GetBytes(prefix), (byte)b, .. "x"u8];
                byte[] frame = [.. "<XCTIP><Status><Change_EV><"u8, .. name, .. ">1</"u8, .. name, .. "></Change_EV></Status></XCTIP>"u8];
                AssertSameOutcome(frame, null);
                flat += Scan(frame) ? 1 : 0;

                // The same at the very end of a frame, where fewer than 16 bytes remain.
                byte[] tail = [.. "<XCTIP><Status><Change_EV></Change_EV></Status></XCTIP"u8, (byte)b];
                AssertSameOutcome(tail, null);
                byte[] shortName = [.. "<XCTIP><S"u8, (byte)b, .. "><C/></S"u8, (byte)b, .. "></XCTIP>"u8];
                AssertSameOutcome(shortName, null);
            }
        }

        // 66 ASCII name bytes ('-', '.', digits, ':', letters, '_') and the 128 bytes from 0x80 continue a name.
        Assert.Equal((66 + 128) * 4, flat);
    }

    [Theory]
    [InlineData("<XCTIP><Status><Change_EV><Id>1002</Id><State>FREE</State><DndStat>Off</DndStat><AppState>BRB</AppState><AppInfo>Back at 14:00, call my mobile</AppInfo><AppInfoTime>2026-11-20 09:00:01</AppInfoTime></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Refresh_EV><Id>1</Id><State>BUSY</State><DndStat>On</DndStat><AppState>AVAILABLE</AppState><AppInfo></AppInfo><AppInfoTime>2024-02-29 23:59:59</AppInfoTime><CustomState>-3</CustomState><Camera>1</Camera><Door>Close</Door></Refresh_EV></Status></XCTIP>\r\n")]
    [InlineData("<XCTIP><Status><Change_EV><Door>Open</Door><Id>1050</Id></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><State>SOMETHING_NEW</State><AppInfo>Zażółć gęślą jaźń</AppInfo></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV></Change_EV></Status></XCTIP>")]
    public void Plain_presence_frames_are_read_in_one_pass_with_the_general_paths_result(string xml)
    {
        var bytes = CtiEncoding.Ibm852.GetBytes(xml);
        Assert.NotNull(ReadFused(bytes));
        Assert.Equal(XctipCodec.Decode(bytes, null, 0, allowFlat: false), XctipCodec.Decode(bytes));
    }

    [Theory]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id><Mood>fine</Mood></Change_EV></Status></XCTIP>")] // unknown field
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id><Id>2</Id></Change_EV></Status></XCTIP>")] // repeated
    [InlineData("<XCTIP><Status><Change_EV><Id/></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id></Id></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>x</Id></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>99999999999</Id></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><AppInfoTime>2026-02-30 09:00:01</AppInfoTime></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Camera>2</Camera></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><AppInfo>a &amp; b</AppInfo></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><State>FR&#69;E</State></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id></Refresh_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id></Change_EV></Status></XCTIP><!-- after -->")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id></Change_EV></Status></XCTIP>x")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id> <State>FREE</State></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id><State>FREE</State ></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Idx></Change_EV></Status></XCTIP>")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id></Change_EV></Status></XCTIP")]
    [InlineData("<XCTIP><Status><Change_EV><Id>1</Id><Calling><Number>1</Number></Calling></Change_EV></Status></XCTIP>")]
    public void Presence_frames_the_one_pass_reader_declines_decode_as_before(string xml)
    {
        var bytes = CtiEncoding.Ibm852.GetBytes(xml);
        Assert.Null(ReadFused(bytes));
        AssertSameOutcome(bytes, null);
    }

    /// <summary>Random presence frames (fields repeated, empty, unparsable or unknown; optionally damaged): all paths agree.</summary>
    [Property(MaxTest = 400)]
    public void Random_presence_frames_decode_the_same_on_every_path(int seed, byte damage)
    {
        var random = new Random(seed);
        string[] names = ["Id", "State", "DndStat", "AppState", "AppInfo", "AppInfoTime", "CustomState", "Camera", "Door", "Mood"];
        string message = random.Next(2) == 0 ? "Change_EV" : "Refresh_EV";
        var sb = new StringBuilder("<XCTIP><Status><").Append(message).Append('>');
        for (int i = random.Next(12); i > 0; i--)
        {
            string name = names[random.Next(names.Length)];
            sb.Append('<').Append(name).Append('>').Append(s_values[random.Next(s_values.Length)]).Append("</").Append(name).Append('>');
        }

        var frame = CtiEncoding.Ibm852.GetBytes(sb.Append("</").Append(message).Append("></Status></XCTIP>").ToString());
        AssertSameOutcome(frame, null);
        int at = random.Next(frame.Length);
        AssertSameOutcome([.. frame[..at], damage, .. frame[(at + 1)..]], null);
    }

    private static XctipMessage? ReadFused(byte[] frame) =>
        XctipMessageRegistry.FindFused(frame) is { } descriptor ? descriptor.FusedRead!(frame, descriptor.Header.Length, descriptor.Trailer, CtiEncoding.Ibm852) : null;

    /// <summary>Random flat frames of known and unknown messages, optionally damaged: both paths agree.</summary>
    [Property(MaxTest = 400)]
    public void Random_flat_frames_decode_the_same_on_both_paths(int seed, bool utf8, byte damage)
    {
        var random = new Random(seed);
        var encoding = utf8 ? CtiEncoding.Utf8 : CtiEncoding.Ibm852;
        var frame = encoding.GetBytes(RandomFlatFrame(random));
        var options = new XctipReaderOptions { Encoding = encoding };
        Assert.True(Scan(frame), Encoding.Latin1.GetString(frame));
        AssertSameOutcome(frame, options);

        // Damage: change, delete or insert one byte anywhere; both paths must still agree, error offsets included.
        int at = random.Next(frame.Length);
        byte[] damaged = (damage % 3) switch
        {
            0 => [.. frame[..at], damage, .. frame[(at + 1)..]],
            1 => [.. frame[..at], .. frame[(at + 1)..]],
            _ => [.. frame[..at], damage, .. frame[at..]],
        };
        AssertSameOutcome(damaged, options);
    }

    private static string RandomFlatFrame(Random random)
    {
        string module = s_modules[random.Next(s_modules.Length)];
        var names = XctipCodec.KnownMessages.Where(m => m.Module == module).Select(m => m.Name).Append("Answer").Append("New_EV").ToArray();
        string message = names[random.Next(names.Length)];
        var sb = new StringBuilder("<XCTIP><").Append(module).Append("><").Append(message).Append('>');
        int fields = random.Next(XctipFlatFrame.MaxLeaves + 1);
        for (int i = 0; i < fields; i++)
        {
            string field = s_fields[random.Next(s_fields.Length)];
            switch (random.Next(8))
            {
                case 0:
                    sb.Append('<').Append(field).Append("/>");
                    break;
                case 1:
                    sb.Append('<').Append(field).Append("></").Append(field).Append('>');
                    break;
                default:
                    sb.Append('<').Append(field).Append('>').Append(s_values[random.Next(s_values.Length)]).Append("</").Append(field).Append('>');
                    break;
            }
        }

        sb.Append("</").Append(message).Append("></").Append(module).Append("></XCTIP>");
        if (random.Next(4) == 0)
        {
            sb.Append("\r\n");
        }

        return sb.ToString();
    }

    private static bool Scan(byte[] frame) =>
        XctipFlatFrame.TryScan(frame, new XctipLeaf[XctipFlatFrame.MaxLeaves], out _, out _, out _);

    private static void AssertSameOutcome(byte[] frame, XctipReaderOptions? options)
    {
        var general = Outcome(frame, options, allowFlat: false);
        var fast = Outcome(frame, options, allowFlat: true);
        Assert.Equal(general.Error, fast.Error);
        Assert.Equal(general.Messages, fast.Messages);
    }

    private static (IReadOnlyList<XctipMessage>? Messages, string? Error) Outcome(byte[] frame, XctipReaderOptions? options, bool allowFlat)
    {
        try
        {
            return (XctipCodec.Decode(frame, options, 100, allowFlat), null);
        }
        catch (XctipProtocolException ex)
        {
            return (null, $"{ex.Kind} at {ex.ByteOffset}: {ex.Message}");
        }
    }
}
