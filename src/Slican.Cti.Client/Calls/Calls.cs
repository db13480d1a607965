using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>
/// The user's calls: live monitoring from <c>Calls/Change_EV</c> (ringing with the caller's number, name and
/// matched contact; connected; held; released with cause) and call control over XCTIP (dial, answer, reject or
/// deflect, hold/retrieve, transfer, DTMF, pickup, conference; the SDK's modeled messages, protocol.md 5.3).
/// For PBXes where only CTIP call control is available, see <c>CtipClient</c>.
/// </summary>
public sealed class Calls
{
    private readonly CtiClient _client;
    private readonly object _gate = new();
    private readonly Dictionary<int, CtiCall> _active = [];
    private readonly HashSet<int> _seenDuringResync = [];
    private readonly EventStream<CallEvent> _events;
    private bool _resyncing;

    internal Calls(CtiClient client)
    {
        _client = client;
        _events = client.Hub.CreateStream<CallEvent>("Calls");
    }

    /// <summary>A call appeared or changed status. Handlers run in order, off the socket reader.</summary>
    public event EventHandler<CallEvent>? CallChanged
    {
        add => _events.Handlers += value;
        remove => _events.Handlers -= value;
    }

    /// <summary>Subscribes to call events.</summary>
    public CtiEventSubscription<CallEvent> Subscribe(int? capacity = null, EventOverflowMode? mode = null) => _events.Subscribe(capacity, mode);

    /// <summary>The calls in progress.</summary>
    public IReadOnlyList<CtiCall> Active
    {
        get
        {
            lock (_gate) return [.. _active.Values.OrderBy(c => c.StartedAt)];
        }
    }

    /// <summary>A call in progress by reference, or <see langword="null"/>.</summary>
    public CtiCall? Find(int cr)
    {
        lock (_gate) return _active.GetValueOrDefault(cr);
    }

    /// <summary>Numbers offered for one-click transfer (the manual's "quick transfer" / handy numbers).</summary>
    public IReadOnlyList<string> QuickTransferNumbers { get; set; } = [];

    /// <summary>
    /// Calls <paramref name="number"/> from the user's phone (<c>MakeCall_REQ</c>; on analog/SIP desk phones the PBX
    /// rings the user's phone first). Returns the new call's reference; its events follow on <see cref="CallChanged"/>.
    /// </summary>
    public async Task<int> DialAsync(string number, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        var answer = await _client.RequestAsync(new MakeCallRequest { Number = number.Trim() }, cancellationToken).ConfigureAwait(false);
        return answer.CR ?? 0;
    }

    /// <summary>Answers a ringing call (<c>Answer_REQ</c>). Analog/SIP desk phones cannot be answered remotely (<c>Not permitted</c>).</summary>
    public Task AnswerAsync(int cr, CancellationToken cancellationToken = default) =>
        _client.RequestAsync(new AnswerCallRequest { CR = cr }, cancellationToken);

    /// <summary>Hangs up (<c>Release_REQ</c>).</summary>
    public Task HangUpAsync(int cr, CancellationToken cancellationToken = default) =>
        _client.RequestAsync(new ReleaseCallRequest { CR = cr }, cancellationToken);

    /// <summary>Rejects a ringing call (<c>Reject_REQ</c>).</summary>
    public Task RejectAsync(int cr, CancellationToken cancellationToken = default) =>
        _client.RequestAsync(new RejectCallRequest { CR = cr }, cancellationToken);

    /// <summary>Deflects a ringing call to another number (<c>Reject_REQ</c> with a target).</summary>
    public Task DeflectAsync(int cr, string number, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        return _client.RequestAsync(new RejectCallRequest { CR = cr, Number = number }, cancellationToken);
    }

    /// <summary>Puts a call on hold.</summary>
    public Task HoldAsync(int cr, CancellationToken cancellationToken = default) =>
        _client.RequestAsync(new HoldCallRequest { CR = cr }, cancellationToken);

    /// <summary>Takes a held call back.</summary>
    public Task RetrieveAsync(int cr, CancellationToken cancellationToken = default) =>
        _client.RequestAsync(new RetrieveCallRequest { CR = cr }, cancellationToken);

    /// <summary>
    /// Transfers a call. <see cref="TransferMode.Blind"/> redirects at once; <see cref="TransferMode.Unannounced"/>
    /// hands over when the target rings ("without notification"). For <see cref="TransferMode.Announced"/> use
    /// <see cref="StartAnnouncedTransferAsync"/> and <see cref="CompleteAnnouncedTransferAsync"/>.
    /// </summary>
    public Task TransferAsync(int cr, string number, TransferMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        return _client.RequestAsync(new TransferCallRequest { CR = cr, Number = number, Mode = mode }, cancellationToken);
    }

    /// <summary>
    /// Step 1 of a transfer with announcement: holds <paramref name="cr"/> and calls <paramref name="number"/>. Returns
    /// the consultation call's reference once the PBX reports it.
    /// </summary>
    public async Task<int> StartAnnouncedTransferAsync(int cr, string number, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        using var subscription = Subscribe(capacity: 256);
        await _client.RequestAsync(new TransferCallRequest { CR = cr, Number = number, Mode = TransferMode.Announced }, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var existing = _active.Values.FirstOrDefault(c => c.CR != cr && c.Direction == CallDirection.Outgoing && c.Called?.Number == number && c.Status != CallStatus.Released);
            if (existing is not null) return existing.CR;
        }

        using var timeout = new CancellationTokenSource(_client.Options.RequestTimeout, _client.Options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await foreach (var e in subscription.WithCancellation(linked.Token).ConfigureAwait(false))
        {
            if (e.Previous is null && e.Call.CR != cr && e.Call.Called?.Number == number) return e.Call.CR;
        }

        throw new CtiException("The consultation call of the announced transfer was not reported.");
    }

    /// <summary>Step 2 of a transfer with announcement: joins the held call and the consultation call.</summary>
    public Task CompleteAnnouncedTransferAsync(int cr, int consultCr, string number, CancellationToken cancellationToken = default) =>
        _client.RequestAsync(new TransferCallRequest { CR = cr, Number = number, Mode = TransferMode.Announced, ConsultCR = consultCr }, cancellationToken);

    /// <summary>Cancels an announced transfer: hangs up the consultation and takes the held call back.</summary>
    public async Task CancelAnnouncedTransferAsync(int cr, int consultCr, CancellationToken cancellationToken = default)
    {
        await HangUpAsync(consultCr, cancellationToken).ConfigureAwait(false);
        await RetrieveAsync(cr, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Transfers to one of <see cref="QuickTransferNumbers"/> (blind).</summary>
    public Task QuickTransferAsync(int cr, int index, CancellationToken cancellationToken = default)
    {
        var numbers = QuickTransferNumbers;
        if (index < 0 || index >= numbers.Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {numbers.Count} quick-transfer numbers.");
        return TransferAsync(cr, numbers[index], TransferMode.Blind, cancellationToken);
    }

    /// <summary>Sends DTMF digits (<c>0</c>–<c>9</c>, <c>*</c>, <c>#</c>) into a call.</summary>
    public Task SendDtmfAsync(int cr, string digits, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(digits);
        foreach (char c in digits)
        {
            if (!(char.IsAsciiDigit(c) || c is '*' or '#')) throw new ArgumentException($"'{c}' is not a DTMF digit (0-9, *, #).", nameof(digits));
        }

        return _client.RequestAsync(new DtmfRequest { CR = cr, Digits = digits }, cancellationToken);
    }

    /// <summary>Picks up a call ringing at <paramref name="number"/>, or in the user's pickup group when <see langword="null"/>.</summary>
    public Task PickupAsync(string? number = null, CancellationToken cancellationToken = default) =>
        _client.RequestAsync(new PickupCallRequest { Number = number }, cancellationToken);

    /// <summary>Joins a held call and the active consultation call into a three-party conference.</summary>
    public Task ConferenceAsync(int cr, int consultCr, CancellationToken cancellationToken = default) =>
        _client.RequestAsync(new ConferenceCallRequest { CR = cr, ConsultCR = consultCr }, cancellationToken);

    internal void Apply(CallsChangeEvent change)
    {
        if (change.CR is not int cr) return;
        var now = _client.Options.TimeProvider.GetUtcNow();
        string? own = _client.LogInfo?.Number;
        CtiCall? previous;
        CtiCall current;
        lock (_gate)
        {
            if (_resyncing) _seenDuringResync.Add(cr);
            _active.TryGetValue(cr, out previous);
            var calling = change.Calling ?? previous?.Calling;
            var called = change.Called ?? previous?.Called;
            var colp = change.Colp ?? previous?.Connected;
            var direction = previous?.Direction ?? DirectionOf(calling, called, own);
            var status = StatusOf(change.CallsState, direction, previous?.Status);
            var remote = direction == CallDirection.Outgoing ? (colp ?? called) : calling;
            string? remoteNumber = remote?.Number;
            var match = previous?.Contact is { } m && previous.RemoteNumber == remoteNumber ? m : remoteNumber is null ? null : _client.PhoneBook.FindByNumber(remoteNumber);
            current = new CtiCall
            {
                CR = cr,
                Direction = direction,
                Status = status,
                RemoteNumber = remoteNumber,
                RemoteName = string.IsNullOrEmpty(remote?.Comment) ? match?.Contact.Name : remote!.Comment,
                Contact = match,
                Calling = calling,
                Called = called,
                Connected = colp,
                ReleaseCause = change.RelCause ?? previous?.ReleaseCause,
                StartedAt = previous?.StartedAt ?? now,
                ConnectedAt = previous?.ConnectedAt ?? (status == CallStatus.Connected ? now : null),
                EndedAt = status == CallStatus.Released ? now : null,
            };
            if (previous is not null && previous == current) return; // re-sent after re-registration
            if (status == CallStatus.Released) _active.Remove(cr);
            else _active[cr] = current;
        }

        if (_events.HasListeners) _events.Publish(_client, new CallEvent(current, previous?.Status));
    }

    private static CallDirection DirectionOf(CallParty? calling, CallParty? called, string? own)
    {
        if (own is null) return CallDirection.Unknown;
        if (called?.Number == own) return CallDirection.Incoming;
        if (calling?.Number == own) return CallDirection.Outgoing;
        return CallDirection.Unknown;
    }

    private static CallStatus StatusOf(CallsState? state, CallDirection direction, CallStatus? previous)
    {
        if (state == CallsState.NewCall) return direction == CallDirection.Outgoing ? CallStatus.Dialling : CallStatus.Ringing;
        if (state == CallsState.Connect) return CallStatus.Connected;
        if (state == CallsState.Hold) return CallStatus.Held;
        if (state == CallsState.Disconnect) return CallStatus.Disconnected;
        if (state == CallsState.Transfer) return CallStatus.Transferred;
        if (state == CallsState.Release) return CallStatus.Released;
        return previous ?? CallStatus.Ringing;
    }

    /// <summary>Before re-registering after a reconnect: remember which calls were active.</summary>
    internal int[] BeginResync()
    {
        lock (_gate)
        {
            _resyncing = true;
            _seenDuringResync.Clear();
            return [.. _active.Keys];
        }
    }

    /// <summary>After re-registering: calls the PBX no longer reports ended during the outage.</summary>
    internal int EndResync(int[] before)
    {
        List<CallEvent> ended = [];
        var now = _client.Options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            _resyncing = false;
            foreach (int cr in before)
            {
                if (_seenDuringResync.Contains(cr) || !_active.Remove(cr, out var call)) continue;
                ended.Add(new CallEvent(call with { Status = CallStatus.Released, ReleaseInferred = true, EndedAt = now }, call.Status));
            }
        }

        foreach (var e in ended) _events.Publish(_client, e);
        return ended.Count;
    }
}
