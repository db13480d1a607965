using Slican.Cti.Protocol.Sync;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing.Calls;
using Slican.Cti.Testing.Sync;
using Slican.Cti.Testing.Xctip;

namespace Slican.Cti.Testing;

public sealed partial class PbxWorld
{
    private const int MaxLimit = 1000;
    private const int DefaultLimit = 100;
    private readonly Dictionary<int, PhoneBookGroupData> _groups = [];
    private readonly Dictionary<int, PhoneBookContactData> _contacts = [];
    private readonly Dictionary<string, List<CallHistoryData>> _callHistory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MessageHistoryData>> _messageHistory = new(StringComparer.Ordinal);
    private readonly Dictionary<int, CallbackData> _callbacks = [];
    private readonly Dictionary<int, SyncLog> _callLogs = [];
    private readonly Dictionary<int, SyncLog> _messageLogs = [];
    private SyncLog _bookLog = null!;
    private SyncLog _callbackLog = null!;
    private Dictionary<string, (string Name, string? Group)>? _numberIndex;
    private int _nextHId = 10000;
    private int _nextMId = 20000;
    private int _nextPhoneId = 100000;

    private int Capacity => Math.Max(1, _initial.SyncLogCapacity);

    private void InitialiseSync(PbxWorldData data)
    {
        _bookLog = new SyncLog(int.MaxValue);
        _callbackLog = new SyncLog(int.MaxValue);
        foreach (var g in data.PhoneBookGroups)
        {
            _groups[g.GroupId] = g;
            _bookLog.Put('G', g.GroupId, g);
        }

        foreach (var c in data.Contacts)
        {
            _contacts[c.ContactId] = c;
            _bookLog.Put('C', c.ContactId, c);
            _nextPhoneId = Math.Max(_nextPhoneId, c.Phones.Count == 0 ? 0 : c.Phones.Max(p => p.PhoneId) + 1);
        }

        foreach (var s in _subscribers)
        {
            _callLogs[s.Id] = new SyncLog(int.MaxValue);
            _messageLogs[s.Id] = new SyncLog(int.MaxValue);
        }

        foreach (var h in data.CallHistory)
        {
            if (FindByExtension(h.Owner) is { } owner)
            {
                AddHistory(_callHistory, h.Owner, h);
                _callLogs[owner.Id].Put('H', h.HId, h);
                _nextHId = Math.Max(_nextHId, h.HId + 1);
            }
        }

        foreach (var m in data.MessageHistory)
        {
            if (FindByExtension(m.Owner) is { } owner)
            {
                AddHistory(_messageHistory, m.Owner, m);
                _messageLogs[owner.Id].Put('H', m.MId, m);
                _nextMId = Math.Max(_nextMId, m.MId + 1);
            }
        }

        foreach (var cb in data.Callbacks)
        {
            _callbacks[cb.CbId] = cb;
            _callbackLog.Put('C', cb.CbId, cb);
        }

        // From here on the configured capacity applies (the initial load is not "too many changes").
        _bookLog = Rebuild(_bookLog);
        _callbackLog = Rebuild(_callbackLog);
        foreach (var id in _callLogs.Keys.ToList())
        {
            _callLogs[id] = Rebuild(_callLogs[id]);
            _messageLogs[id] = Rebuild(_messageLogs[id]);
        }
    }

    private SyncLog Rebuild(SyncLog source)
    {
        var log = new SyncLog(Capacity);
        foreach (var e in source.Since(0).Where(e => !e.Deleted).ToList())
        {
            log.Put(e.Kind, e.Id, e.Payload);
        }

        return log;
    }

    private static void AddHistory<T>(Dictionary<string, List<T>> store, string owner, T row)
    {
        if (!store.TryGetValue(owner, out var list))
        {
            store[owner] = list = [];
        }

        list.Add(row);
    }

    private static char TypeLetter(SyncType type) => type.Value switch
    {
        "Book" => 'B',
        "HistoryCall" => 'C',
        "HistoryMsg" => 'M',
        _ => 'Q',
    };

    private static bool IsKnownSyncType(SyncType? type) =>
        type is { } t && (t == SyncType.Book || t == SyncType.HistoryCall || t == SyncType.HistoryMsg || t == SyncType.CCCallback);

    private SyncLog LogFor(SyncType type, Subscriber owner) => type.Value switch
    {
        "Book" => _bookLog,
        "HistoryCall" => _callLogs[owner.Id],
        "HistoryMsg" => _messageLogs[owner.Id],
        _ => _callbackLog,
    };

    private bool Visible(SyncType type, Subscriber owner, SyncEntry entry) =>
        type != SyncType.CCCallback || (entry.Payload is CallbackData cb && _queues.TryGetValue(cb.QueueId, out var q) && q.Data.Agents.Contains(owner.Extension));

    private string MarkerOf(SyncType type, char kind, uint seq, int recordId, Subscriber owner) =>
        SyncMarker.Create($"{TypeLetter(type)}{kind}", seq, (uint)recordId, _epoch, owner.Id).Value;

    // ---------------------------------------------------------------- Sync_REQ

    internal void HandleSync(XctipSession session, SyncRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            if (!IsKnownSyncType(request.SyncType) || request.Limit is <= 0)
            {
                Reply(session, "Sync", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            if (request.Id is { } id && id != user.Id)
            {
                Reply(session, "Sync", request.CId, FindById(id) is null ? PbxErrors.MalformedMessage : PbxErrors.NotPermitted);
                return;
            }

            var type = request.SyncType!.Value;
            if (type == SyncType.CCCallback && !_queues.Values.Any(q => q.Data.Agents.Contains(user.Extension)))
            {
                Reply(session, "Sync", request.CId, PbxErrors.NotPermitted);
                return;
            }

            var log = LogFor(type, user);
            int limit = Math.Min(request.Limit ?? DefaultLimit, MaxLimit);
            SyncCause? cause = null;
            uint from = 0;
            if (string.IsNullOrWhiteSpace(request.Marker))
            {
                cause = SyncCause.EmptyMarker;
            }
            else if (!SyncMarker.TryParse(request.Marker.Trim(), out var marker)
                || marker.Prefix[0] != TypeLetter(type) || marker.Epoch != _epoch || marker.SubscriberId != user.Id || marker.Sequence > log.LastSeq)
            {
                cause = SyncCause.WrongMarker;
            }
            else if (marker.Sequence < log.Horizon)
            {
                cause = log.WipedByEvent ? SyncCause.Event : SyncCause.Overflow;
            }
            else
            {
                from = marker.Sequence;
            }

            var rows = new List<SyncRow>();
            bool full = cause is not null;
            if (full)
            {
                from = log.Horizon;
                rows.Add(new SyncRow { Marker = MarkerOf(type, 'F', from, 0, user), RowType = RowType.DelAll, SyncType = type, Causes = [cause!.Value] });
            }

            uint last = from;
            int count = 0;
            foreach (var entry in log.Since(from))
            {
                if (count == limit)
                {
                    break;
                }

                last = entry.Seq;
                if ((full && entry.Deleted) || !Visible(type, user, entry))
                {
                    continue;
                }

                rows.Add(RowOf(type, entry, user, full || entry.Created > from ? RowType.AddRow : RowType.Update));
                count++;
            }

            rows.Add(new SyncRow { Marker = MarkerOf(type, 'F', last, 0, user), RowType = RowType.RowEnd, SyncType = type });
            Reply(session, new SyncRecordsAnswer { CId = request.CId, Id = user.Id, Rows = rows.ToArray() });
            Reply(session, "Sync", request.CId);
        }
    }

    private SyncRow RowOf(SyncType type, SyncEntry entry, Subscriber owner, RowType rowType)
    {
        string marker = MarkerOf(type, entry.Kind, entry.Seq, entry.Id, owner);
        if (entry.Deleted)
        {
            return entry.Payload switch
            {
                PhoneBookGroupData g => new SyncRow { Marker = marker, RowType = RowType.DelRow, SyncType = type, Group = new BookGroup { GroupId = g.GroupId } },
                PhoneBookContactData c => new SyncRow { Marker = marker, RowType = RowType.DelRow, SyncType = type, Contact = new BookContact { ContactId = c.ContactId } },
                CallHistoryData h => new SyncRow { Marker = marker, RowType = RowType.DelRow, SyncType = type, HistoryCall = new HistoryCallRecord { HId = h.HId } },
                MessageHistoryData m => new SyncRow { Marker = marker, RowType = RowType.DelRow, SyncType = type, HistoryMsg = new HistoryMsgRecord { MId = m.MId } },
                CallbackData cb => new SyncRow { Marker = marker, RowType = RowType.DelRow, SyncType = type, Callback = new CallbackRecord { CbId = cb.CbId } },
                _ => throw new InvalidOperationException("Unknown sync payload."),
            };
        }

        return entry.Payload switch
        {
            PhoneBookGroupData g => new SyncRow { Marker = marker, RowType = rowType, SyncType = type, Group = ToBook(g) },
            PhoneBookContactData c => new SyncRow { Marker = marker, RowType = rowType, SyncType = type, Contact = ToBook(c) },
            CallHistoryData h => new SyncRow { Marker = marker, RowType = rowType, SyncType = type, HistoryCall = ToRecord(h) },
            MessageHistoryData m => new SyncRow { Marker = marker, RowType = rowType, SyncType = type, HistoryMsg = ToRecord(m) },
            CallbackData cb => new SyncRow { Marker = marker, RowType = rowType, SyncType = type, Callback = ToRecord(cb) },
            _ => throw new InvalidOperationException("Unknown sync payload."),
        };
    }

    private static BookGroup ToBook(PhoneBookGroupData g) => new() { GroupId = g.GroupId, Name = g.Name, Favourite = g.Favourite, Private = g.Private, Department = g.Department };

    private static BookContact ToBook(PhoneBookContactData c) => new()
    {
        ContactId = c.ContactId,
        Name = c.Name,
        ExtNo = c.ExtNo,
        IdExtNo = c.IdExtNo,
        Favourite = c.Favourite,
        Private = c.Private,
        Type = c.Type,
        DefaultPhoneId = c.Phones.FirstOrDefault(p => p.Default)?.PhoneId ?? (c.Phones.Count > 0 ? c.Phones[0].PhoneId : null),
        Phones = c.Phones.Select(p => new BookPhone { PhoneId = p.PhoneId, Number = p.Number, Comment = p.Comment, CanSMS = p.CanSms }).ToArray(),
        GroupIds = c.GroupIds.ToArray(),
        Info = c.Info,
        IM = c.IM,
    };

    private static HistoryCallRecord ToRecord(CallHistoryData h) => new()
    {
        HId = h.HId, StartTime = h.StartTime, HType = new HistoryCallType(h.HType), CNumber = h.CNumber, CName = h.CName, CType = h.CType,
        DialNumber = h.DialNumber, DurationTime = h.DurationTime, Unread = h.Unread, Attempts = h.Attempts,
    };

    private static HistoryMsgRecord ToRecord(MessageHistoryData m) => new()
    {
        MId = m.MId, Date = m.Date, Type = m.Type, Unread = m.Unread, ReadDate = m.ReadDate, SMSId = m.SmsId, Number = m.Number, Text = m.Text,
        UData = m.UserData, Status = m.Status, StatusDate = m.StatusDate, TypeMsg = m.TypeMsg, Displayed = m.Displayed,
    };

    private static CallbackRecord ToRecord(CallbackData cb) => new()
    {
        CbId = cb.CbId, QueueId = cb.QueueId, Number = cb.Number, Name = cb.Name, Time = cb.Time, Attempts = cb.Attempts, State = cb.State,
    };

    // ---------------------------------------------------------------- hints

    internal void HandleSyncRegister(XctipSession session, SyncRegisterRequest request, bool push)
    {
        lock (_gate)
        {
            if (!IsKnownSyncType(request.SyncType) || (request.Id is { } id && id != session.User!.Id))
            {
                Reply(session, "Sync", request.CId, request.Id is not null && IsKnownSyncType(request.SyncType) ? PbxErrors.NotPermitted : PbxErrors.MalformedMessage);
                return;
            }

            (push ? session.SyncAuto : session.SyncNotify).Add(request.SyncType!.Value.Value);
            Reply(session, "Sync", request.CId);
        }
    }

    internal void HandleSyncAutoChange(XctipSession session, SyncAutoChangeRequest request)
    {
        lock (_gate)
        {
            if (!IsKnownSyncType(request.SyncType))
            {
                Reply(session, "Sync", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            session.SyncAuto.Add(request.SyncType!.Value.Value);
            Reply(session, "Sync", request.CId);
        }
    }

    /// <summary>Tells registered sessions that data changed (<c>Change_EV</c>) or pushes the row (<c>Records_EV</c>).</summary>
    private void NotifySync(SyncType type, Subscriber? owner, SyncEntry entry)
    {
        foreach (var s in XctipSessions())
        {
            var user = s.User!;
            if ((owner is not null && owner != user) || !Visible(type, user, entry))
            {
                continue;
            }

            if (s.SyncAuto.Contains(type.Value))
            {
                var row = RowOf(type, entry, user, entry.Created == entry.Seq ? RowType.AddRow : RowType.Update);
                s.Enqueue(Sessions.OutboundItem.ForXctip(false, new SyncRecordsEvent { Id = user.Id, Rows = [row] }));
            }
            else if (s.SyncNotify.Contains(type.Value))
            {
                Send(s, new SyncChangeEvent { Id = user.Id, SyncType = type });
            }
        }
    }

    // ---------------------------------------------------------------- phone book changes

    internal (string? Name, string? Group) LookupContact(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return (null, null);
        }

        if (_numberIndex is null)
        {
            _numberIndex = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
            foreach (var c in _contacts.Values.OrderBy(c => c.ContactId))
            {
                if (c.Type == "Subscriber")
                {
                    continue;
                }

                string? group = c.GroupIds.Select(g => _groups.TryGetValue(g, out var gd) ? gd.Name : null).FirstOrDefault(n => n is not null);
                foreach (var p in c.Phones)
                {
                    string key = NumberMatcher.Normalise(p.Number);
                    if (key.Length >= 6)
                    {
                        _numberIndex.TryAdd(key, (c.Name, group));
                    }
                }
            }
        }

        return _numberIndex.TryGetValue(NumberMatcher.Normalise(number), out var hit) ? hit : (null, null);
    }

    internal void PutGroup(PhoneBookGroupData group)
    {
        _groups[group.GroupId] = group;
        _numberIndex = null;
        NotifySync(SyncType.Book, null, _bookLog.Put('G', group.GroupId, group));
    }

    internal void PutContact(PhoneBookContactData contact)
    {
        _contacts[contact.ContactId] = contact;
        _numberIndex = null;
        NotifySync(SyncType.Book, null, _bookLog.Put('C', contact.ContactId, contact));
    }

    internal void DeleteContact(int id)
    {
        _contacts.Remove(id);
        _numberIndex = null;
        if (_bookLog.Delete('C', id) is { } e)
        {
            NotifySync(SyncType.Book, null, e);
        }
    }

    internal void DeleteGroup(int id)
    {
        _groups.Remove(id);
        _numberIndex = null;
        if (_bookLog.Delete('G', id) is { } e)
        {
            NotifySync(SyncType.Book, null, e);
        }

        foreach (var c in _contacts.Values.Where(c => c.GroupIds.Contains(id)).ToList())
        {
            PutContact(c with { GroupIds = c.GroupIds.Where(g => g != id).ToArray() });
        }
    }

    internal int NextContactId() => _contacts.Count == 0 ? 1 : _contacts.Keys.Max() + 1;

    internal int NextGroupId() => _groups.Count == 0 ? 1 : _groups.Keys.Max() + 1;

    internal IReadOnlyList<PhoneData> AssignPhoneIds(IEnumerable<PhoneData> phones) =>
        phones.Select(p => p.PhoneId > 0 ? p : p with { PhoneId = _nextPhoneId++ }).ToArray();

    internal void HandleSendChange(XctipSession session, SyncSendChangeRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            string? error = request.Rows.Count == 0 ? PbxErrors.MalformedMessage : null;
            foreach (var row in request.Rows)
            {
                error ??= ValidateChange(user, row);
            }

            if (error is not null)
            {
                Reply(session, "Sync", request.CId, error);
                return;
            }

            Reply(session, "Sync", request.CId);
            foreach (var row in request.Rows)
            {
                ApplyChange(user, row);
            }
        }
    }

    private string? ValidateChange(Subscriber user, SyncRow row)
    {
        if (row.SyncType == SyncType.HistoryCall || row.SyncType == SyncType.HistoryMsg)
        {
            return ValidateReadMark(user, row);
        }

        if (row.SyncType is { } t && t != SyncType.Book)
        {
            return PbxErrors.NotPermitted;
        }

        var kind = row.RowType?.Value;
        if (row.Group is { } g)
        {
            if (!user.Data.CanEditGroups)
            {
                return PbxErrors.NotPermitted;
            }

            return kind switch
            {
                "AddRow" when !string.IsNullOrWhiteSpace(g.Name) => null,
                "Update" when g.GroupId is { } id && _groups.ContainsKey(id) && !string.IsNullOrWhiteSpace(g.Name) => null,
                "DelRow" when g.GroupId is { } id && _groups.ContainsKey(id) => null,
                _ => PbxErrors.MalformedMessage,
            };
        }

        if (row.Contact is { } c)
        {
            if (!user.Data.CanEditBook)
            {
                return PbxErrors.NotPermitted;
            }

            if (c.GroupIds.Any(id => !_groups.ContainsKey(id)))
            {
                return PbxErrors.MalformedMessage;
            }

            return kind switch
            {
                "AddRow" when !string.IsNullOrWhiteSpace(c.Name) => null,
                "Update" when c.ContactId is { } id && _contacts.ContainsKey(id) && !string.IsNullOrWhiteSpace(c.Name) => null,
                "DelRow" when c.ContactId is { } id && _contacts.ContainsKey(id) => null,
                "AddField" when c.ContactId is { } id && _contacts.ContainsKey(id) && c.Phones.Count > 0 => null,
                _ => PbxErrors.MalformedMessage,
            };
        }

        return PbxErrors.MalformedMessage;
    }

    /// <summary>
    /// History is written by the PBX; a client may only flip <c>Unread</c> on its own records (how MessengerCTI marks
    /// missed calls and messages read). Anything else, or anyone else's record, is <c>Not permitted</c>.
    /// </summary>
    private string? ValidateReadMark(Subscriber user, SyncRow row)
    {
        if (row.RowType != RowType.Update || row.Group is not null || row.Contact is not null)
        {
            return PbxErrors.NotPermitted;
        }

        if (row.SyncType == SyncType.HistoryCall)
        {
            if (row.HistoryCall is not { HId: int hid, Unread: bool } h || row.HistoryMsg is not null)
            {
                return PbxErrors.MalformedMessage;
            }

            bool onlyUnread = h.StartTime is null && h.HType is null && h.CNumber is null && h.CName is null && h.CType is null
                && h.DialNumber is null && h.DurationTime is null && h.Attempts is null && h.Unknown.Count == 0;
            bool own = _callHistory.TryGetValue(user.Extension, out var calls) && calls.Exists(c => c.HId == hid);
            return onlyUnread && own ? null : PbxErrors.NotPermitted;
        }

        if (row.HistoryMsg is not { MId: int mid, Unread: bool } m || row.HistoryCall is not null)
        {
            return PbxErrors.MalformedMessage;
        }

        bool onlyMessageUnread = m.Date is null && m.Type is null && m.ReadDate is null && m.SMSId is null && m.Number is null && m.Text is null
            && m.UData is null && m.Status is null && m.StatusDate is null && m.Report is null && m.ReportDate is null && m.TypeMsg is null
            && m.Displayed is null && m.DisplayedDate is null && m.Unknown.Count == 0;
        bool ownMessage = _messageHistory.TryGetValue(user.Extension, out var messages) && messages.Exists(x => x.MId == mid);
        return onlyMessageUnread && ownMessage ? null : PbxErrors.NotPermitted;
    }

    /// <summary>Applies a validated read mark; a changed record moves to the end of the owner's change log.</summary>
    private void ApplyReadMark(Subscriber user, SyncRow row)
    {
        if (row.HistoryCall is { HId: int hid, Unread: bool unread })
        {
            var list = _callHistory[user.Extension];
            int index = list.FindIndex(c => c.HId == hid);
            if (list[index].Unread != unread)
            {
                list[index] = list[index] with { Unread = unread };
                NotifySync(SyncType.HistoryCall, user, _callLogs[user.Id].Put('H', hid, list[index]));
            }

            return;
        }

        var message = row.HistoryMsg!;
        var current = _messageHistory[user.Extension].Find(x => x.MId == message.MId)!;
        if (current.Unread != message.Unread)
        {
            UpdateMessageHistory(user, current with { Unread = message.Unread!.Value, ReadDate = message.Unread!.Value ? null : current.ReadDate ?? Now });
        }
    }

    private void ApplyChange(Subscriber user, SyncRow row)
    {
        if (row.SyncType == SyncType.HistoryCall || row.SyncType == SyncType.HistoryMsg)
        {
            ApplyReadMark(user, row);
            return;
        }

        string kind = row.RowType!.Value.Value;
        if (row.Group is { } g)
        {
            switch (kind)
            {
                case "DelRow":
                    DeleteGroup(g.GroupId!.Value);
                    break;
                default:
                    PutGroup(new PhoneBookGroupData
                    {
                        GroupId = kind == "AddRow" ? NextGroupId() : g.GroupId!.Value,
                        Name = g.Name!.Trim(), Favourite = g.Favourite ?? false, Private = g.Private ?? false, Department = g.Department ?? false,
                    });
                    break;
            }

            return;
        }

        var c = row.Contact!;
        switch (kind)
        {
            case "DelRow":
                DeleteContact(c.ContactId!.Value);
                break;
            case "AddField":
                var existing = _contacts[c.ContactId!.Value];
                PutContact(existing with { Phones = existing.Phones.Concat(AssignPhoneIds(c.Phones.Select(FromBook))).ToArray() });
                break;
            default:
                PutContact(new PhoneBookContactData
                {
                    ContactId = kind == "AddRow" ? NextContactId() : c.ContactId!.Value,
                    Name = c.Name!.Trim(),
                    ExtNo = c.ExtNo,
                    IdExtNo = c.IdExtNo,
                    Favourite = c.Favourite ?? false,
                    Private = c.Private ?? false,
                    Type = c.Type ?? (c.ExtNo is null ? "External" : "Subscriber"),
                    Phones = AssignPhoneIds(c.Phones.Select(FromBook)),
                    GroupIds = c.GroupIds.ToArray(),
                    Info = c.Info,
                    IM = c.IM,
                });
                break;
        }
    }

    private static PhoneData FromBook(BookPhone p) => new()
    {
        PhoneId = p.PhoneId ?? 0, Number = p.Number ?? "", Comment = p.Comment, CanSms = p.CanSMS ?? false, Default = p.DefaultNo ?? false,
    };

    // ---------------------------------------------------------------- history

    private void WriteHistory(Call call, bool answered)
    {
        var now = Now;
        int talk = answered && call.Connected is { } c ? (int)Math.Max(0, (now - c).TotalSeconds) : 0;
        if (call.Caller.Subscriber is { } caller)
        {
            var other = call.Callee ?? new CallEnd(null, call.Dialled, call.DialledName, null);
            AddCallHistory(caller, new CallHistoryData
            {
                Owner = caller.Extension, StartTime = call.Started, HType = HistoryCallType.OutCall.Value, CNumber = other.Number, CName = other.Name,
                CType = other.IsInternal ? "Internal" : "National", DurationTime = talk,
            });
        }

        if (answered && call.Callee?.Subscriber is { } callee && callee != call.Caller.Subscriber)
        {
            AddCallHistory(callee, new CallHistoryData
            {
                Owner = callee.Extension, StartTime = call.Started, HType = HistoryCallType.InCall.Value, CNumber = call.Caller.Number, CName = call.Caller.Name,
                CType = call.Caller.IsInternal ? "Internal" : "National", DialNumber = call.Dialled, DurationTime = talk,
            });
        }
        else if (!answered)
        {
            int ring = (int)Math.Max(0, (now - call.Started).TotalSeconds);
            foreach (var s in call.Offered.Where(s => s != call.Caller.Subscriber))
            {
                AddCallHistory(s, new CallHistoryData
                {
                    Owner = s.Extension, StartTime = call.Started, HType = HistoryCallType.MissedCall.Value, CNumber = call.Caller.Number, CName = call.Caller.Name,
                    CType = call.Caller.IsInternal ? "Internal" : "National", DialNumber = call.Dialled, DurationTime = ring, Unread = true,
                });
            }
        }
    }

    private void WriteTransferHistory(Call call, Subscriber by)
    {
        var other = call.OtherEnd(by);
        if (other is null)
        {
            return;
        }

        int talk = call.Connected is { } c ? (int)Math.Max(0, (Now - c).TotalSeconds) : 0;
        bool outgoing = call.Caller.Subscriber == by;
        AddCallHistory(by, new CallHistoryData
        {
            Owner = by.Extension, StartTime = call.Started, HType = outgoing ? HistoryCallType.OutCall.Value : HistoryCallType.InCall.Value,
            CNumber = other.Number, CName = other.Name, CType = other.IsInternal ? "Internal" : "National", DialNumber = outgoing ? null : call.Dialled, DurationTime = talk,
        });
    }

    private void AddCallHistory(Subscriber owner, CallHistoryData row)
    {
        row = row with { HId = _nextHId++ };
        AddHistory(_callHistory, owner.Extension, row);
        NotifySync(SyncType.HistoryCall, owner, _callLogs[owner.Id].Put('H', row.HId, row));
    }

    internal MessageHistoryData AddMessageHistory(Subscriber owner, MessageHistoryData row)
    {
        row = row with { Owner = owner.Extension, MId = _nextMId++ };
        AddHistory(_messageHistory, owner.Extension, row);
        NotifySync(SyncType.HistoryMsg, owner, _messageLogs[owner.Id].Put('H', row.MId, row));
        return row;
    }

    internal void UpdateMessageHistory(Subscriber owner, MessageHistoryData row)
    {
        var list = _messageHistory[owner.Extension];
        int index = list.FindIndex(m => m.MId == row.MId);
        list[index] = row;
        NotifySync(SyncType.HistoryMsg, owner, _messageLogs[owner.Id].Put('H', row.MId, row));
    }

    internal void PutCallback(CallbackData cb)
    {
        _callbacks[cb.CbId] = cb;
        NotifySync(SyncType.CCCallback, null, _callbackLog.Put('C', cb.CbId, cb));
    }

    /// <summary>Wipes a subscriber's call or message history as an administrator would: clients get <c>DelAll{Event}</c>.</summary>
    internal void WipeHistory(Subscriber owner, SyncType type)
    {
        SyncLog log;
        if (type == SyncType.HistoryCall)
        {
            _callHistory.Remove(owner.Extension);
            log = _callLogs[owner.Id];
        }
        else if (type == SyncType.HistoryMsg)
        {
            _messageHistory.Remove(owner.Extension);
            log = _messageLogs[owner.Id];
        }
        else
        {
            throw new ArgumentException("Only HistoryCall and HistoryMsg can be wiped.", nameof(type));
        }

        log.Wipe();
        foreach (var s in XctipSessions())
        {
            if (s.User == owner && (s.SyncNotify.Contains(type.Value) || s.SyncAuto.Contains(type.Value)))
            {
                Send(s, new SyncChangeEvent { Id = owner.Id, SyncType = type });
            }
        }
    }
}
