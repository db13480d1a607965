using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing.Calls;
using Slican.Cti.Testing.Ctip;
using Slican.Cti.Testing.Sessions;
using Slican.Cti.Testing.Xctip;

namespace Slican.Cti.Testing;

public sealed partial class PbxWorld
{
    private const string GsmPort = "G001";
    private const int GsmId = 1;
    private const int SmsErrorCode = 70; // validity period expired, the spec's example
    private readonly Dictionary<Subscriber, List<PendingChat>> _pending = [];
    private readonly Dictionary<int, TextConference> _conferences = [];
    private readonly List<GsmMemoryItem> _gsmMemory = [];
    private int _nextSmsId = 1000;
    private int _nextConfId = 1;
    private int _nextMemId = 1;
    private int _nextOrderId = 100;

    private void InitialiseMessaging(PbxWorldData data)
    {
        if (data.MessageHistory.Count > 0)
        {
            _nextSmsId = Math.Max(_nextSmsId, data.MessageHistory.Max(m => m.SmsId) + 1);
        }
    }

    /// <summary>Chat messages waiting for a recipient's MessengerCTI to register for SMS (offline buffering).</summary>
    public int BufferedChatCount(string extension)
    {
        lock (_gate)
        {
            return FindByExtension(extension) is { } s && _pending.TryGetValue(s, out var list) ? list.Count : 0;
        }
    }

    private sealed class PendingChat(int smsId, Subscriber sender, Subscriber recipient, SmsReceiveEvent message)
    {
        public int SmsId { get; } = smsId;

        public Subscriber Sender { get; } = sender;

        public Subscriber Recipient { get; } = recipient;

        public SmsReceiveEvent Message { get; } = message;

        /// <summary>Sessions it is queued to and not yet written or dropped.</summary>
        public HashSet<PbxSession> InFlight { get; } = [];

        /// <summary>Written to at least one of the recipient's sockets.</summary>
        public bool Written { get; set; }
    }

    private sealed class TextConference(int id, string name)
    {
        public int Id { get; } = id;

        public string Name { get; set; } = name;

        public List<string> Members { get; } = [];
    }

    private sealed record GsmMemoryItem(int MemId, Slican.Cti.Protocol.Xctip.XctipMessage Xml, CtipMessage Line);

    // ---------------------------------------------------------------- chat

    internal void HandleSmsRegister(XctipSession session, int? cid, bool register)
    {
        lock (_gate)
        {
            session.SmsRegistered = register;
            Reply(session, "SMS", cid);
            if (register)
            {
                DeliverPending(session.User!);
            }
        }
    }

    internal void HandleSmsSend(XctipSession session, SmsSendRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            var type = request.Type ?? SmsType.Internal;
            if (string.IsNullOrWhiteSpace(request.Number) || request.Text is null || (type != SmsType.Internal && type != SmsType.Conference))
            {
                Reply(session, "SMS", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            if (type == SmsType.Conference)
            {
                if (!int.TryParse(request.Number, System.Globalization.CultureInfo.InvariantCulture, out int confId) || !_conferences.TryGetValue(confId, out var conf))
                {
                    Reply(session, "SMS", request.CId, PbxErrors.MalformedMessage);
                    return;
                }

                if (!conf.Members.Contains(user.Extension))
                {
                    Reply(session, "SMS", request.CId, PbxErrors.NotPermitted);
                    return;
                }

                Reply(session, "SMS", request.CId);
                PostToConference(user, conf, request.Text, request.UserData);
                return;
            }

            var target = FindByExtension(request.Number.Trim());
            if (target is null)
            {
                if (NumberMatcher.IsOutside(request.Number.Trim()))
                {
                    // An SMS through the PBX's GSM gateway: recorded in history as sent.
                    Reply(session, "SMS", request.CId);
                    AddMessageHistory(user, new MessageHistoryData { SmsId = _nextSmsId++, Date = Now, Type = "Out", Number = request.Number.Trim(), Text = request.Text, UserData = request.UserData, Status = "Sent", StatusDate = Now, TypeMsg = "SMS" });
                    return;
                }

                Reply(session, "SMS", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            if (!target.IsMessengerCapable)
            {
                Reply(session, "SMS", request.CId, PbxErrors.NotPermitted);
                return;
            }

            Reply(session, "SMS", request.CId);
            SendChat(user, target, request.Text, request.UserData, dontBuffer: request.DontBuffer is not null);
        }
    }

    internal int SendChat(Subscriber from, Subscriber to, string text, string? userData, bool dontBuffer)
    {
        int smsId = _nextSmsId++;
        var now = Now;
        bool online = XctipSessions().Any(s => s.User == to && s.SmsRegistered);
        string status = online ? "Sent" : dontBuffer ? "Undelivered" : "Buffered";
        AddMessageHistory(from, new MessageHistoryData { SmsId = smsId, Date = now, Type = "Out", Number = to.Extension, Text = text, UserData = userData, Status = status, StatusDate = now });
        if (!online && dontBuffer)
        {
            return smsId;
        }

        AddMessageHistory(to, new MessageHistoryData { SmsId = smsId, Date = now, Type = "In", Number = from.Extension, Text = text, UserData = userData, Unread = true, Status = status, StatusDate = now });
        var message = new SmsReceiveEvent { RecvTime = now, Number = from.Extension, Type = SmsType.Internal, Text = text, UserData = userData };
        Queue(new PendingChat(smsId, from, to, message));
        return smsId;
    }

    // Delivery model: a message waits in _pending until the recipient has an SMS-registered session; then it is queued
    // to every such session at once and leaves _pending. If every one of those sessions closes before writing it, it
    // goes back to _pending (and to any session registered meanwhile). So each message reaches the user once, also
    // across reconnects, and is never lost while the PBX runs.
    private void Queue(PendingChat chat)
    {
        PendingOf(chat.Recipient).Add(chat);
        DeliverPending(chat.Recipient);
    }

    private List<PendingChat> PendingOf(Subscriber recipient)
    {
        if (!_pending.TryGetValue(recipient, out var list))
        {
            _pending[recipient] = list = [];
        }

        return list;
    }

    private void DeliverPending(Subscriber recipient)
    {
        var sessions = XctipSessions().Where(s => s.User == recipient && s.SmsRegistered).ToList();
        if (sessions.Count == 0 || !_pending.TryGetValue(recipient, out var list))
        {
            return;
        }

        foreach (var chat in list.ToList())
        {
            list.Remove(chat);
            foreach (var session in sessions)
            {
                if (chat.InFlight.Add(session))
                {
                    session.Enqueue(new OutboundItem([chat.Message], null, false)
                    {
                        ChatMessageId = chat.SmsId,
                        OnWritten = _ => ChatWritten(chat),
                        OnDropped = s => ChatDropped(chat, s),
                    });
                }
            }
        }
    }

    private void ChatWritten(PendingChat chat)
    {
        lock (_gate)
        {
            if (chat.Written)
            {
                return;
            }

            chat.Written = true;
            PendingOf(chat.Recipient).Remove(chat);
            SetChatStatus(chat.Sender, chat.Recipient, chat.SmsId, ChatDeliveryStatus.Delivered);
        }
    }

    private void ChatDropped(PendingChat chat, PbxSession session)
    {
        lock (_gate)
        {
            chat.InFlight.Remove(session);
            var pending = PendingOf(chat.Recipient);
            if (!chat.Written && chat.InFlight.Count == 0 && !pending.Contains(chat))
            {
                // Queued only to sessions that closed before writing it: buffered again.
                pending.Insert(0, chat);
                DeliverPending(chat.Recipient);
            }
        }
    }

    /// <summary>Updates both history rows of a message and tells the sender (<c>SMS/Status_EV</c>).</summary>
    private void SetChatStatus(Subscriber sender, Subscriber recipient, int smsId, ChatDeliveryStatus status)
    {
        var now = Now;
        foreach (var (owner, peer) in new[] { (sender, recipient), (recipient, sender) })
        {
            if (!_messageHistory.TryGetValue(owner.Extension, out var rows))
            {
                continue;
            }

            var row = rows.FirstOrDefault(m => m.SmsId == smsId && m.Number == peer.Extension);
            if (row is null)
            {
                continue;
            }

            var updated = status == ChatDeliveryStatus.Read
                ? row with { Status = "Read", StatusDate = now, ReadDate = now, Unread = false }
                : row with { Status = status.Value, StatusDate = now };
            UpdateMessageHistory(owner, updated);
        }

        Broadcast(s => s.User == sender && s.SmsRegistered, new SmsStatusEvent { SMSId = smsId, Number = recipient.Extension, Status = status, Date = now });
    }

    internal void HandleMarkRead(XctipSession session, SmsMarkReadRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            var peer = FindByExtension(request.Number?.Trim());
            if (peer is null)
            {
                Reply(session, "SMS", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            Reply(session, "SMS", request.CId);
            MarkRead(user, peer);
        }
    }

    internal void MarkRead(Subscriber user, Subscriber peer)
    {
        if (!_messageHistory.TryGetValue(user.Extension, out var rows))
        {
            return;
        }

        foreach (var row in rows.Where(m => m.Type == "In" && m.Unread && m.Number == peer.Extension && m.ConfId is null).ToList())
        {
            SetChatStatus(peer, user, row.SmsId, ChatDeliveryStatus.Read);
        }
    }

    // ---------------------------------------------------------------- text conferences

    internal void HandleConfCreate(XctipSession session, ConferenceCreateRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            var members = request.Member.Select(m => m.Trim()).Distinct().ToList();
            if (string.IsNullOrWhiteSpace(request.ConferenceName) || members.Any(m => FindByExtension(m) is null))
            {
                Reply(session, "Conf", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            var conf = new TextConference(_nextConfId++, request.ConferenceName.Trim());
            conf.Members.Add(user.Extension);
            conf.Members.AddRange(members.Where(m => m != user.Extension));
            _conferences.Add(conf.Id, conf);
            Reply(session, new ConferenceAnswer { CId = request.CId, ConfId = conf.Id, ConferenceName = conf.Name, Member = conf.Members.ToArray() });
            var change = ConfChange(conf, false);
            Broadcast(s => s != session && conf.Members.Contains(s.User!.Extension), change);
        }
    }

    internal void HandleConfEdit(XctipSession session, ConferenceEditRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            if (request.ConfId is not { } id || !_conferences.TryGetValue(id, out var conf) || request.Member.Any(m => FindByExtension(m.Trim()) is null))
            {
                Reply(session, "Conf", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            if (!conf.Members.Contains(user.Extension))
            {
                Reply(session, "Conf", request.CId, PbxErrors.NotPermitted);
                return;
            }

            Reply(session, "Conf", request.CId);
            var removed = new List<string>();
            if (!string.IsNullOrWhiteSpace(request.ConferenceName))
            {
                conf.Name = request.ConferenceName.Trim();
            }

            if (request.Member.Count > 0)
            {
                var members = request.Member.Select(m => m.Trim()).Distinct().ToList();
                removed = conf.Members.Except(members).ToList();
                conf.Members.Clear();
                conf.Members.AddRange(members);
            }

            PublishConf(conf, removed);
        }
    }

    internal void HandleConfLeave(XctipSession session, ConferenceLeaveRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            if (request.ConfId is not { } id || !_conferences.TryGetValue(id, out var conf))
            {
                Reply(session, "Conf", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            if (!conf.Members.Remove(user.Extension))
            {
                Reply(session, "Conf", request.CId, PbxErrors.NotPermitted);
                return;
            }

            Reply(session, "Conf", request.CId);
            if (conf.Members.Count == 0)
            {
                _conferences.Remove(conf.Id);
            }

            PublishConf(conf, [user.Extension]);
        }
    }

    private static ConferenceChangeEvent ConfChange(TextConference conf, bool deleted) =>
        new() { ConfId = conf.Id, ConferenceName = conf.Name, Member = conf.Members.ToArray(), Deleted = deleted };

    private void PublishConf(TextConference conf, IReadOnlyCollection<string> removed)
    {
        var change = ConfChange(conf, false);
        Broadcast(s => conf.Members.Contains(s.User!.Extension), change);
        var gone = ConfChange(conf, true);
        Broadcast(s => removed.Contains(s.User!.Extension), gone);
    }

    private void PostToConference(Subscriber from, TextConference conf, string text, string? userData)
    {
        int smsId = _nextSmsId++;
        var now = Now;
        AddMessageHistory(from, new MessageHistoryData { SmsId = smsId, Date = now, Type = "Out", Number = conf.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Text = text, UserData = userData, Status = "Sent", StatusDate = now, TypeMsg = "Conference", ConfId = conf.Id });
        var message = new SmsReceiveEvent { RecvTime = now, Number = from.Extension, Type = SmsType.Conference, Text = text, UserData = userData, ConfId = conf.Id };
        foreach (var member in conf.Members.Where(m => m != from.Extension).Select(FindByExtension).OfType<Subscriber>())
        {
            AddMessageHistory(member, new MessageHistoryData { SmsId = smsId, Date = now, Type = "In", Number = from.Extension, Text = text, UserData = userData, Unread = true, Status = "Sent", StatusDate = now, TypeMsg = "Conference", ConfId = conf.Id });
            Queue(new PendingChat(smsId, from, member, message));
        }
    }

    // ---------------------------------------------------------------- GSM gateway

    private Subscriber? Gateway => _subscribers.FirstOrDefault(s => s.Data.Kind == SubscriberKind.GsmGateway);

    internal void HandleGsmRegister(XctipSession session, GsmRegisterRequest request)
    {
        lock (_gate)
        {
            var gw = Gateway;
            string? selector = request.Number?.Trim();
            if (gw is null || !(string.IsNullOrEmpty(selector) || selector == "1" || selector == gw.Extension || selector == gw.Data.GsmNumber || selector == GsmPort))
            {
                Reply(session, "GSM", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            session.GsmRegistered = true;
            Reply(session, new GsmRegisterInfoAnswer { GsmId = GsmId, Number = gw.Data.GsmNumber, CodePage = request.CodePage ?? "PBX" });
            Reply(session, "GSM", request.CId);
            foreach (var item in _gsmMemory)
            {
                Send(session, item.Xml);
            }
        }
    }

    internal void HandleGsmUnregister(XctipSession session, GsmUnregisterRequest request)
    {
        lock (_gate)
        {
            session.GsmRegistered = false;
            Reply(session, "GSM", request.CId, request.GsmId is null or GsmId ? null : PbxErrors.MalformedMessage);
        }
    }

    internal void HandleGsmSend(XctipSession session, GsmSmsSendRequest request)
    {
        lock (_gate)
        {
            if (!session.GsmRegistered || request.GsmId != GsmId)
            {
                Reply(session, "GSM", request.CId, session.GsmRegistered ? PbxErrors.MalformedMessage : PbxErrors.NotPermitted);
                return;
            }

            if (string.IsNullOrWhiteSpace(request.Number) || request.Text is null || SmsTooLong(request.Text, request.MultiPart is not null, request.Code))
            {
                Reply(session, "GSM", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            Reply(session, "GSM", request.CId);
            SendSms(request.Number.Trim(), request.Report != false);
        }
    }

    internal static bool SmsTooLong(string text, bool multipart, string? code)
    {
        bool national = code == "UCS2" || text.Any(c => c > 0x7F);
        int limit = national ? (multipart ? 67 : 70) : (multipart ? 153 : 160);
        return text.Length > limit;
    }

    internal SmsOutcome NextSmsOutcome { get; set; } = SmsOutcome.Delivered;

    /// <summary>Sends an SMS through the gateway: the SMS centre accepts it, then (with a report) delivery is reported.</summary>
    internal void SendSms(string number, bool report)
    {
        int orderId = _nextOrderId++;
        var outcome = NextSmsOutcome;
        if (outcome == SmsOutcome.RejectedByCentre)
        {
            Broadcast(s => s.GsmRegistered, new GsmSmsAcknowledgeEvent { GsmId = GsmId, Status = "Reject", MsgId = orderId, ErrorCode = SmsErrorCode });
            BroadcastGsmCtip(new CtipSmsRejected(GsmPort, SmsErrorCode));
            return;
        }

        Broadcast(s => s.GsmRegistered, new GsmSmsAcknowledgeEvent { GsmId = GsmId, Status = "Confirm", MsgId = orderId });
        BroadcastGsmCtip(new CtipSmsAccepted(GsmPort, orderId));
        if (report)
        {
            int memId = _nextMemId++;
            bool failed = outcome == SmsOutcome.DeliveryFailed;
            var xml = new GsmSmsReportEvent { GsmId = GsmId, Status = failed ? "Error" : "Delivered", MsgId = orderId, MemId = memId, ErrorCode = failed ? SmsErrorCode : null, Number = number };
            CtipMessage line = failed ? new CtipSmsDeliveryFailed(GsmPort, memId, orderId, SmsErrorCode, number) : new CtipSmsDelivered(GsmPort, memId, orderId, number);
            _gsmMemory.Add(new GsmMemoryItem(memId, xml, line));
            Broadcast(s => s.GsmRegistered, xml);
            BroadcastGsmCtip(line);
        }
    }

    internal void ReceiveSms(string fromNumber, string text)
    {
        int memId = _nextMemId++;
        var now = Now;
        var xml = new GsmSmsGetEvent { GsmId = GsmId, MemId = memId, Number = fromNumber, Type = "Normal", MultiPart = new GsmMultiPart { RefNr = 0, Part = 1, Total = 1 }, Date = now, Text = text };
        var line = new CtipSmsReceived(GsmPort, memId, fromNumber, CtipSmsType.Normal, CtipSmsPart.SinglePart, now, text);
        _gsmMemory.Add(new GsmMemoryItem(memId, xml, line));
        Broadcast(s => s.GsmRegistered, xml);
        BroadcastGsmCtip(line);
    }

    /// <summary>An SMS for a subscriber: shown in MessengerCTI as an incoming message (and kept in history).</summary>
    internal void DeliverSmsToSubscriber(string fromNumber, Subscriber to, string text)
    {
        int smsId = _nextSmsId++;
        var now = Now;
        AddMessageHistory(to, new MessageHistoryData { SmsId = smsId, Date = now, Type = "In", Number = fromNumber, Text = text, Unread = true, Status = "Delivered", StatusDate = now, TypeMsg = "SMS" });
        var message = new SmsReceiveEvent { RecvTime = now, Number = fromNumber, Type = new SmsType("SMS"), Text = text };
        var gateway = Gateway ?? to;
        Queue(new PendingChat(smsId, gateway, to, message));
    }

    internal void HandleGsmOk(XctipSession session, GsmSmsOkRequest request)
    {
        lock (_gate)
        {
            if (request.MemId is not { } memId || request.GsmId is not GsmId)
            {
                Reply(session, "GSM", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            Reply(session, "GSM", request.CId);
            AcknowledgeGsm(memId);
        }
    }

    internal void AcknowledgeGsm(int memId) => _gsmMemory.RemoveAll(i => i.MemId == memId);

    internal void ReplayGsm(CtipSession session)
    {
        foreach (var item in _gsmMemory)
        {
            session.Enqueue(OutboundItem.ForCtip(item.Line));
        }
    }

    internal bool CheckGsmLogin(string port, string pin) =>
        port == GsmPort && Gateway is { } gw && string.Equals(gw.Data.GsmPin, pin, StringComparison.Ordinal);

    internal string GsmMsisdn => Gateway?.Data.GsmNumber ?? "";

    private void BroadcastGsmCtip(CtipMessage message)
    {
        OutboundItem? item = null;
        foreach (var s in CtipSessions())
        {
            if (s.GsmPorts.Contains(GsmPort))
            {
                s.Enqueue(item ??= OutboundItem.ForCtip(message));
            }
        }
    }
}
