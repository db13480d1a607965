using System.Buffers;
using System.Text;
using Slican.Cti.Protocol.Text;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Protocol.Tests.Xctip;

public class XctipCodecTests
{
    public static TheoryData<string> ExactFixtures() =>
        [.. Fixture.XctipFiles().Where(f => !f.StartsWith("11-", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(ExactFixtures))]
    public void Every_fixture_reencodes_to_the_same_bytes(string file)
    {
        var bytes = Fixture.Bytes("xctip/" + file);
        var stream = new ReadOnlySequence<byte>(bytes);
        var reader = new XctipFrameReader();
        var output = new ArrayBufferWriter<byte>();
        while (reader.TryReadFrame(ref stream, out var frame))
        {
            var messages = XctipCodec.Decode(frame);
            XctipCodec.Encode(output, [.. messages]);
        }

        Assert.Equal(Encoding.Latin1.GetString(bytes), Encoding.Latin1.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Login_fixture_decodes_to_typed_messages()
    {
        var messages = Fixture.DecodeStream(Fixture.Bytes("xctip/01-login-success.xml"));
        var info = Assert.IsType<LogInfoAnswer>(messages[0]);
        Assert.Equal(1001, info.Id);
        Assert.Equal("201", info.Number);
        Assert.Equal(LicenceLevel.CtiUserPlus, info.Licence);
        Assert.True(info.VoIP);
        Assert.False(info.RecAccess);
        var answer = Assert.IsType<XctipAnswer>(messages[1]);
        Assert.Equal(("Log", 1, true), (answer.Module, answer.CId, answer.IsSuccess));

        var failure = Assert.IsType<XctipAnswer>(Assert.Single(Fixture.DecodeStream(Fixture.Bytes("xctip/02-login-failure.xml"))));
        Assert.False(failure.IsSuccess);
        Assert.Equal("Wrong login or password", failure.Error);
    }

    [Fact]
    public void Ibm852_presence_burst_decodes_polish_letters()
    {
        var messages = Fixture.DecodeStream(Fixture.Bytes("xctip/03-status-refresh-burst.ibm852.xml"));
        Assert.Equal(3, messages.Count);
        var first = Assert.IsType<StatusRefreshEvent>(messages[0]);
        Assert.Equal("Urlop do piątku, pilne sprawy: Łukasz", first.AppInfo);
        Assert.Equal(AppState.Available, first.AppState);
        Assert.Equal(DndState.Off, first.DndStat);
        Assert.Equal(new DateTime(2026, 11, 20, 8, 15, 0), first.AppInfoTime);
        var door = Assert.IsType<StatusRefreshEvent>(messages[2]);
        Assert.Equal((1050, true, DoorState.Close), (door.Id, door.Camera, door.Door));
    }

    [Fact]
    public void Pretty_printed_frames_with_an_ibm852_declaration_decode()
    {
        var messages = Fixture.DecodeStream(Fixture.Bytes("xctip/11-pretty-with-prolog.ibm852.xml"), new XctipReaderOptions { Encoding = CtiEncoding.Utf8 });
        var update = Assert.IsType<StatusUpdateRequest>(messages[1]);
        Assert.Equal("Spotkanie w Łodzi", update.AppInfo); // the declaration overrode the UTF-8 default
        Assert.Equal(13, update.CId);
    }

    [Fact]
    public void Call_events_follow_one_call_reference()
    {
        var events = Fixture.DecodeStream(Fixture.Bytes("xctip/08-calls-change.xml")).Cast<CallsChangeEvent>().ToList();
        Assert.Equal(
            [CallsState.NewCall, CallsState.Connect, CallsState.Disconnect, CallsState.Release],
            events.Where(e => e.CR == 4118).Select(e => e.CallsState!.Value));
        Assert.Equal("0712345678", events[0].Calling!.Number);
        Assert.Equal("GSM", events[0].Calling!.AreaCode);
        Assert.Equal("SuboIP", events[0].Called!.TerminalType);
        Assert.Equal("201", events[1].Colp!.Number);
        Assert.Equal(ReleaseCause.Normal, events[3].RelCause);
        Assert.Equal(ReleaseCause.CallIntercepted, events[5].RelCause);
        Assert.Equal("Customers", events[4].Calling!.Group);
    }

    [Fact]
    public void Several_modules_and_messages_in_one_frame_decode_in_order()
    {
        var messages = Fixture.DecodeStream(Fixture.Bytes("xctip/13-multi-message.xml"));
        Assert.Equal(["Status/Change_EV", "Status/Change_EV", "Sync/Change_EV"], messages.Select(m => $"{m.Module}/{m.Name}"));
    }

    [Fact]
    public void Unknown_modules_messages_and_fields_pass_through_unchanged()
    {
        const string xml = "<XCTIP><Future><New_EV><A>1</A><B><C>x &amp; y</C></B></New_EV></Future>" +
            "<Status><Change_EV><Id>5</Id><Mood>happy</Mood><State>DANCING</State><Camera>maybe</Camera></Change_EV><Brand_New><X></X></Brand_New></Status>" +
            "<Future><Answer><CId>7</CId><Error>nope</Error></Answer></Future></XCTIP>";
        var bytes = Encoding.ASCII.GetBytes(xml);
        var messages = XctipCodec.Decode(bytes);

        var unknown = Assert.IsType<XctipUnknownMessage>(messages[0]);
        Assert.Equal(("Future", "New_EV"), (unknown.Module, unknown.Name));
        Assert.Equal("x & y", unknown.Element.Child("B")!.Child("C")!.Text);

        var change = Assert.IsType<StatusChangeEvent>(messages[1]);
        Assert.Equal(new PhoneState("DANCING"), change.State); // unknown word kept as is
        Assert.Null(change.Camera); // not 0/1: kept raw instead
        Assert.Equal(["Mood", "Camera"], change.Unknown.Select(e => e.Name));

        Assert.IsType<XctipUnknownMessage>(messages[2]);
        var answer = Assert.IsType<XctipAnswer>(messages[3]); // Answer correlates in any module
        Assert.Equal(("Future", 7, "nope"), (answer.Module, answer.CId, answer.Error));

        // Written back, the frame carries the same information: decoding it again gives equal messages.
        var again = XctipCodec.Decode(XctipCodec.ToBytes([.. messages]));
        Assert.Equal(messages, again);
    }

    [Fact]
    public void Duplicate_single_fields_are_kept_not_overwritten()
    {
        var messages = XctipCodec.Decode("<XCTIP><Status><Change_EV><Id>1</Id><Id>2</Id></Change_EV></Status></XCTIP>"u8);
        var change = Assert.IsType<StatusChangeEvent>(Assert.Single(messages));
        Assert.Equal(1, change.Id);
        Assert.Equal(new XctipElement("Id", "2"), Assert.Single(change.Unknown));
    }

    [Fact]
    public void Writer_escapes_markup_and_references_characters_outside_the_code_page()
    {
        var update = new StatusUpdateRequest { CId = 3, AppInfo = "a<b>&c\r\n€😀ł" };
        var bytes = XctipCodec.ToBytes(update);
        Assert.Equal(
            "<XCTIP><Status><Update_REQ><CId>3</CId><AppInfo>a&lt;b&gt;&amp;c&#xD;\n&#x20AC;&#x1F600;\u0088</AppInfo></Update_REQ></Status></XCTIP>",
            Encoding.Latin1.GetString(bytes));
        Assert.Equal(update, Assert.Single(XctipCodec.Decode(bytes)));
    }

    [Fact]
    public void Declaration_is_written_on_request_and_names_the_encoding()
    {
        var options = new XctipWriterOptions { Encoding = CtiEncoding.Utf8, WriteDeclaration = true };
        var bytes = XctipCodec.ToBytes(options, new WatchdogTest());
        Assert.Equal("<?xml version=\"1.0\" encoding=\"utf-8\"?><XCTIP><Stream><WDTest></WDTest></Stream></XCTIP>", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void An_unsupported_declared_encoding_is_a_protocol_error()
    {
        var ex = Assert.Throws<XctipProtocolException>(() => XctipCodec.Decode("<?xml version=\"1.0\" encoding=\"EBCDIC\"?><XCTIP></XCTIP>"u8));
        Assert.Equal(XctipErrorKind.UnsupportedEncoding, ex.Kind);
    }

    [Fact]
    public void Passwords_never_appear_in_ToString()
    {
        var login = new MakeLogRequest { CId = 1, Login = "201", Pass = "s3cr3t-pass" };
        Assert.DoesNotContain("s3cr3t-pass", login.ToString(), StringComparison.Ordinal);
        Assert.Contains("201", login.ToString(), StringComparison.Ordinal);
        var register = new CallsRegisterRequest { CId = 1, Id = 1001, Pass = "s3cr3t-pass" };
        Assert.DoesNotContain("s3cr3t-pass", register.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_can_be_stamped_with_a_correlation_id_through_the_base_type()
    {
        XctipRequest request = new StatusUpdateRequest { AppState = AppState.Busy };
        var stamped = request with { CId = 42 };
        var update = Assert.IsType<StatusUpdateRequest>(stamped);
        Assert.Equal((42, AppState.Busy), (update.CId, update.AppState));
    }
}
