using System.Text;
using Slican.Cti.Protocol.Text;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Protocol.Tests.Xctip;

/// <summary>The modeled message layer (docs/protocol.md section 5): round trips, documented frames, redaction, unknown children.</summary>
public class ModeledMessagesTests
{
    private const string Text = "Zażółć gęślą jaźń <a & b> \"ŁÓDŹ\"";
    private static readonly DateTime Time = new(2026, 11, 20, 10, 20, 0);

    private static readonly string[] ModeledModules = ["Services", "CC", "Door", "Conf", "File", "Location"];

    private static readonly ForwardingRule[] Rules =
    [
        new() { Type = ForwardingType.All, On = false, Number = "", Rings = 0 },
        new() { Type = ForwardingType.NoAnswer, On = true, Number = "205 <&> ęą", Rings = 4 },
    ];

    private static readonly CallCenterQueue Queue1 = new() { QueueId = 3, Name = Text, LoggedIn = true, Paused = false, Agents = 4, Waiting = 2 };
    private static readonly CallCenterQueue Queue2 = new() { QueueId = 7, Name = "Sprzedaż & <Obsługa>", LoggedIn = false, Paused = true, Agents = 0, Waiting = 11 };

    /// <summary>One non-trivial instance of every modeled message type.</summary>
    private static readonly XctipMessage[] Samples =
    [
        new MakeCallRequest { CId = 21, Number = "0612345678" },
        new AnswerCallRequest { CId = 2, CR = 4130 },
        new ReleaseCallRequest { CId = 3, CR = 4131 },
        new RejectCallRequest { CId = 25, CR = 4140, Number = "206" },
        new HoldCallRequest { CId = 4, CR = 4130 },
        new RetrieveCallRequest { CId = 5, CR = 4130 },
        new TransferCallRequest { CId = 23, CR = 4130, Number = "205", Mode = TransferMode.Announced, ConsultCR = 4131 },
        new DtmfRequest { CId = 6, CR = 4130, Digits = "12*#0" },
        new PickupCallRequest { CId = 26, Number = "207" },
        new ConferenceCallRequest { CId = 7, CR = 4130, ConsultCR = 4131 },
        new ServicesGetRequest { CId = 30 },
        new ServicesAnswer { CId = 30, Dnd = DndState.Off, Fwd = Rules },
        new ServicesSetRequest { CId = 31, Dnd = DndState.On, Fwd = Rules[1..] },
        new ServicesChangeEvent { Id = 1001, Dnd = DndState.Create("Weird"), Fwd = Rules },
        new CallCenterRegisterRequest { CId = 40 },
        new CallCenterQueuesAnswer { CId = 40, Queue = new[] { Queue1, Queue2 } },
        new CallCenterAgentLoginRequest { CId = 41, QueueId = 3 },
        new CallCenterAgentLogoutRequest { CId = 42, QueueId = 3 },
        new CallCenterPauseRequest { CId = 43, On = true, Reason = Text },
        new CallCenterQueueEvent { Queue = Queue2 },
        new CallCenterCallbackDoneRequest { CId = 44, CbId = 77, Result = CallbackResult.Cancelled },
        new DoorOpenRequest { CId = 50, Id = 1050 },
        new DoorCameraRequest { CId = 51, Id = 1050 },
        new DoorCameraAnswer { CId = 51, Id = 1050, Url = "rtsp://192.168.0.20:554/stream1?a=1&b=2", Login = "widz <ó>", Pass = "hasło&<>" },
        new ConferenceCreateRequest { CId = 60, ConferenceName = Text, Member = new[] { "122", "205" } },
        new ConferenceAnswer { CId = 60, ConfId = 9, ConferenceName = Text, Member = new[] { "201", "122", "205" } },
        new ConferenceEditRequest { CId = 61, ConfId = 9, ConferenceName = "Nowa nazwa <żółw>", Member = new[] { "201", "122" } },
        new ConferenceLeaveRequest { CId = 62, ConfId = 9 },
        new ConferenceChangeEvent { ConfId = 9, ConferenceName = Text, Member = new[] { "201" }, Deleted = true },
        new FileOfferRequest { CId = 80, Number = "122", FileName = "oferta <końcowa> & pełna.pdf", Size = 5_000_000_000L, Clipboard = false },
        new FileOfferAnswer { CId = 80, Token = "f3a9c1", Url = "https://192.168.0.10/files/f3a9c1?x=<1>&y=2" },
        new FileOfferEvent { Number = "201", FileName = Text, Size = 183422, Token = "f3a9c1", Url = "https://192.168.0.10/files/f3a9c1", Clipboard = true },
        new LocationShareRequest { CId = 90, Id = new[] { 1022, 1005, -1 }, On = true },
        new LocationUpdateRequest { CId = 91, Lat = -33.856784m, Lon = 151.215297m },
        new LocationPositionEvent { Id = 1001, Lat = 52.229675m, Lon = 21.012230m, Time = Time },
    ];

    public static TheoryData<int, string> RoundTripCases()
    {
        var data = new TheoryData<int, string>();
        for (int i = 0; i < Samples.Length; i++)
        {
            data.Add(i, "IBM852");
            data.Add(i, "UTF-8");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void Round_trip_gives_an_equal_typed_record(int index, string encodingName)
    {
        var message = Samples[index];
        var encoding = CtiEncoding.GetByName(encodingName);
        byte[] bytes = XctipCodec.ToBytes(new XctipWriterOptions { Encoding = encoding }, message);
        var decoded = Assert.Single(XctipCodec.Decode(bytes, new XctipReaderOptions { Encoding = encoding }));
        Assert.IsNotType<XctipUnknownMessage>(decoded);
        Assert.IsType(message.GetType(), decoded);
        Assert.Equal(message, decoded);
        Assert.Empty(decoded.Unknown);
        Assert.Equal(bytes, XctipCodec.ToBytes(new XctipWriterOptions { Encoding = encoding }, decoded));
    }

    [Fact]
    public void Every_modeled_message_type_has_a_round_trip_sample()
    {
        string[] verifiedCalls = [nameof(CallsRegisterRequest), nameof(CallsChangeEvent)];
        var modeled = XctipCodec.KnownMessages
            .Where(m => ModeledModules.Contains(m.Module) || (m.Module == "Calls" && !verifiedCalls.Contains(m.Type.Name)))
            .Select(m => m.Type)
            .ToHashSet();
        Assert.Equal(35, modeled.Count);
        Assert.True(modeled.SetEquals(Samples.Select(s => s.GetType())));
    }

    [Theory]
    [InlineData("Calls", "MakeCall_REQ", typeof(MakeCallRequest))]
    [InlineData("Calls", "Answer_REQ", typeof(AnswerCallRequest))]
    [InlineData("Calls", "Dtmf_REQ", typeof(DtmfRequest))]
    [InlineData("Calls", "Register_REQ", typeof(CallsRegisterRequest))]
    [InlineData("Services", "Services_ANS", typeof(ServicesAnswer))]
    [InlineData("CC", "Queues_ANS", typeof(CallCenterQueuesAnswer))]
    [InlineData("Door", "Camera_ANS", typeof(DoorCameraAnswer))]
    [InlineData("Conf", "Conf_ANS", typeof(ConferenceAnswer))]
    [InlineData("File", "Offer_EV", typeof(FileOfferEvent))]
    [InlineData("Location", "Position_EV", typeof(LocationPositionEvent))]
    public void Message_names_map_to_their_types(string module, string name, Type type)
    {
        Assert.Equal(type, XctipCodec.GetMessageType(module, name));
        var sample = Samples.FirstOrDefault(s => s.GetType() == type);
        if (sample is not null)
        {
            Assert.Equal(module, sample.Module);
            Assert.Equal(name, sample.Name);
        }
    }

    [Fact]
    public void Calls_transfer_example_from_the_docs()
    {
        const string frame = "<XCTIP><Calls><Transfer_REQ><CId>23</CId><CR>4130</CR><Number>205</Number><Mode>Announced</Mode><ConsultCR>4131</ConsultCR></Transfer_REQ></Calls></XCTIP>";
        var m = Assert.IsType<TransferCallRequest>(DecodeDocFrame(frame));
        Assert.Equal(23, m.CId);
        Assert.Equal(4130, m.CR);
        Assert.Equal("205", m.Number);
        Assert.Equal(TransferMode.Announced, m.Mode);
        Assert.Equal(4131, m.ConsultCR);
    }

    [Fact]
    public void Calls_group_pickup_example_from_the_docs()
    {
        var m = Assert.IsType<PickupCallRequest>(DecodeDocFrame("<XCTIP><Calls><Pickup_REQ><CId>26</CId></Pickup_REQ></Calls></XCTIP>"));
        Assert.Equal(26, m.CId);
        Assert.Null(m.Number);
    }

    [Fact]
    public void Services_answer_example_from_the_docs()
    {
        const string frame = "<XCTIP><Services><Services_ANS><CId>30</CId><Dnd>Off</Dnd><Fwd><Type>All</Type><On>0</On><Number></Number><Rings>0</Rings></Fwd><Fwd><Type>Busy</Type><On>1</On><Number>600123456</Number><Rings>0</Rings></Fwd><Fwd><Type>NoAnswer</Type><On>1</On><Number>205</Number><Rings>4</Rings></Fwd></Services_ANS></Services></XCTIP>";
        var m = Assert.IsType<ServicesAnswer>(DecodeDocFrame(frame));
        Assert.Equal(30, m.CId);
        Assert.Equal(DndState.Off, m.Dnd);
        Assert.Equal(
            [
                new ForwardingRule { Type = ForwardingType.All, On = false, Number = "", Rings = 0 },
                new ForwardingRule { Type = ForwardingType.Busy, On = true, Number = "600123456", Rings = 0 },
                new ForwardingRule { Type = ForwardingType.NoAnswer, On = true, Number = "205", Rings = 4 },
            ],
            m.Fwd);
    }

    [Fact]
    public void Call_center_queues_example_from_the_docs()
    {
        const string frame = "<XCTIP><CC><Queues_ANS><CId>40</CId><Queue><QueueId>3</QueueId><Name>Support</Name><LoggedIn>1</LoggedIn><Paused>0</Paused><Agents>4</Agents><Waiting>2</Waiting></Queue></Queues_ANS></CC></XCTIP>";
        var m = Assert.IsType<CallCenterQueuesAnswer>(DecodeDocFrame(frame));
        Assert.Equal(40, m.CId);
        var q = Assert.Single(m.Queue);
        Assert.Equal(3, q.QueueId);
        Assert.Equal("Support", q.Name);
        Assert.True(q.LoggedIn);
        Assert.False(q.Paused);
        Assert.Equal(4, q.Agents);
        Assert.Equal(2, q.Waiting);
    }

    [Fact]
    public void Call_center_callback_done_example_from_the_docs()
    {
        const string frame = "<XCTIP><CC><CallbackDone_REQ><CId>42</CId><CbId>77</CbId><Result>Done</Result></CallbackDone_REQ></CC></XCTIP>";
        var m = Assert.IsType<CallCenterCallbackDoneRequest>(DecodeDocFrame(frame));
        Assert.Equal(42, m.CId);
        Assert.Equal(77, m.CbId);
        Assert.Equal(CallbackResult.Done, m.Result);
    }

    [Fact]
    public void Door_camera_answer_example_from_the_docs()
    {
        const string frame = "<XCTIP><Door><Camera_ANS><CId>51</CId><Id>1050</Id><Url>rtsp://192.168.0.20:554/stream1</Url><Login>viewer</Login><Pass>****</Pass></Camera_ANS></Door></XCTIP>";
        var m = Assert.IsType<DoorCameraAnswer>(DecodeDocFrame(frame));
        Assert.Equal(51, m.CId);
        Assert.Equal(1050, m.Id);
        Assert.Equal("rtsp://192.168.0.20:554/stream1", m.Url);
        Assert.Equal("viewer", m.Login);
        Assert.Equal("****", m.Pass);
    }

    [Fact]
    public void Conference_answer_example_from_the_docs()
    {
        const string frame = "<XCTIP><Conf><Conf_ANS><CId>60</CId><ConfId>9</ConfId><Name>Project X</Name><Member>201</Member><Member>122</Member><Member>205</Member></Conf_ANS></Conf></XCTIP>";
        var m = Assert.IsType<ConferenceAnswer>(DecodeDocFrame(frame));
        Assert.Equal(60, m.CId);
        Assert.Equal(9, m.ConfId);
        Assert.Equal("Project X", m.ConferenceName);
        Assert.Equal(["201", "122", "205"], m.Member);
    }

    [Fact]
    public void File_offer_event_example_from_the_docs()
    {
        const string frame = "<XCTIP><File><Offer_EV><Number>201</Number><Name>offer.pdf</Name><Size>183422</Size><Token>f3a9c1</Token><Url>https://192.168.0.10/files/f3a9c1</Url><Clipboard>0</Clipboard></Offer_EV></File></XCTIP>";
        var m = Assert.IsType<FileOfferEvent>(DecodeDocFrame(frame));
        Assert.Equal("201", m.Number);
        Assert.Equal("offer.pdf", m.FileName);
        Assert.Equal(183422L, m.Size);
        Assert.Equal("f3a9c1", m.Token);
        Assert.Equal("https://192.168.0.10/files/f3a9c1", m.Url);
        Assert.False(m.Clipboard);
    }

    [Fact]
    public void Location_share_example_from_the_docs()
    {
        const string frame = "<XCTIP><Location><Share_REQ><CId>90</CId><Id>1022</Id><Id>1005</Id><On>1</On></Share_REQ></Location></XCTIP>";
        var m = Assert.IsType<LocationShareRequest>(DecodeDocFrame(frame));
        Assert.Equal(90, m.CId);
        Assert.Equal([1022, 1005], m.Id);
        Assert.True(m.On);
    }

    [Fact]
    public void Location_position_example_from_the_docs()
    {
        const string frame = "<XCTIP><Location><Position_EV><Id>1001</Id><Lat>52.229675</Lat><Lon>21.012230</Lon><Time>2026-11-20 10:20:00</Time></Position_EV></Location></XCTIP>";
        var m = Assert.IsType<LocationPositionEvent>(DecodeDocFrame(frame));
        Assert.Equal(1001, m.Id);
        Assert.Equal(52.229675m, m.Lat);
        Assert.Equal(21.012230m, m.Lon);
        Assert.Equal(Time, m.Time);
    }

    [Fact]
    public void Door_camera_answer_to_string_hides_login_and_password()
    {
        var m = new DoorCameraAnswer { CId = 51, Id = 1050, Url = "rtsp://192.168.0.20:554/stream1", Login = "viewer-login-x", Pass = "S3cr3t-pass-y" };
        string text = m.ToString();
        Assert.DoesNotContain("viewer-login-x", text, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cr3t-pass-y", text, StringComparison.Ordinal);
        Assert.Contains("rtsp://192.168.0.20:554/stream1", text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);

        var decoded = Assert.Single(XctipCodec.Decode(XctipCodec.ToBytes(m)));
        Assert.DoesNotContain("S3cr3t-pass-y", decoded.ToString()!, StringComparison.Ordinal);
        Assert.DoesNotContain("viewer-login-x", decoded.ToString()!, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_child_of_a_modeled_message_survives_decode_and_encode()
    {
        const string frame = "<XCTIP><Conf><Conf_ANS><CId>60</CId><Future a=\"1\"><X>1</X><Y>ż &amp; &lt;</Y></Future><ConfId>9</ConfId><Member>201</Member></Conf_ANS></Conf></XCTIP>";
        var m = Assert.IsType<ConferenceAnswer>(Assert.Single(XctipCodec.Decode(Encoding.UTF8.GetBytes(frame), new XctipReaderOptions { Encoding = CtiEncoding.Utf8 })));
        Assert.Equal(9, m.ConfId);
        Assert.Equal(["201"], m.Member);
        var future = Assert.Single(m.Unknown);
        Assert.Equal(new XctipElement("Future", new XctipElement("X", "1"), new XctipElement("Y", "ż & <")), future);

        var options = new XctipWriterOptions { Encoding = CtiEncoding.Utf8 };
        byte[] encoded = XctipCodec.ToBytes(options, m);

        // Known fields are written first, then the kept elements in order.
        Assert.Equal(
            "<XCTIP><Conf><Conf_ANS><CId>60</CId><ConfId>9</ConfId><Member>201</Member><Future><X>1</X><Y>ż &amp; &lt;</Y></Future></Conf_ANS></Conf></XCTIP>",
            Encoding.UTF8.GetString(encoded));
        Assert.Equal(m, Assert.Single(XctipCodec.Decode(encoded, new XctipReaderOptions { Encoding = CtiEncoding.Utf8 })));
    }

    [Fact]
    public void Unknown_child_of_a_modeled_part_survives_decode_and_encode()
    {
        const string frame = "<XCTIP><Services><Change_EV><Id>1001</Id><Fwd><Type>Busy</Type><Extra>7</Extra><On>1</On><Number>205</Number><Rings>0</Rings></Fwd></Change_EV></Services></XCTIP>";
        var m = Assert.IsType<ServicesChangeEvent>(Assert.Single(XctipCodec.Decode(Encoding.ASCII.GetBytes(frame))));
        var rule = Assert.Single(m.Fwd);
        Assert.Equal(ForwardingType.Busy, rule.Type);
        Assert.Equal(new XctipElement("Extra", "7"), Assert.Single(rule.Unknown));
        Assert.Null(m.Dnd);

        Assert.Equal(
            "<XCTIP><Services><Change_EV><Id>1001</Id><Fwd><Type>Busy</Type><On>1</On><Number>205</Number><Rings>0</Rings><Extra>7</Extra></Fwd></Change_EV></Services></XCTIP>",
            Encoding.ASCII.GetString(XctipCodec.ToBytes(m)));
    }

    [Fact]
    public void Unparsable_modeled_values_are_kept_as_unknown()
    {
        const string frame = "<XCTIP><Location><Update_REQ><CId>91</CId><Lat>52,5</Lat><Lon>21.5</Lon></Update_REQ></Location></XCTIP>";
        var m = Assert.IsType<LocationUpdateRequest>(Assert.Single(XctipCodec.Decode(Encoding.ASCII.GetBytes(frame))));
        Assert.Null(m.Lat);
        Assert.Equal(21.5m, m.Lon);
        Assert.Equal(new XctipElement("Lat", "52,5"), Assert.Single(m.Unknown));
    }

    [Fact]
    public void Empty_repeated_part_is_read_as_an_empty_part()
    {
        const string frame = "<XCTIP><Services><Services_ANS><CId>1</CId><Fwd/><Dnd>On</Dnd></Services_ANS></Services></XCTIP>";
        var m = Assert.IsType<ServicesAnswer>(Assert.Single(XctipCodec.Decode(Encoding.ASCII.GetBytes(frame))));
        Assert.Equal(1, m.CId);
        Assert.Equal(DndState.On, m.Dnd);
        Assert.Equal([new ForwardingRule()], m.Fwd);
        Assert.Empty(m.Unknown);
    }

    /// <summary>Decodes a frame copied from docs/protocol.md and checks that it re-encodes to the same bytes.</summary>
    private static XctipMessage DecodeDocFrame(string frame)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(frame);
        var message = Assert.Single(XctipCodec.Decode(bytes));
        Assert.Empty(message.Unknown);
        Assert.Equal(frame, Encoding.ASCII.GetString(XctipCodec.ToBytes(message)));
        return message;
    }
}
