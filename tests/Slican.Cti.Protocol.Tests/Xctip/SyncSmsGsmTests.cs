using System.Buffers;
using System.Collections;
using System.Text;
using Slican.Cti.Protocol.Text;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Protocol.Tests.Xctip;

public class SyncSmsGsmTests
{
    private const string Polish = "ąęłńóśźżĆŁŚ";
    private const string Special = "a <b> & c </Text> &amp; \"q\" 'x'";

    public static TheoryData<string> ReencodedFixtures => new()
    {
        "05-book-records.xml", "06-history-call.xml", "07-history-msg-records-ev.xml", "08-calls-change.xml",
        "09-sms-receive.xml", "10-gsm.xml", "12-stream-wdok.xml", "13-multi-message.xml", "20-client-requests.xml",
    };

    public static TheoryData<string> TypedFixtures => new()
    {
        "05-book-records.xml", "06-history-call.xml", "07-history-msg-records-ev.xml", "09-sms-receive.xml",
        "10-gsm.xml", "13-multi-message.xml", "20-client-requests.xml",
    };

    public static TheoryData<string> Encodings => new() { "IBM852", "UTF-8" };

    [Fact]
    public void Xctip_BookRecords_Fixture05()
    {
        var messages = Decode("05-book-records.xml");
        var answer = Assert.IsType<SyncRecordsAnswer>(Assert.Single(messages));
        Assert.Equal(12, answer.CId);
        Assert.Equal(1001, answer.Id);
        Assert.Equal(5, answer.Rows.Count);

        var delAll = answer.Rows[0];
        Assert.Equal("BF00000317000000016733A1C003E9D3", delAll.Marker);
        Assert.Equal(RowType.DelAll, delAll.RowType);
        Assert.Equal(SyncType.Book, delAll.SyncType);
        Assert.Equal([SyncCause.EmptyMarker], delAll.Causes);
        Assert.Null(delAll.Group);
        Assert.Null(delAll.Contact);

        Assert.Equal(
            new BookGroup { GroupId = 1, Name = "Sales", Favourite = true, Private = false, Department = true },
            answer.Rows[1].Group);
        Assert.Equal(RowType.AddRow, answer.Rows[1].RowType);
        Assert.Equal(
            new BookGroup { GroupId = 2, Name = "Suppliers", Favourite = false, Private = false, Department = false },
            answer.Rows[2].Group);

        var contact = answer.Rows[3].Contact;
        Assert.NotNull(contact);
        Assert.Equal("BC00000317000000076733A1C003E9D0", answer.Rows[3].Marker);
        Assert.Equal(7, contact.ContactId);
        Assert.Equal("Anna Nowak", contact.Name);
        Assert.Equal("122", contact.ExtNo);
        Assert.Equal(1022, contact.IdExtNo);
        Assert.True(contact.Favourite);
        Assert.False(contact.Private);
        Assert.Equal("Subscriber", contact.Type);
        Assert.Equal(71, contact.DefaultPhoneId);
        Assert.Equal(2, contact.Phones.Count);
        Assert.Equal(new BookPhone { PhoneId = 71, Number = "122", Comment = "Desk" }, contact.Phones[0]);
        Assert.Equal(new BookPhone { PhoneId = 72, Number = "600123456", Comment = "Mobile", CanSMS = true }, contact.Phones[1]);
        Assert.Equal([1, 2], contact.GroupIds);
        Assert.Equal("Building B, room 12", contact.Info);
        Assert.Equal("anna.nowak@example.com", contact.IM);

        Assert.Equal(RowType.RowEnd, answer.Rows[4].RowType);
        Assert.Equal("BF00000318000000006733A1C003E9D3", answer.Rows[4].Marker);
        Assert.Empty(answer.Rows[4].Causes);
    }

    [Fact]
    public void Xctip_HistoryCall_Fixture06()
    {
        var answer = Assert.IsType<SyncRecordsAnswer>(Assert.Single(Decode("06-history-call.xml")));
        Assert.Equal(9, answer.CId);
        Assert.Equal(5, answer.Rows.Count);
        Assert.All(answer.Rows, r => Assert.Equal(SyncType.HistoryCall, r.SyncType));

        Assert.Equal(
            new HistoryCallRecord
            {
                HId = 3150, StartTime = new DateTime(2026, 11, 19, 10, 2, 11), HType = HistoryCallType.InCall, CNumber = "0612345678",
                CName = "ACME Ltd", CType = "National", DialNumber = "201", DurationTime = 184, Unread = false, Attempts = 1,
            },
            answer.Rows[0].HistoryCall);
        Assert.Equal(HistoryCallType.MissedCall, answer.Rows[1].HistoryCall!.HType);
        Assert.True(answer.Rows[1].HistoryCall!.Unread);
        Assert.Equal(HistoryCallType.OutCall, answer.Rows[2].HistoryCall!.HType);
        Assert.Null(answer.Rows[2].HistoryCall!.DialNumber);
        Assert.Equal(0, answer.Rows[2].HistoryCall!.DurationTime);

        var update = answer.Rows[3];
        Assert.Equal(RowType.Update, update.RowType);
        Assert.Equal("CE000002D100000C4F6733A1C003E99B", update.Marker);
        Assert.Equal(
            new HistoryCallRecord
            {
                HId = 3151, StartTime = new DateTime(2026, 11, 19, 11, 52, 3), HType = HistoryCallType.MissedCall, CNumber = "0698765432",
                CType = "National", DialNumber = "201", DurationTime = 12, Unread = true, Attempts = 2,
            },
            update.HistoryCall);
        Assert.Equal(RowType.RowEnd, answer.Rows[4].RowType);
    }

    [Fact]
    public void Xctip_HistoryMsg_Fixture07()
    {
        var messages = Decode("07-history-msg-records-ev.xml");
        Assert.Equal(2, messages.Count);
        var records = Assert.IsType<SyncRecordsEvent>(messages[0]);
        Assert.Equal(1001, records.Id);
        var row = Assert.Single(records.Rows);
        Assert.Equal(SyncType.HistoryMsg, row.SyncType);
        Assert.Equal(
            new HistoryMsgRecord
            {
                MId = 55, Date = new DateTime(2026, 11, 20, 10, 0, 5), Type = "In", Unread = true, Number = "122",
                Text = "Can you call ACME back?", UData = "k1",
            },
            row.HistoryMsg);

        Assert.Equal(new SyncChangeEvent { Id = 1001, SyncType = SyncType.HistoryCall }, messages[1]);
    }

    [Fact]
    public void Xctip_SmsReceive_Fixture09()
    {
        var message = Assert.Single(Decode("09-sms-receive.xml"));
        Assert.Equal(
            new SmsReceiveEvent
            {
                RecvTime = new DateTime(2026, 11, 20, 10, 1, 0), Number = "122", Type = SmsType.Internal,
                Text = "Lunch at 12? <yes/no> & bring the keys", UserData = "2026-11-20T10:00:59",
            },
            message);
    }

    [Fact]
    public void Xctip_Gsm_Fixture10()
    {
        var messages = Decode("10-gsm.xml");
        Assert.Equal(
            [
                new GsmRegisterInfoAnswer { GsmId = 1, Number = "600111222", CodePage = "PBX" },
                new GsmSmsAcknowledgeEvent { GsmId = 1, Status = "Confirm", MsgId = 12 },
                new GsmSmsReportEvent { GsmId = 1, Status = "Delivered", MsgId = 12, MemId = 515, Number = "600333444" },
                new GsmSmsGetEvent
                {
                    GsmId = 1, MemId = 516, Number = "600333444", Type = "Normal",
                    MultiPart = new GsmMultiPart { RefNr = 10, Part = 1, Total = 2 },
                    Date = new DateTime(2026, 11, 20, 10, 5, 0), Text = "First half of a long text",
                },
            ],
            messages);
    }

    [Fact]
    public void Xctip_MultiMessage_Fixture13()
    {
        var messages = Decode("13-multi-message.xml");
        Assert.Equal(3, messages.Count);
        Assert.IsType<StatusChangeEvent>(messages[0]);
        Assert.IsType<StatusChangeEvent>(messages[1]);
        Assert.Equal(new SyncChangeEvent { Id = 1001, SyncType = SyncType.HistoryMsg }, messages[2]);
    }

    [Fact]
    public void Xctip_ClientRequests_Fixture20()
    {
        var messages = Decode("20-client-requests.xml");
        Assert.Contains(new SyncRegisterRequest { CId = 5, SyncType = SyncType.HistoryCall }, messages);
        Assert.Contains(new SyncAutoChangeRequest { CId = 6, SyncType = SyncType.HistoryMsg }, messages);
        Assert.Contains(new SyncRequest { CId = 7, Marker = "", SyncType = SyncType.Book, Limit = 50 }, messages);
        Assert.Contains(new SmsRegisterRequest { CId = 8 }, messages);
        Assert.Contains(
            new SmsSendRequest { CId = 9, Number = "122", Type = SmsType.Internal, Text = "On my way", DontBuffer = "", UserData = "u-9" },
            messages);
    }

    [Theory]
    [MemberData(nameof(TypedFixtures))]
    public void Xctip_Fixtures_DecodeFullyTyped(string file)
    {
        foreach (var message in Decode(file))
        {
            Assert.IsNotType<XctipUnknownMessage>(message);
            AssertNoUnknown(message, $"{file}: {message.Module}/{message.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(ReencodedFixtures))]
    public void Xctip_Fixtures_ReencodeByteExact(string file)
    {
        byte[] original = Fixture.Bytes("xctip/" + file);
        var stream = new ReadOnlySequence<byte>(original);
        var reader = new XctipFrameReader();
        var output = new List<byte>();
        int frames = 0;
        while (reader.TryReadFrame(ref stream, out var frame))
        {
            var messages = XctipCodec.Decode(frame);
            output.AddRange(XctipCodec.ToBytes([.. messages]));
            frames++;
        }

        Assert.True(frames > 0);
        Assert.Equal(Encoding.Latin1.GetString(original), Encoding.Latin1.GetString([.. output]));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Xctip_RoundTrip_AllNewTypes(string encodingName)
    {
        var encoding = CtiEncoding.GetByName(encodingName);
        string longText = string.Concat(Enumerable.Repeat("Zażółć gęślą jaźń <&> ĆŁŚ. ", 120));
        Assert.True(longText.Length > 3000);
        var time = new DateTime(2026, 11, 20, 23, 59, 58);

        var row = new SyncRow
        {
            Marker = "BC00000317000000076733A1C003E9D0", RowType = RowType.AddRow, SyncType = SyncType.Book,
            Causes = [SyncCause.WrongMarker, SyncCause.Create("Future<&>")],
            Contact = new BookContact
            {
                ContactId = 7, Name = "Łucja Źdźbło " + Polish, ExtNo = "122", IdExtNo = 1022, Favourite = true, Private = false,
                Type = "Subscriber", DefaultPhoneId = 71,
                Phones =
                [
                    new BookPhone { PhoneId = 71, Number = "122", Comment = "Komórka <&>", CanSMS = true, CmtType = "Main", DefaultNo = true },
                    new BookPhone { PhoneId = 72, Number = "+48 600", Comment = Special },
                ],
                GroupIds = [1, 2, -3], Info = longText, IM = "ł@example.com",
            },
        };
        var rows = new SyncRow[]
        {
            row,
            new() { RowType = RowType.DelAll, SyncType = SyncType.Book, Causes = [SyncCause.EmptyMarker, SyncCause.Overflow, SyncCause.Event] },
            new() { RowType = RowType.Update, SyncType = SyncType.Book, Group = new BookGroup { GroupId = 3, Name = Polish, Favourite = true, Private = true, Department = false } },
            new()
            {
                RowType = RowType.DelRow, SyncType = SyncType.HistoryCall,
                HistoryCall = new HistoryCallRecord
                {
                    HId = 1, StartTime = time, HType = HistoryCallType.Create("Other"), CNumber = "0", CName = Special, CType = "National",
                    DialNumber = "201", DurationTime = int.MaxValue, Unread = true, Attempts = 0,
                },
            },
            new()
            {
                RowType = RowType.AddField, SyncType = SyncType.HistoryMsg,
                HistoryMsg = new HistoryMsgRecord
                {
                    MId = 5, Date = time, Type = "Out", Unread = false, ReadDate = time.AddSeconds(1), SMSId = 812, Number = "205",
                    Text = longText, UData = Special, Status = "Sent", StatusDate = time.AddMinutes(1), Report = "1",
                    ReportDate = time.AddHours(1), TypeMsg = "Chat", Displayed = true, DisplayedDate = time.AddDays(-1),
                },
            },
            new()
            {
                Marker = "", RowType = RowType.Update, SyncType = SyncType.CCCallback,
                Callback = new CallbackRecord
                {
                    CbId = 77, QueueId = 3, Number = "0612345678", Name = "ACME " + Polish, Time = time, Attempts = 2, State = "Waiting",
                },
            },
        };

        XctipMessage[] messages =
        [
            new SyncRequest { CId = 7, Id = 1001, Marker = "", SyncType = SyncType.Book, Limit = 50 },
            new SyncRequest { CId = 8, Marker = "CH000002CF00000C4E6733A1C003E985", SyncType = SyncType.CCCallback, Limit = 1 },
            new SyncRecordsAnswer { CId = 12, Id = 1001, Rows = rows },
            new SyncRecordsEvent { Id = 1001, Rows = [row] },
            new SyncRegisterRequest { CId = 5, Id = 1001, SyncType = SyncType.HistoryCall, SendOnline = true, UnreadNum = false },
            new SyncAutoChangeRequest { CId = 6, SyncType = SyncType.HistoryMsg },
            new SyncChangeEvent { CId = 3, Id = 1001, SyncType = SyncType.Create("Ńew") },
            new SyncSendChangeRequest { CId = 13, Id = 1001, Rows = rows },
            new SyncGetPermissionRequest { CId = 14, Id = 1001 },
            new SyncGetPermissionAnswer { CId = 14, Id = 1001, EditBook = true, EditGroups = false },
            new SmsRegisterRequest { CId = 20 },
            new SmsUnregisterRequest { CId = 21 },
            new SmsSendRequest
            {
                CId = 22, Number = "122", SMSId = 5, Type = SmsType.Conference, Text = Polish + Special, DontBuffer = "", UserData = "u-" + Polish,
            },
            new SmsSendRequest { CId = 23, Number = "9", Type = SmsType.Internal, Text = longText },
            new SmsReceiveEvent
            {
                RecvTime = time, Number = "122", Type = SmsType.Conference, Text = longText, UserData = Special, ConfId = 9,
            },
            new SmsStatusEvent { SMSId = 812, Number = "205", Status = ChatDeliveryStatus.Read, Date = time },
            new SmsStatusEvent { SMSId = 813, Status = ChatDeliveryStatus.Delivered },
            new SmsStatusEvent { SMSId = 814, Status = ChatDeliveryStatus.Displayed },
            new SmsMarkReadRequest { CId = 70, Number = "122" },
            new GsmRegisterRequest { CId = 30, Number = "1", CodePage = "PBX" },
            new GsmRegisterInfoAnswer { GsmId = 1, Number = "600111222", CodePage = "UTF8" },
            new GsmSmsSendRequest
            {
                CId = 31, GsmId = 1, Number = "600333444", Type = "Normal", Report = true, Time = 167, Text = longText,
                MultiPart = new GsmMultiPart { RefNr = 10, Part = 2, Total = 2 }, Code = "UCS2",
            },
            new GsmSmsGetEvent
            {
                GsmId = 1, MemId = 516, Number = "600333444", Type = "Flash", MultiPart = new GsmMultiPart { RefNr = 1, Part = 1, Total = 1 },
                Date = time, Text = Polish + Special,
            },
            new GsmSmsAcknowledgeEvent { GsmId = 1, Status = "Reject", MsgId = 12, ErrorCode = 38 },
            new GsmSmsReportEvent { GsmId = 1, Status = "Error", MsgId = 12, MemId = 515, ErrorCode = 2, Number = "600333444" },
            new GsmSmsOkRequest { CId = 32, GsmId = 1, MemId = 516 },
            new GsmUnregisterRequest { CId = 33, GsmId = 1 },
        ];

        var types = messages.Select(m => m.GetType()).ToHashSet();
        var registered = XctipCodec.KnownMessages.Where(m => m.Module is "Sync" or "SMS" or "GSM").Select(m => m.Type).ToHashSet();
        Assert.Equal(23, registered.Count);
        Assert.True(registered.SetEquals(types));

        foreach (var message in messages)
        {
            byte[] bytes = XctipCodec.ToBytes(new XctipWriterOptions { Encoding = encoding }, message);
            var decoded = XctipCodec.Decode(bytes, new XctipReaderOptions { Encoding = encoding });
            Assert.Equal(message, Assert.Single(decoded));
            AssertNoUnknown(decoded[0], message.Name);
        }

        // All of one module in one frame, too.
        var sync = messages.Where(m => m.Module == "Sync").ToArray();
        byte[] frame = XctipCodec.ToBytes(new XctipWriterOptions { Encoding = encoding }, sync);
        Assert.Equal(sync, XctipCodec.Decode(frame, new XctipReaderOptions { Encoding = encoding }));
    }

    [Fact]
    public void Xctip_NewTypesAreRegistered()
    {
        Assert.Equal(typeof(SyncRecordsAnswer), XctipCodec.GetMessageType("Sync", "Records_ANS"));
        Assert.Equal(typeof(SyncGetPermissionAnswer), XctipCodec.GetMessageType("Sync", "GetPermission_ANS"));
        Assert.Equal(typeof(SmsStatusEvent), XctipCodec.GetMessageType("SMS", "Status_EV"));
        Assert.Equal(typeof(SmsRegisterRequest), XctipCodec.GetMessageType("SMS", "Register_REQ"));
        Assert.Equal(typeof(GsmSmsSendRequest), XctipCodec.GetMessageType("GSM", "SMSSend_REQ"));
        Assert.Equal(typeof(GsmRegisterRequest), XctipCodec.GetMessageType("GSM", "Register_REQ"));
    }

    [Fact]
    public void Xctip_EmptyIdInSyncRequest_IsKeptAndWrittenBack()
    {
        const string xml = "<XCTIP><Sync><Sync_REQ><CId>7</CId><Id></Id><Marker></Marker><SyncType>Book</SyncType><Limit>50</Limit></Sync_REQ></Sync></XCTIP>";
        var request = Assert.IsType<SyncRequest>(Assert.Single(XctipCodec.Decode(Encoding.ASCII.GetBytes(xml))));
        Assert.Null(request.Id);
        Assert.Equal("", request.Marker);
        var kept = Assert.Single(request.Unknown);
        Assert.Equal("Id", kept.Name);
        Assert.Equal("", kept.Text);
        Assert.Equal(
            "<XCTIP><Sync><Sync_REQ><CId>7</CId><Marker></Marker><SyncType>Book</SyncType><Limit>50</Limit><Id></Id></Sync_REQ></Sync></XCTIP>",
            Encoding.ASCII.GetString(XctipCodec.ToBytes(request)));
    }

    [Fact]
    public void Xctip_UnknownChildrenInRowAndContact_SurviveRoundTrip()
    {
        const string xml =
            "<XCTIP><Sync><Records_ANS><CId>1</CId><Id>1001</Id><Row><Marker>BC00000317000000076733A1C003E9D0</Marker>" +
            "<RowType>AddRow</RowType><SyncType>Book</SyncType><Contact><ContactId>7</ContactId><Name>Anna</Name>" +
            "<Phone><PhoneId>71</PhoneId><Number>122</Number><Label>x &amp; y</Label></Phone>" +
            "<Nick><First>Ania</First><Empty></Empty></Nick><Photo>abc</Photo></Contact>" +
            "<Extra>z &lt; 1</Extra><Cause2><A>1</A></Cause2></Row></Records_ANS></Sync></XCTIP>";
        byte[] bytes = Encoding.ASCII.GetBytes(xml);
        var answer = Assert.IsType<SyncRecordsAnswer>(Assert.Single(XctipCodec.Decode(bytes)));
        var row = Assert.Single(answer.Rows);
        Assert.Equal(["Extra", "Cause2"], row.Unknown.Select(e => e.Name));
        Assert.Equal("z < 1", row.Unknown[0].Text);
        Assert.Equal(["Nick", "Photo"], row.Contact!.Unknown.Select(e => e.Name));
        Assert.Equal(2, row.Contact.Unknown[0].Children.Count);
        Assert.Equal("Label", Assert.Single(row.Contact.Phones[0].Unknown).Name);
        Assert.Equal(xml, Encoding.ASCII.GetString(XctipCodec.ToBytes(answer)));
    }

    private static List<XctipMessage> Decode(string file) => Fixture.DecodeStream(Fixture.Bytes("xctip/" + file));

    /// <summary>Asserts that a message and every part inside it kept no unknown elements.</summary>
    private static void AssertNoUnknown(object value, string where)
    {
        foreach (var property in value.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            object? child = property.GetValue(value);
            if (child is ValueList<XctipElement> unknown)
            {
                Assert.True(unknown.Count == 0, $"{where}.{property.Name}: {string.Join(", ", unknown.Select(e => e.Name))}");
            }
            else if (child is IXctipPart part)
            {
                AssertNoUnknown(part, where + "." + property.Name);
            }
            else if (child is IEnumerable items and not string)
            {
                foreach (object? item in items)
                {
                    if (item is IXctipPart itemPart)
                    {
                        AssertNoUnknown(itemPart, where + "." + property.Name + "[]");
                    }
                }
            }
        }
    }
}
