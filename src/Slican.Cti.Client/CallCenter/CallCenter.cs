using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>A Call Center queue as the agent sees it.</summary>
/// <param name="Id">The queue id.</param>
/// <param name="Name">The name.</param>
/// <param name="LoggedIn">Whether the user is logged in as an agent.</param>
/// <param name="Paused">Whether the user is on a break.</param>
/// <param name="AvailableAgents">Agents available.</param>
/// <param name="WaitingCalls">Callers waiting.</param>
public sealed record CallCenterQueueStatus(int Id, string Name, bool LoggedIn, bool Paused, int AvailableAgents, int WaitingCalls);

/// <summary>A lost call to call back.</summary>
/// <param name="Id">The callback id.</param>
/// <param name="QueueId">The queue it was lost from.</param>
/// <param name="Number">The number to call back.</param>
/// <param name="Name">The caller's name if known.</param>
/// <param name="Time">When it was lost.</param>
/// <param name="Attempts">Callback attempts so far.</param>
/// <param name="State"><c>Waiting</c>, <c>Done</c> or <c>Failed</c>.</param>
public sealed record CallbackRequest(int Id, int? QueueId, string? Number, string? Name, DateTime? Time, int Attempts, string? State);

/// <summary>
/// Call Center for agents (module <c>CC</c>, modeled): queues with waiting calls, agent login/logout and pause, and
/// the callback list of lost calls with the agent's result.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim is only awaited (no wait handle); it needs no disposal.")]
public sealed class CallCenter : IBackgroundOwner
{
    private readonly CtiClient _client;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private readonly Dictionary<int, CallCenterQueueStatus> _queues = [];
    private readonly Dictionary<int, CallbackRequest> _callbacks = [];
    private readonly EventStream<CallCenterQueueStatus> _queueChanges;
    private readonly EventStream<CallbackRequest> _callbackChanges;
    private readonly BackgroundSync _callbackSync;
    private string? _callbackMarker;
    private bool _registered;

    internal CallCenter(CtiClient client)
    {
        _client = client;
        _queueChanges = client.Hub.CreateStream<CallCenterQueueStatus>("CallCenter");
        _callbackChanges = client.Hub.CreateStream<CallbackRequest>("Callbacks");
        _callbackSync = new BackgroundSync("CCCallback", SyncCallbacksAsync, client);
    }

    /// <summary>A queue changed (agents, waiting calls, the user's login or pause).</summary>
    public event EventHandler<CallCenterQueueStatus>? QueueChanged
    {
        add => _queueChanges.Handlers += value;
        remove => _queueChanges.Handlers -= value;
    }

    /// <summary>A callback entry was added or changed.</summary>
    public event EventHandler<CallbackRequest>? CallbackChanged
    {
        add => _callbackChanges.Handlers += value;
        remove => _callbackChanges.Handlers -= value;
    }

    /// <summary>Subscribes to queue changes.</summary>
    public CtiEventSubscription<CallCenterQueueStatus> SubscribeQueues(int? capacity = null) => _queueChanges.Subscribe(capacity, null);

    /// <summary>
    /// Subscribes to callback-list changes (a lost call added, an entry's state or attempts changed), the stream form
    /// of <see cref="CallbackChanged"/>: an agent console can await the next change instead of wiring a handler.
    /// </summary>
    public CtiEventSubscription<CallbackRequest> SubscribeCallbacks(int? capacity = null) => _callbackChanges.Subscribe(capacity, null);

    /// <summary>The queues, after <see cref="RegisterAsync"/>.</summary>
    public IReadOnlyList<CallCenterQueueStatus> Queues
    {
        get
        {
            lock (_gate) return [.. _queues.Values.OrderBy(q => q.Id)];
        }
    }

    /// <summary>The callback list.</summary>
    public IReadOnlyList<CallbackRequest> Callbacks
    {
        get
        {
            lock (_gate) return [.. _callbacks.Values.OrderBy(c => c.Time)];
        }
    }

    /// <summary>Starts following the queues (and re-follows after reconnects) and loads the callback list.</summary>
    public async Task<IReadOnlyList<CallCenterQueueStatus>> RegisterAsync(CancellationToken cancellationToken = default)
    {
        var connection = _client.RequireConnection("CC/Register_REQ");
        _registered = true;
        await RegisterCoreAsync(connection, cancellationToken).ConfigureAwait(false);
        return Queues;
    }

    private async Task RegisterCoreAsync(CtiConnection connection, CancellationToken cancellationToken)
    {
        var answer = await connection.RequestAsync<CallCenterQueuesAnswer>(new CallCenterRegisterRequest(), cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _queues.Clear();
            foreach (var q in answer.Queue) Store(q);
        }

        await connection.RequestAsync<Protocol.Xctip.XctipAnswer>(new SyncRegisterRequest { SyncType = SyncType.CCCallback }, cancellationToken).ConfigureAwait(false);
        await SyncCallbacksCoreAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    internal async Task OnSessionAsync(CtiConnection connection, CancellationToken cancellationToken)
    {
        if (_registered) await RegisterCoreAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Logs the user in to a queue as an agent.</summary>
    public Task LoginAsync(int queueId, CancellationToken cancellationToken = default) =>
        _client.RequestAsync(new CallCenterAgentLoginRequest { QueueId = queueId }, cancellationToken);

    /// <summary>Logs the user out of a queue.</summary>
    public Task LogoutAsync(int queueId, CancellationToken cancellationToken = default) =>
        _client.RequestAsync(new CallCenterAgentLogoutRequest { QueueId = queueId }, cancellationToken);

    /// <summary>Starts or ends a break (applies to all of the agent's queues).</summary>
    public Task PauseAsync(bool on, string? reason = null, CancellationToken cancellationToken = default) =>
        _client.RequestAsync(new CallCenterPauseRequest { On = on, Reason = reason }, cancellationToken);

    /// <summary>Records the outcome of calling back a lost call.</summary>
    public Task CompleteCallbackAsync(int callbackId, CallbackResult result, CancellationToken cancellationToken = default) =>
        _client.RequestAsync(new CallCenterCallbackDoneRequest { CbId = callbackId, Result = result }, cancellationToken);

    internal void Apply(CallCenterQueueEvent change)
    {
        if (change.Queue is null) return;
        CallCenterQueueStatus queue;
        lock (_gate) queue = Store(change.Queue);
        _queueChanges.Publish(_client, queue);
    }

    private CallCenterQueueStatus Store(Protocol.Xctip.Messages.CallCenterQueue q)
    {
        var queue = new CallCenterQueueStatus(q.QueueId ?? 0, q.Name ?? string.Empty, q.LoggedIn ?? false, q.Paused ?? false, q.Agents ?? 0, q.Waiting ?? 0);
        _queues[queue.Id] = queue;
        return queue;
    }

    internal void ScheduleSync() => _callbackSync.Schedule();

    IEnumerable<Task> IBackgroundOwner.BackgroundTasks => [_callbackSync.Current];

    private Task SyncCallbacksAsync(CancellationToken cancellationToken) =>
        SyncCallbacksCoreAsync(_client.RequireConnection("Sync/Sync_REQ CCCallback"), cancellationToken);

    private async Task SyncCallbacksCoreAsync(CtiConnection connection, CancellationToken cancellationToken)
    {
        await _syncGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string? marker;
            lock (_gate) marker = _callbackMarker;
            var result = await SyncLoop.RunAsync(connection, SyncType.CCCallback, marker, _client.Options.SyncBatchSize, ApplyRow, cancellationToken).ConfigureAwait(false);
            lock (_gate) _callbackMarker = result.Marker;
        }
        finally
        {
            _syncGate.Release();
        }
    }

    internal void ApplyPushed(SyncRow row)
    {
        ApplyRow(row);
        if (!string.IsNullOrEmpty(row.Marker))
        {
            lock (_gate) _callbackMarker = row.Marker;
        }
    }

    private void ApplyRow(SyncRow row)
    {
        CallbackRequest? changed = null;
        lock (_gate)
        {
            if (row.RowType == RowType.DelAll)
            {
                _callbacks.Clear();
            }
            else if (row.Callback is { CbId: int id } cb)
            {
                if (row.RowType == RowType.DelRow)
                {
                    _callbacks.Remove(id);
                }
                else
                {
                    changed = new CallbackRequest(id, cb.QueueId, cb.Number, cb.Name, cb.Time, cb.Attempts ?? 0, cb.State);
                    _callbacks[id] = changed;
                }
            }
        }

        if (changed is not null) _callbackChanges.Publish(_client, changed);
    }
}
