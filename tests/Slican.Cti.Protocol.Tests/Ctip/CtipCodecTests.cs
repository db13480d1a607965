using System.Buffers;
using System.Text;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Text;
using static Slican.Cti.Protocol.Tests.Ctip.CtipTestSupport;

namespace Slican.Cti.Protocol.Tests.Ctip;

public class CtipCodecTests
{
    private static readonly CtipReaderOptions Strict = new() { UnparseableAsUnknown = false };

    private static CtipMessage Parse(string line, CtipReaderOptions? options = null) =>
        CtipCodec.Parse(Encoding.ASCII.GetBytes(line), CtiEncoding.Ibm852, options);

    private static string Write(CtipMessage message) => Encoding.Latin1.GetString(CtipCodec.ToBytes(message));

    [Theory]
    [InlineData("aRING 201_ 0612345678 5001 201 _")]            // comment missing
    [InlineData("aRING 201_ 0612345678 5001 201 _ A B")]        // extra field
    [InlineData("aREL 201_ seventeen")]
    [InlineData("aREL 201_ 017")]                               // would not write back identically
    [InlineData("aREL 201 17")]                                 // unpadded extension
    [InlineData("aREL 2010_ 17")]                               // padding beyond four characters
    [InlineData("aSTAT 201_ X f d l a p c q")]
    [InlineData("aSTAT 201_ h f d l a p c")]
    [InlineData("aAOC 202_ 1e3")]
    [InlineData("aSMSG G001 3 600333444 N 0,1,1 2026-13-20_10:05:00 x")]
    [InlineData("aSMSG G001 3 600333444 N 0,1,1 2026-11-20_10:05:00 bad \\x escape")]
    [InlineData("aSMSS G001 600333444 C1 N 300 text")]
    [InlineData("aFWD 201_ B A 12 600123456")]
    [InlineData("aERROR 5")]
    [InlineData("aNA x")]
    [InlineData("aDND 201_ X")]
    [InlineData("aSMSA G001 X 28")]
    public void Malformed_known_commands_become_unknown_by_default_keeping_every_token(string line)
    {
        var unknown = Assert.IsType<CtipUnknownMessage>(Parse(line));

        Assert.Equal(line, Write(unknown)[..^2]);
        Assert.Equal(line[1..].Split(' ')[0], unknown.Command);
    }

    [Theory]
    [InlineData("aRING 201_ 0612345678 5001 201 _", "RING <ext4>")]
    [InlineData("aREL 201_ x", "REL <ext4> <cause>")]
    [InlineData("aSMSR G001 D x 28", "SMSR G<nnn>")]
    public void Strict_mode_raises_with_the_expected_usage_and_the_line_offset(string line, string usage)
    {
        byte[] data = Encoding.ASCII.GetBytes("aDRDY 202_\r\n" + line + "\r\n");
        var reader = new CtipLineReader(Strict);
        var errors = new List<CtipProtocolException>();

        var messages = ReadAll(reader, [data], errors);

        Assert.Equal([new CtipDialReady("202")], messages);
        var error = Assert.Single(errors);
        Assert.Equal(12, error.ByteOffset);
        Assert.Contains(usage, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_errors_on_secret_lines_do_not_preview_the_key()
    {
        var ex = Assert.Throws<CtipProtocolException>(() => Parse("aLOGI 201_ 9876 extra", Strict));

        Assert.DoesNotContain("9876", ex.Message, StringComparison.Ordinal);
        Assert.Equal("aLOGI", ex.Preview);
    }

    [Theory]
    [InlineData("RING 201_ x")]
    [InlineData("x")]
    [InlineData("a")]
    [InlineData("a RING")]
    [InlineData("tt")]
    public void Lines_without_the_marker_or_command_always_raise(string line)
    {
        Assert.Throws<CtipProtocolException>(() => Parse(line));
        Assert.Throws<CtipProtocolException>(() => Parse(line, Strict));
    }

    [Fact]
    public void Unknown_commands_pass_through_byte_equivalently()
    {
        var message = Assert.IsType<CtipUnknownMessage>(Parse("aXYZW 1 two  3_ "));

        Assert.Equal(["1", "two", "", "3_", ""], message.Arguments);
        Assert.Equal("aXYZW 1 two  3_ \r\n", Write(message));
        Assert.Equal("aNEWCMD\r\n", Write(Parse("aNEWCMD")));
    }

    [Fact]
    public void Test_frame_is_a_bare_t()
    {
        Assert.Same(CtipTestFrame.Instance, Parse("t"));
        Assert.Equal("t\r\n", Write(CtipTestFrame.Instance));
    }

    [Fact]
    public void Extensions_are_unpadded_in_models_and_padded_when_written()
    {
        Assert.Equal("201_", CtipExtension.Pad("201"));
        Assert.Equal("10__", CtipExtension.Pad("10"));
        Assert.Equal("12345", CtipExtension.Pad("12345"));
        Assert.Equal("10", CtipExtension.Unpad("10__"));
        Assert.Equal(new CtipDialReady("12345"), Parse("aDRDY 12345"));
        Assert.Equal("aDRDY 10__\r\n", Write(new CtipDialReady("10")));
        Assert.Equal("aRQST 12345\r\n", Write(new CtipRequestState("12345")));
        Assert.True(CtipExtension.IsInternal("/109"));
        Assert.False(CtipExtension.IsInternal("0612345678"));
        Assert.False(CtipExtension.IsInternal(null));
    }

    [Fact]
    public void None_fields_and_comments_map_to_null_and_underscore()
    {
        var ring = new CtipRing("201", null, "0", "201", null, null);

        Assert.Equal("aRING 201_ _ 0 201 _ _\r\n", Write(ring));
        Assert.Equal(ring, Parse("aRING 201_ _ 0 201 _ _"));
        Assert.Equal("aCW 201_ _ Jan_Kowalski_Sp.\r\n", Write(new CtipCallWaiting("201", null, "Jan Kowalski Sp.")));
    }

    [Fact]
    public void State_flags_map_letter_case_to_services()
    {
        var state = Assert.IsType<CtipState>(Parse("aSTAT 105_ o F d L a P c Q"));

        Assert.Equal(CtipHookState.OutOfOrder, state.Hook);
        Assert.Equal(CtipServices.Forward | CtipServices.Locked | CtipServices.Parked | CtipServices.Queue, state.Services);
        Assert.Equal("aSTAT 105_ o F d L a P c Q\r\n", Write(state));
    }

    [Fact]
    public void Sms_send_with_multipart_and_coding_round_trips()
    {
        var sms = Assert.IsType<CtipSmsSend>(Parse("aSMSS G001 +48600333444 M7,2,3 C2 f 167 a\\\\b\\nc"));

        Assert.Equal(new CtipSmsPart(7, 2, 3), sms.Multipart);
        Assert.Equal(CtipSmsCoding.Ucs2, sms.Coding);
        Assert.Equal(CtipSmsType.FlashNoReport, sms.Type);
        Assert.Equal("a\\b\nc", sms.Text);
        Assert.Equal("aSMSS G001 +48600333444 M7,2,3 C2 f 167 a\\\\b\\nc\r\n", Write(sms));
        Assert.Equal("aSMSS G001 1 N 167 x\\ny\\nz\r\n", Write(new CtipSmsSend("G001", "1", null, null, CtipSmsType.Normal, 167, "x\r\ny\rz")));
    }

    [Fact]
    public void Sms_report_forms_parse()
    {
        Assert.Equal(new CtipSmsDeliveryFailed("G001", 4, 108, 70, "600333444"), Parse("aSMSR G001 E 4 108 70 600333444"));
        Assert.Equal(new CtipSmsDelivered("G001", 2, 108, null), Parse("aSMSR G001 D 2 108"));
        Assert.Equal(new CtipSmsRejected("G001", 70), Parse("aSMSA G001 R 70"));
    }

    [Fact]
    public void Remaining_commands_parse_and_write_back()
    {
        string[] lines =
        [
            "aPICK 201_", "aHANG 201_", "aMCID 201_", "aREJ 201_", "aACC 201_ T 55__ 1234", "aACC 201_ F",
            "aLOCK 201_ T 4321", "aLOCK 201_ F", "aDND 201_ F", "aFWD 201_ N G 0 /205", "aLOGI G002 ____",
            "aRECB 201_ 123456700", "aRECC 201_ 123456700", "aRECE 201_ 123456700 192.168.0.10 rec/2026/11/123456700.wav",
            "aNA", "aOK", "aUTAG 201_ tag with spaces", "aLOGA 1234", "aREL 201_ 99",
        ];

        foreach (string line in lines)
        {
            var message = Parse(line, Strict);
            Assert.IsNotType<CtipUnknownMessage>(message);
            Assert.Equal(line + "\r\n", Write(message));
        }

        Assert.Equal("unknown cause 99", Assert.IsType<CtipReleased>(Parse("aREL 201_ 99")).Cause.GetDescription());
        Assert.Null(Assert.IsType<CtipNotAccepted>(Parse("aNA")).Reason);
    }

    [Fact]
    public void ToString_never_shows_keys_or_pins()
    {
        CtipMessage[] secrets =
        [
            new CtipLogin("201", "9876"),
            new CtipGsmLogin("G001", "9876", "UTF8"),
            new CtipLoginAll("9876"),
            new CtipAccount("201", true, "55", "9876"),
            new CtipLock("201", true, "9876"),
            Parse("aLOGI 201_ 9876"),
            Parse("aACC 201_ T 55__ 9876"),
        ];

        foreach (var message in secrets)
        {
            string text = message.ToString();
            Assert.DoesNotContain("9876", text, StringComparison.Ordinal);
            Assert.Contains("***", text, StringComparison.Ordinal);
        }

        Assert.Contains("201", secrets[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ibm852_polish_letters_in_comment_and_sms_decode()
    {
        // "Łódź Ściółka" in code page 852: Ł=9D ó=A2 d ź=AB, space→_, Ś=97 c i=69 ó=A2 ł=88 k a.
        byte[] ring = [.. "aRING 201_ 0612345678 5001 201 _ "u8, 0x9D, 0xA2, (byte)'d', 0xAB, (byte)'_', 0x97, (byte)'c', (byte)'i', 0xA2, 0x88, (byte)'k', (byte)'a'];
        // "ąćęłńóśźż" in code page 852.
        byte[] letters = [0xA5, 0x86, 0xA9, 0x88, 0xE4, 0xA2, 0x98, 0xAB, 0xBE];
        byte[] smsg = [.. "aSMSG G001 3 600333444 N 0,1,1 2026-11-20_10:05:00 "u8, .. letters];

        var parsedRing = Assert.IsType<CtipRing>(CtipCodec.Parse(ring, CtiEncoding.Ibm852));
        var parsedSms = Assert.IsType<CtipSmsReceived>(CtipCodec.Parse(smsg, CtiEncoding.Ibm852));

        Assert.Equal("Łódź Ściółka", parsedRing.Comment);
        Assert.Equal("ąćęłńóśźż", parsedSms.Text);
        Assert.Equal([.. ring, 13, 10], CtipCodec.ToBytes(parsedRing, CtiEncoding.Ibm852));
        Assert.Equal([.. smsg, 13, 10], CtipCodec.ToBytes(parsedSms));
    }

    [Fact]
    public void Encoding_from_the_options_is_used_by_the_reader()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes("aUTAG 201_ zażółć\r\n");
        var reader = new CtipLineReader(new CtipReaderOptions { Encoding = CtiEncoding.Utf8 });

        var message = Assert.Single(ReadAll(reader, [utf8]));

        Assert.Equal(new CtipUserTag("201", "zażółć"), message);
    }

    [Fact]
    public void Writer_rejects_fields_the_wire_cannot_carry()
    {
        Assert.Throws<ArgumentException>(() => CtipCodec.ToBytes(new CtipDial("201", "12 34")));
        Assert.Throws<ArgumentException>(() => CtipCodec.ToBytes(new CtipDial("201_", "1234")));
        Assert.Throws<ArgumentNullException>(() => CtipCodec.ToBytes(new CtipDial("201", null!)));
        Assert.Throws<ArgumentException>(() => CtipCodec.ToBytes(new CtipUserTag("201", "a\r\nb")));
        Assert.Throws<ArgumentOutOfRangeException>(() => CtipCodec.ToBytes(new CtipForward("201", CtipForwardCondition.Busy, CtipForwardScope.All, 10, "1")));
        Assert.ThrowsAny<ArgumentException>(() => CtipCodec.ToBytes(new CtipAccount("201", true, null, null)));
    }

    [Fact]
    public void Gsm_login_code_page_maps_to_an_encoding()
    {
        Assert.True(new CtipGsmLogin("G001", "1111", "UTF8").TryGetEncoding(out var utf8));
        Assert.Same(CtiEncoding.Utf8, utf8);
        Assert.True(new CtipGsmLogin("G001", "1111", null).TryGetEncoding(out var pbx));
        Assert.Same(CtiEncoding.Ibm852, pbx);
        Assert.True(new CtipGsmLogin("G001", "1111", "WIN1257").TryGetEncoding(out var baltic));
        Assert.Same(CtiEncoding.Windows1257, baltic);
        Assert.False(new CtipGsmLogin("G001", "1111", "KOI8").TryGetEncoding(out _));
    }

    [Fact]
    public void Descriptions_cover_every_named_code()
    {
        foreach (var cause in Enum.GetValues<CtipReleaseCause>())
        {
            Assert.DoesNotContain("unknown", cause.GetDescription(), StringComparison.Ordinal);
        }

        foreach (var reason in Enum.GetValues<CtipNaReason>())
        {
            Assert.DoesNotContain("unknown", reason.GetDescription(), StringComparison.Ordinal);
        }

        Assert.Equal(25, Enum.GetValues<CtipReleaseCause>().Length);
        Assert.Equal(29, Enum.GetValues<CtipNaReason>().Length);
        Assert.Equal("unknown NA code 104", ((CtipNaReason)104).GetDescription());
        Assert.Equal("CTI application not permitted (PBX configuration CTI=0)", CtipNaReason.CtiNotPermitted.GetDescription());
    }
}
