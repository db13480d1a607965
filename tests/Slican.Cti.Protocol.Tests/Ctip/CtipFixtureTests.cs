using System.Buffers;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Text;
using static Slican.Cti.Protocol.Tests.Ctip.CtipTestSupport;

namespace Slican.Cti.Protocol.Tests.Ctip;

public class CtipFixtureTests
{
    private const string SessionFile = "01-session-and-events.txt";
    private const string CommandsFile = "02-client-commands.txt";

    // Strict: a fixture line that fell back to CtipUnknownMessage would fail the test instead of hiding.
    private static readonly CtipReaderOptions Strict = new() { UnparseableAsUnknown = false };

    private static readonly CtipMessage[] SessionMessages =
    [
        new CtipWho(),
        new CtipOk(["IPL-0256", "NO00025", "v6.55.0410/15", "2026.11.20", "10:13'33"]),
        new CtipLoginAll(null),
        new CtipOk(["IPL", "6.55", "15"]),
        CtipTestFrame.Instance,
        new CtipState("201", CtipHookState.OnHook, CtipServices.None),
        new CtipRing("201", "0612345678", "5001", "201", null, "ACME Ltd"),
        new CtipState("201", CtipHookState.OffHook, CtipServices.None),
        new CtipConnected("201", "0612345678", "5001"),
        new CtipReleased("201", CtipReleaseCause.NormalClearing),
        new CtipState("201", CtipHookState.OnHook, CtipServices.None),
        new CtipDialReady("202"),
        new CtipEcho("202", "5"),
        new CtipEcho("202", "/109"),
        new CtipConnected("202", "/109", "0"),
        new CtipCharge("202", 0.38m),
        new CtipReleased("202", CtipReleaseCause.CalledPartyBusy),
        new CtipRing("203", "/205", "0", "/203", null, "Abonent 205"),
        new CtipReleased("203", CtipReleaseCause.CallIntercepted),
        new CtipCallWaiting("201", "0698765432", null),
        new CtipUserTag("201", "IdSub=112"),
        new CtipNotAccepted(CtipNaReason.CtiNotPermitted),
        new CtipError(),
        CtipTestFrame.Instance,
        new CtipSmsAccepted("G001", 28),
        new CtipSmsDelivered("G001", 2, 28, "600333444"),
        new CtipSmsReceived("G001", 3, "600333444", CtipSmsType.Normal, new CtipSmsPart(0, 1, 1),
            new DateTime(2026, 11, 20, 10, 5, 0, DateTimeKind.Unspecified), "Hello\nsecond line with \\ backslash"),
    ];

    private static readonly CtipMessage[] CommandMessages =
    [
        new CtipWho(),
        new CtipLogin("201", "1234"),
        new CtipRequestState("201"),
        new CtipDial("201", "0612345678"),
        new CtipReject("201", "205"),
        new CtipForward("201", CtipForwardCondition.Busy, CtipForwardScope.All, 3, "600123456"),
        new CtipForwardDelete("201"),
        new CtipDnd("201", true),
        new CtipLogout("201"),
        new CtipGsmLogin("G001", "1111", "UTF8"),
        new CtipSmsSend("G001", "600333444", null, CtipSmsCoding.Gsm7Bit, CtipSmsType.Normal, 167, "Text with \n newline"),
        new CtipSmsOk("G001", 3),
        new CtipLogout("G001"),
    ];

    public static TheoryData<string> Files => new() { SessionFile, CommandsFile };

    private static CtipMessage[] Expected(string file) => file == SessionFile ? SessionMessages : CommandMessages;

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_line_parses_to_the_expected_model(string file)
    {
        var messages = ReadAll(new CtipLineReader(Strict), [Fixture(file)]);

        Assert.Equal(Expected(file), messages);
    }

    [Fact]
    public void Session_values_are_typed()
    {
        var m = ReadAll(new CtipLineReader(Strict), [Fixture(SessionFile)]);

        var ring = Assert.IsType<CtipRing>(m[6]);
        Assert.Equal("0612345678", ring.Caller);
        Assert.Equal("ACME Ltd", ring.Comment);
        Assert.False(ring.IsInternalCaller);
        Assert.True(Assert.IsType<CtipRing>(m[17]).IsInternalCaller);
        Assert.True(Assert.IsType<CtipConnected>(m[14]).IsInternal);
        Assert.Equal(CtipReleaseCause.CalledPartyBusy, Assert.IsType<CtipReleased>(m[16]).Cause);
        Assert.Equal("called party busy", Assert.IsType<CtipReleased>(m[16]).Cause.GetDescription());
        Assert.Equal(0.38m, Assert.IsType<CtipCharge>(m[15]).Amount);

        var sms = Assert.IsType<CtipSmsReceived>(m[26]);
        Assert.Contains('\n', sms.Text);
        Assert.Equal(1, sms.Text.Count(c => c == '\\'));
        Assert.Equal(DateTimeKind.Unspecified, sms.Timestamp.Kind);

        Assert.True(Assert.IsType<CtipOk>(m[1]).TryGetWhoReply(out var who));
        Assert.Equal(new CtipWhoReply("IPL-0256", "NO00025", "6.55.0410", 15, new DateTime(2026, 11, 20, 10, 13, 33), true), who);
        Assert.True(Assert.IsType<CtipOk>(m[3]).TryGetLoginReply(out var login));
        Assert.Equal(new CtipLoginReply("IPL", "6.55", 15, null, null), login);
        Assert.False(Assert.IsType<CtipOk>(m[3]).TryGetWhoReply(out _));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Writing_the_parsed_messages_reproduces_the_file_byte_for_byte(string file)
    {
        byte[] data = Fixture(file);
        var output = new ArrayBufferWriter<byte>();

        foreach (var message in ReadAll(new CtipLineReader(Strict), [data]))
        {
            CtipCodec.Write(message, output, CtiEncoding.Ibm852);
        }

        Assert.Equal(data, output.WrittenSpan.ToArray());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Splitting_at_every_position_gives_the_same_messages(string file)
    {
        byte[] data = Fixture(file);
        for (int cut = 0; cut <= data.Length; cut++)
        {
            var reader = new CtipLineReader(Strict);
            var messages = ReadAll(reader, Split(data, cut));

            Assert.Equal(Expected(file), messages);
            Assert.Equal(data.Length, reader.BytesConsumed);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void One_byte_segments_give_the_same_messages(string file)
    {
        byte[] data = Fixture(file);

        Assert.Equal(Expected(file), ReadAll(new CtipLineReader(Strict), Bytewise(data)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_whole_file_as_one_multi_segment_buffer_gives_the_same_messages(string file)
    {
        byte[] data = Fixture(file);
        var chunks = Bytewise(data).Select(b => (ReadOnlyMemory<byte>)b).ToList();
        var buffer = Protocol.Tests.Fixture.Sequence(chunks);
        var reader = new CtipLineReader(Strict);
        var messages = new List<CtipMessage>();
        while (reader.TryReadMessage(ref buffer, out var message))
        {
            messages.Add(message);
        }

        Assert.Equal(Expected(file), messages);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Gsm_login_reply_and_extension_login_reply_are_read()
    {
        var gsm = Assert.IsType<CtipOk>(CtipCodec.Parse("aOK IPL 6.22p 12 600123456"u8, CtiEncoding.Ibm852));
        var ext = Assert.IsType<CtipOk>(CtipCodec.Parse("aOK IPL 6.22 12 1"u8, CtiEncoding.Ibm852));

        Assert.True(gsm.TryGetGsmLoginReply(out var g));
        Assert.Equal(new CtipLoginReply("IPL", "6.22p", 12, null, "600123456"), g);
        Assert.True(ext.TryGetLoginReply(out var e));
        Assert.Equal(new CtipLoginReply("IPL", "6.22", 12, CtipPhoneType.Analog, null), e);
        Assert.False(new CtipOk().TryGetLoginReply(out _));
    }

    [Fact]
    public void Who_reply_with_winter_time_comma_is_read()
    {
        var ok = Assert.IsType<CtipOk>(CtipCodec.Parse("aOK NCP-000 NO03914 v1.23.0140/15 2025.10.10 01:54,59"u8, CtiEncoding.Ibm852));

        Assert.True(ok.TryGetWhoReply(out var who));
        Assert.Equal("NCP-000", who.Model);
        Assert.Equal("1.23.0140", who.Firmware);
        Assert.Equal(new DateTime(2025, 10, 10, 1, 54, 59), who.PbxTime);
        Assert.False(who.IsSummerTime);
    }
}
