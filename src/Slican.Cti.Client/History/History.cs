using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>One call-history record.</summary>
public sealed record CallHistoryEntry
{
    /// <summary>The PBX's record id.</summary>
    public int Id { get; init; }

    /// <summary>When the call started (PBX local time).</summary>
    public DateTime? Time { get; init; }

    /// <summary><c>InCall</c>, <c>OutCall</c> or <c>MissedCall</c>.</summary>
    public HistoryCallType? Type { get; init; }

    /// <summary>The other party's number.</summary>
    public string? Number { get; init; }

    /// <summary>The other party's name as the PBX gives it.</summary>
    public string? Name { get; init; }

    /// <summary>The number the caller dialled (own DDI/extension).</summary>
    public string? DialledNumber { get; init; }

    /// <summary>Talk time, or ring time for a missed call.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Whether the user has not seen it yet.</summary>
    public bool Unread { get; init; }

    /// <summary>Repeated attempts folded into this record.</summary>
    public int Attempts { get; init; }

    /// <summary>Whether it is a missed call.</summary>
    public bool IsMissed => Type == HistoryCallType.MissedCall;
}

/// <summary>One chat-history record.</summary>
public sealed record ChatHistoryEntry
{
    /// <summary>The PBX's record id.</summary>
    public int Id { get; init; }

    /// <summary>When (PBX local time).</summary>
    public DateTime? Time { get; init; }

    /// <summary>The peer's extension or number.</summary>
    public string Peer { get; init; } = string.Empty;

    /// <summary>The text.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Whether the user sent it.</summary>
    public bool IsOutgoing { get; init; }

    /// <summary>The record's type word as the PBX sends it.</summary>
    public string? Type { get; init; }

    /// <summary>Whether it is unread.</summary>
    public bool Unread { get; init; }

    /// <summary>When the peer read it.</summary>
    public DateTime? ReadTime { get; init; }

    /// <summary>The delivery status word.</summary>
    public string? Status { get; init; }

    /// <summary>The sender's user data.</summary>
    public string? UserData { get; init; }

    /// <summary>The message id used by delivery events.</summary>
    public int? SmsId { get; init; }
}

/// <summary>
/// Call history (incoming, outgoing, missed, with missed/unread counters and mark-read) and chat history with
/// "load previous" paging, kept in sync from the PBX (SyncType <c>HistoryCall</c> and <c>HistoryMsg</c>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim is only awaited (no wait handle); it needs no disposal.")]
public sealed class History : IBackgroundOwner
{
    private readonly CtiClient _client;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private readonly Dictionary<int, CallHistoryEntry> _calls = [];
    private readonly Dictionary<int, ChatHistoryEntry> _messages = [];
    private readonly EventStream<CallHistoryEntry> _callChanges;
    private readonly EventStream<ChatHistoryEntry> _messageChanges;
    private readonly BackgroundSync _callSync;
    private readonly BackgroundSync _messageSync;
    private string? _callMarker;
    private string? _messageMarker;

    internal History(CtiClient client)
    {
        _client = client;
        _callChanges = client.Hub.CreateStream<CallHistoryEntry>("CallHistory");
        _messageChanges = client.Hub.CreateStream<ChatHistoryEntry>("ChatHistory");
        _callSync = new BackgroundSync("HistoryCall", ct => SyncAsync(SyncType.HistoryCall, ct), client);
        _messageSync = new BackgroundSync("HistoryMsg", ct => SyncAsync(SyncType.HistoryMsg, ct), client);
    }

    /// <summary>A call-history record was added or changed.</summary>
    public event EventHandler<CallHistoryEntry>? CallAdded
    {
        add => _callChanges.Handlers += value;
        remove => _callChanges.Handlers -= value;
    }

    /// <summary>A chat-history record was added or changed.</summary>
    public event EventHandler<ChatHistoryEntry>? MessageAdded
    {
        add => _messageChanges.Handlers += value;
        remove => _messageChanges.Handlers -= value;
    }

    /// <summary>Subscribes to call-history changes.</summary>
    public CtiEventSubscription<CallHistoryEntry> SubscribeCalls(int? capacity = null) => _callChanges.Subscribe(capacity, null);

    /// <summary>Call history, newest first.</summary>
    public IReadOnlyList<CallHistoryEntry> Calls
    {
        get
        {
            lock (_gate) return [.. _calls.Values.OrderByDescending(c => c.Time).ThenByDescending(c => c.Id)];
        }
    }

    /// <summary>Missed calls not yet marked read.</summary>
    public int UnreadMissedCalls
    {
        get
        {
            lock (_gate) return _calls.Values.Count(c => c.IsMissed && c.Unread);
        }
    }

    /// <summary>Chat messages not yet read.</summary>
    public int UnreadMessages
    {
        get
        {
            lock (_gate) return _messages.Values.Count(m => !m.IsOutgoing && m.Unread);
        }
    }

    /// <summary>
    /// One page of the conversation with <paramref name="peer"/>, oldest first: the <paramref name="count"/> messages
    /// before <paramref name="before"/> (the newest when <see langword="null"/>). Pass the first entry's time of a
    /// page to load the previous one.
    /// </summary>
    public IReadOnlyList<ChatHistoryEntry> GetConversation(string peer, DateTime? before = null, int count = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            return [.. _messages.Values
                .Where(m => m.Peer == peer && (before is null || m.Time < before))
                .OrderByDescending(m => m.Time).ThenByDescending(m => m.Id)
                .Take(count)
                .Reverse()];
        }
    }

    /// <summary>Marks call-history records read (all unread missed calls when <paramref name="ids"/> is <see langword="null"/>).</summary>
    public async Task MarkCallsReadAsync(IEnumerable<int>? ids = null, CancellationToken cancellationToken = default)
    {
        List<CallHistoryEntry> targets;
        lock (_gate)
        {
            var set = ids?.ToHashSet();
            targets = [.. _calls.Values.Where(c => c.Unread && (set is null ? c.IsMissed : set.Contains(c.Id)))];
        }

        if (targets.Count == 0) return;
        await _client.RequestAsync(new SyncSendChangeRequest
        {
            Id = _client.LogInfo?.Id,
            Rows = [.. targets.Select(t => new SyncRow { RowType = RowType.Update, SyncType = SyncType.HistoryCall, HistoryCall = new HistoryCallRecord { HId = t.Id, Unread = false } })],
        }, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var t in targets)
            {
                if (_calls.TryGetValue(t.Id, out var c)) _calls[t.Id] = c with { Unread = false };
            }
        }
    }

    /// <summary>Brings call or chat history up to date from the stored marker.</summary>
    public async Task SyncAsync(SyncType type, CancellationToken cancellationToken = default)
    {
        var result = await SyncCoreAsync(_client.RequireConnection("Sync/Sync_REQ " + type.Value), type, cancellationToken).ConfigureAwait(false);
        if (type == SyncType.HistoryMsg) _client.Chat.ConsumeDelivered(result.NewMessages);
    }

    internal void ScheduleSync(SyncType type) => (type == SyncType.HistoryCall ? _callSync : _messageSync).Schedule();

    IEnumerable<Task> IBackgroundOwner.BackgroundTasks => [_callSync.Current, _messageSync.Current];

    internal async Task<HistorySyncResult> SyncCoreAsync(CtiConnection connection, SyncType type, CancellationToken cancellationToken)
    {
        await _syncGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<ChatHistoryEntry> added = [];
            string? marker;
            lock (_gate) marker = type == SyncType.HistoryCall ? _callMarker : _messageMarker;
            var result = await SyncLoop.RunAsync(connection, type, marker, _client.Options.SyncBatchSize, row => Apply(row, added), cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (type == SyncType.HistoryCall) _callMarker = result.Marker;
                else _messageMarker = result.Marker;
            }

            ClientLog.Synced(_client.Logger, type.Value, result.Rows, result.Reset);
            return new HistorySyncResult(added);
        }
        finally
        {
            _syncGate.Release();
        }
    }

    internal void ApplyPushed(SyncRow row)
    {
        List<ChatHistoryEntry> added = [];
        Apply(row, added);
        lock (_gate)
        {
            if (!string.IsNullOrEmpty(row.Marker))
            {
                if (row.SyncType == SyncType.HistoryCall) _callMarker = row.Marker;
                else _messageMarker = row.Marker;
            }
        }

        _client.Chat.ConsumeDelivered(added);
    }

    private void Apply(SyncRow row, List<ChatHistoryEntry> added)
    {
        CallHistoryEntry? call = null;
        ChatHistoryEntry? message = null;
        lock (_gate)
        {
            if (row.RowType == RowType.DelAll)
            {
                if (row.SyncType == SyncType.HistoryCall) _calls.Clear();
                else _messages.Clear();
                return;
            }

            if (row.HistoryCall is { HId: int hid } hc)
            {
                if (row.RowType == RowType.DelRow)
                {
                    _calls.Remove(hid);
                    return;
                }

                call = new CallHistoryEntry
                {
                    Id = hid,
                    Time = hc.StartTime,
                    Type = hc.HType,
                    Number = hc.CNumber,
                    Name = hc.CName,
                    DialledNumber = hc.DialNumber,
                    Duration = TimeSpan.FromSeconds(hc.DurationTime ?? 0),
                    Unread = hc.Unread ?? false,
                    Attempts = hc.Attempts ?? 1,
                };
                _calls[hid] = call;
            }
            else if (row.HistoryMsg is { MId: int mid } hm)
            {
                if (row.RowType == RowType.DelRow)
                {
                    _messages.Remove(mid);
                    return;
                }

                bool isNew = !_messages.ContainsKey(mid);
                message = new ChatHistoryEntry
                {
                    Id = mid,
                    Time = hm.Date,
                    Peer = hm.Number ?? string.Empty,
                    Text = hm.Text ?? string.Empty,
                    IsOutgoing = IsOutgoing(hm.Type),
                    Type = hm.Type,
                    Unread = hm.Unread ?? false,
                    ReadTime = hm.ReadDate,
                    Status = hm.Status,
                    UserData = hm.UData,
                    SmsId = hm.SMSId,
                };
                _messages[mid] = message;
                if (isNew) added.Add(message);
            }
        }

        if (call is not null && _callChanges.HasListeners) _callChanges.Publish(_client, call);
        if (message is not null && _messageChanges.HasListeners) _messageChanges.Publish(_client, message);
    }

    /// <summary>The HistoryMsg <c>Type</c> vocabulary is not public; these words mean "sent by the user".</summary>
    private static bool IsOutgoing(string? type) =>
        type is not null && (type.Equals("Out", StringComparison.OrdinalIgnoreCase) || type.Equals("Outgoing", StringComparison.OrdinalIgnoreCase) || type.Equals("Sent", StringComparison.OrdinalIgnoreCase));
}

internal sealed record HistorySyncResult(IReadOnlyList<ChatHistoryEntry> NewMessages);
