using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>
/// One long-lived, self-healing session with a Slican PBX over XCTIP: connect once, then use the feature APIs
/// (<see cref="PhoneBook"/>, <see cref="Presence"/>, <see cref="Calls"/>, <see cref="Chat"/>, <see cref="History"/>,
/// <see cref="Services"/>, <see cref="CallCenter"/>, <see cref="Doors"/>) and their event streams. When the connection
/// drops, the client reconnects with backoff, logs in again, re-registers and resynchronises from its stored markers,
/// and says so through <see cref="ConnectionStateChanged"/> and <see cref="Resynchronised"/>. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// await using var client = await CtiClient.ConnectAsync(new CtiClientOptions { Host = "pbx.local", User = "201", Password = "1234" });
/// await foreach (var e in client.Calls.Subscribe()) Console.WriteLine(e);
/// </code>
/// </example>
public sealed class CtiClient : IAsyncDisposable, IXctipSessionHandler
{
    private readonly ILogger _logger;
    private readonly CtiClientCounters _counters = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly EventStream<CtiConnectionStateChangedEventArgs> _stateStream;
    private readonly EventStream<CtiResynchronisedEventArgs> _resyncStream;
    private readonly EventStream<XctipMessage> _rawStream;
    private readonly ResiliencePipeline _reconnectPipeline;
    private CtiConnection? _connection;
    private readonly ConnectionStateTracker _state;
    private LogInfoAnswer? _lastLogInfo;
    private int _connectionIds;
    private Task _supervisor = Task.CompletedTask;

    /// <summary>Creates a client; nothing is sent until <see cref="ConnectAsync(CancellationToken)"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public CtiClient(CtiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Slican.Cti.Client");
        Hub = new CtiEventHub(options.EventChannelCapacity, options.EventOverflowMode, options.HandlerQueueCapacity, _logger) { Sender = this };
        Hub.DroppedObserver = static (stream, n) => CtiTelemetry.EventsDropped.Add(n, new KeyValuePair<string, object?>("stream", stream));
        _stateStream = Hub.CreateStream<CtiConnectionStateChangedEventArgs>("Connection");
        _state = new ConnectionStateTracker(this, _stateStream, _logger);
        _resyncStream = Hub.CreateStream<CtiResynchronisedEventArgs>("Resynchronised");
        _rawStream = Hub.CreateStream<XctipMessage>("Raw");
        Numbers = new PhoneNumberNormalizer(options.PhoneNumbers);
        PhoneBook = new PhoneBook(this);
        Presence = new Presence(this);
        Calls = new Calls(this);
        Chat = new Chat(this);
        History = new History(this);
        Services = new Services(this);
        CallCenter = new CallCenter(this);
        Doors = new Doors(this);
        _reconnectPipeline = ReconnectPolicy.Create(options, OnReconnectRetry);
    }

    /// <summary>Creates a client and connects it.</summary>
    /// <exception cref="CtiLoginException">The PBX could not be reached or refused the login; the message says what to check.</exception>
    public static async Task<CtiClient> ConnectAsync(CtiClientOptions options, CancellationToken cancellationToken = default)
    {
        var client = new CtiClient(options);
        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The options the client was created with.</summary>
    public CtiClientOptions Options { get; }

    /// <summary>The current connection state.</summary>
    public CtiConnectionState State => _state.Current;

    /// <summary>Who the client is logged in as; <see langword="null"/> before the first login.</summary>
    public CtiLogInfo? LogInfo { get; private set; }

    /// <summary>The phone book: sync, groups, favourites, search, reverse lookup, private contacts.</summary>
    public PhoneBook PhoneBook { get; }

    /// <summary>The roster of all subscribers and the user's own status.</summary>
    public Presence Presence { get; }

    /// <summary>The user's calls: monitoring and control.</summary>
    public Calls Calls { get; }

    /// <summary>Internal chat, text conferences and SMS through the PBX's GSM gateway.</summary>
    public Chat Chat { get; }

    /// <summary>Call and chat history.</summary>
    public History History { get; }

    /// <summary>DND and call forwarding.</summary>
    public Services Services { get; }

    /// <summary>Call Center queues, agent login, pause and the callback list.</summary>
    public CallCenter CallCenter { get; }

    /// <summary>Doorphones: door state, open, camera link.</summary>
    public Doors Doors { get; }

    /// <summary>The dialling plan used to match numbers.</summary>
    public PhoneNumberNormalizer Numbers { get; }

    internal CtiEventHub Hub { get; }

    internal ILogger Logger => _logger;

    internal CancellationToken Lifetime => _lifetime.Token;

    /// <summary>The connection state changed. Handlers run in order on the client's event dispatcher, never on the socket reader.</summary>
    public event EventHandler<CtiConnectionStateChangedEventArgs>? ConnectionStateChanged
    {
        add => _stateStream.Handlers += value;
        remove => _stateStream.Handlers -= value;
    }

    /// <summary>The client reconnected and resynchronised (the gap signal): refresh anything derived from events.</summary>
    public event EventHandler<CtiResynchronisedEventArgs>? Resynchronised
    {
        add => _resyncStream.Handlers += value;
        remove => _resyncStream.Handlers -= value;
    }

    /// <summary>A C# event handler threw. The exception is also logged; the connection and other handlers carry on.</summary>
    public event EventHandler<CtiHandlerFailedEventArgs>? HandlerFailed
    {
        add => Hub.HandlerFailed += value;
        remove => Hub.HandlerFailed -= value;
    }

    /// <summary>A subscription's buffer overflowed and events are being dropped for it (once per episode).</summary>
    public event EventHandler<CtiSlowConsumerEventArgs>? SlowConsumerDetected
    {
        add => Hub.SlowConsumer += value;
        remove => Hub.SlowConsumer -= value;
    }

    /// <summary>Subscribes to connection-state changes.</summary>
    public CtiEventSubscription<CtiConnectionStateChangedEventArgs> SubscribeConnectionState(int? capacity = null) => _stateStream.Subscribe(capacity, null);

    /// <summary>Subscribes to resync (gap) notifications.</summary>
    public CtiEventSubscription<CtiResynchronisedEventArgs> SubscribeResynchronised(int? capacity = null) => _resyncStream.Subscribe(capacity, null);

    /// <summary>
    /// Subscribes to every message the PBX sends that is not a reply to a request, typed or
    /// <see cref="XctipUnknownMessage"/>: the escape hatch when a real PBX differs from the SDK's modeled layer.
    /// </summary>
    public CtiEventSubscription<XctipMessage> SubscribeRaw(int? capacity = null, EventOverflowMode? mode = null) => _rawStream.Subscribe(capacity, mode);

    /// <summary>
    /// Connects, logs in, registers for events and synchronises the phone book (and history), then keeps the session
    /// alive and reconnects on loss. Returns when the caches are ready: the roster is complete and the phone book
    /// synchronised.
    /// </summary>
    /// <exception cref="CtiLoginException">The PBX could not be reached or refused the login; <see cref="CtiLoginException.Failure"/> says why.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_state.Current == CtiConnectionState.Closed, this);
        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state.Current is CtiConnectionState.Connected or CtiConnectionState.Reconnecting) return;
            _state.Set(CtiConnectionState.Connecting, null);
            CtiConnection connection;
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
                (connection, _) = await EstablishAsync(isReconnect: false, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _state.Set(CtiConnectionState.Disconnected, ex);
                throw;
            }

            _state.Set(CtiConnectionState.Connected, null);
            _supervisor = Task.Run(() => SuperviseAsync(connection), CancellationToken.None);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    /// <summary>A snapshot of the client's counters.</summary>
    public CtiClientStats GetStats()
    {
        var connection = _connection;
        return _counters.Snapshot(_state.Current, connection?.PendingCount ?? 0, Hub.Published, Hub.TotalDropped, connection?.LastFrameAt);
    }

    /// <summary>
    /// Sends any request and waits for its reply (an <see cref="XctipAnswer"/>, or the listed <c>_ANS</c> type): the way to
    /// use a message the feature APIs do not cover. The CId is assigned by the client.
    /// </summary>
    /// <exception cref="CtiRequestFailedException">The PBX answered with an error.</exception>
    /// <exception cref="CtiRequestTimeoutException">No reply in time.</exception>
    /// <exception cref="CtiConnectionLostException">The connection dropped while waiting; the request was not re-sent.</exception>
    /// <exception cref="CtiNotConnectedException">The client is not connected.</exception>
    public Task<TReply> SendRequestAsync<TReply>(XctipRequest request, CancellationToken cancellationToken = default)
        where TReply : XctipMessage
    {
        ArgumentNullException.ThrowIfNull(request);
        return RequestAsync<TReply>(request, cancellationToken);
    }

    internal CtiConnection RequireConnection(string what)
    {
        var connection = _connection;
        var state = _state.Current;
        if (state != CtiConnectionState.Connected || connection is null || !connection.IsAlive)
        {
            throw new CtiNotConnectedException(
                $"The client is {state}; {what} was not sent. " +
                (state == CtiConnectionState.Reconnecting ? "It is reconnecting: retry after ConnectionStateChanged reports Connected." : "Call ConnectAsync first."));
        }

        return connection;
    }

    internal async Task<TReply> RequestAsync<TReply>(XctipRequest request, CancellationToken cancellationToken)
        where TReply : XctipMessage
    {
        var connection = RequireConnection(request.Module + "/" + request.Name);
        using var activity = CtiTelemetry.ActivitySource.StartActivity(request.Module + "/" + request.Name, ActivityKind.Client);
        return await connection.RequestAsync<TReply>(request, cancellationToken).ConfigureAwait(false);
    }

    internal Task<XctipAnswer> RequestAsync(XctipRequest request, CancellationToken cancellationToken) => RequestAsync<XctipAnswer>(request, cancellationToken);

    private async Task<(CtiConnection Connection, SessionResync Resync)> EstablishAsync(bool isReconnect, CancellationToken cancellationToken)
    {
        string host = Options.Host;
        int port = Options.UseTls ? Options.TlsPort : Options.Port;
        Stream stream;
        try
        {
            stream = await CtiTransport.ConnectAsync(host, port, Options, _logger, cancellationToken).ConfigureAwait(false);
        }
        catch (CtiLoginException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            ClientLog.ConnectFailed(_logger, Options.EndPointDescription, ex.Message);
            throw CtiLoginException.ConnectionFailedTo(Options.EndPointDescription, ex);
        }

        var connection = new CtiConnection(stream, Options, this, _logger, _counters, Interlocked.Increment(ref _connectionIds));
        _connection = connection;
        connection.Start();
        try
        {
            _lastLogInfo = null;
            try
            {
                await connection.RequestAsync<XctipAnswer>(new MakeLogRequest { Login = Options.User, Pass = Options.Password }, cancellationToken).ConfigureAwait(false);
            }
            catch (CtiRequestFailedException ex)
            {
                throw CtiLoginException.FromPbxError(Options.User, ex.PbxError);
            }

            LogInfo = CtiLogInfo.From(_lastLogInfo, Options.User);
            ClientLog.LoggedIn(_logger, Options.User, connection.Id, LogInfo.Licence?.Value, LogInfo.PbxType);
            var resync = await SetUpSessionAsync(connection, isReconnect, cancellationToken).ConfigureAwait(false);
            return (connection, resync);
        }
        catch (Exception ex)
        {
            connection.Abort(ex as CtiConnectionLostException);
            await connection.DisposeAsync().ConfigureAwait(false);
            if (ex is CtiRequestTimeoutException or CtiRequestFailedException)
            {
                throw new CtiConnectionLostException($"Setting up the session failed: {ex.Message}", ex);
            }

            throw;
        }
    }

    /// <summary>The start-up sequence after login, in the order MessengerCTI uses; also the resync after a reconnect.</summary>
    private async Task<SessionResync> SetUpSessionAsync(CtiConnection connection, bool isReconnect, CancellationToken cancellationToken)
    {
        var resync = new SessionResync();
        if (Options.InitialAppState is { } appState)
        {
            await connection.RequestAsync<XctipAnswer>(new StatusUpdateRequest { AppState = appState }, cancellationToken).ConfigureAwait(false);
        }

        if (Options.SyncPhoneBook)
        {
            var book = await PhoneBook.SyncCoreAsync(connection, cancellationToken).ConfigureAwait(false);
            resync.PhoneBookReset = book.Reset && isReconnect;
            resync.PhoneBookRows = book.Rows;
            resync.EpochChanged = book.EpochChanged;
        }

        var activeCalls = Calls.BeginResync();
        await RegisterAsync(connection, new StatusRegisterRequest(), cancellationToken).ConfigureAwait(false);
        await RegisterAsync(connection, new CallsRegisterRequest(), cancellationToken).ConfigureAwait(false);
        await RegisterAsync(connection, new SmsRegisterRequest(), cancellationToken).ConfigureAwait(false);
        if (Options.SyncPhoneBook)
        {
            await RegisterAsync(connection, new SyncRegisterRequest { SyncType = SyncType.Book }, cancellationToken).ConfigureAwait(false);
        }

        if (Options.SyncHistory)
        {
            await RegisterAsync(connection, new SyncRegisterRequest { SyncType = SyncType.HistoryCall }, cancellationToken).ConfigureAwait(false);
            await RegisterAsync(connection, new SyncRegisterRequest { SyncType = SyncType.HistoryMsg }, cancellationToken).ConfigureAwait(false);
            await History.SyncCoreAsync(connection, SyncType.HistoryCall, cancellationToken).ConfigureAwait(false);
            var messages = await History.SyncCoreAsync(connection, SyncType.HistoryMsg, cancellationToken).ConfigureAwait(false);
            if (isReconnect) resync.RecoveredChatMessages = Chat.RecoverFromHistory(messages.NewMessages);
        }

        // Every reply above arrived after the Refresh_EV and Change_EV bursts the registrations triggered, and the
        // reader applies events before it completes later replies: the roster and the call list are current here.
        resync.CallsEnded = Calls.EndResync(activeCalls);
        await CallCenter.OnSessionAsync(connection, cancellationToken).ConfigureAwait(false);
        return resync;
    }

    private async Task RegisterAsync(CtiConnection connection, XctipRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await connection.RequestAsync<XctipAnswer>(request, cancellationToken).ConfigureAwait(false);
        }
        catch (CtiRequestFailedException ex)
        {
            ClientLog.RegistrationRefused(_logger, request.Module + "/" + request.Name, ex.PbxError);
        }
    }

    private async Task SuperviseAsync(CtiConnection connection)
    {
        while (true)
        {
            var reason = await connection.Completion.ConfigureAwait(false);
            if (_lifetime.IsCancellationRequested) return;
            await connection.DisposeAsync().ConfigureAwait(false);
            ClientLog.ConnectionLost(_logger, connection.Id, reason?.Message ?? "closed");
            if (!Options.AutoReconnect)
            {
                _state.Set(CtiConnectionState.Disconnected, reason);
                return;
            }

            _state.Set(CtiConnectionState.Reconnecting, reason);
            long outageStart = Options.TimeProvider.GetTimestamp();
            var reconnect = await _state.ReconnectAsync(_reconnectPipeline, token => EstablishAsync(isReconnect: true, token), _lifetime.Token).ConfigureAwait(false);
            if (!reconnect.Succeeded) return;
            (connection, var resync) = reconnect.Value;
            _counters.Reconnected();
            CtiTelemetry.Reconnects.Add(1);
            var outage = Options.TimeProvider.GetElapsedTime(outageStart);
            _state.Set(CtiConnectionState.Connected, null);
            var args = new CtiResynchronisedEventArgs
            {
                Outage = outage,
                Attempts = reconnect.Attempts,
                Cause = reason,
                PhoneBookReset = resync.PhoneBookReset,
                EpochChanged = resync.EpochChanged,
                PhoneBookRows = resync.PhoneBookRows,
                RecoveredChatMessages = resync.RecoveredChatMessages,
                CallsEndedDuringOutage = resync.CallsEnded,
            };
            ClientLog.Resynchronised(_logger, connection.Id, args.ToString());
            _resyncStream.Publish(this, args);
        }
    }

    private void OnReconnectRetry(int attempt, TimeSpan delay, Exception? error)
    {
        ClientLog.ReconnectRetry(_logger, attempt, delay.TotalMilliseconds, error?.Message ?? string.Empty);
    }

    /// <summary>Called on the reader loop for every message that is not a reply. No user code runs here.</summary>
    void IXctipSessionHandler.OnMessage(CtiConnection connection, XctipMessage message)
    {
        if (!ReferenceEquals(connection, _connection)) return; // a late frame from a replaced session
        switch (message)
        {
            case WatchdogOk:
                return;
            case LogInfoAnswer info:
                _lastLogInfo = info;
                return;
            case SubscriberStatus status:
                Presence.Apply(status);
                Doors.Apply(status);
                break;
            case CallsChangeEvent call:
                Calls.Apply(call);
                break;
            case SmsReceiveEvent received:
                Chat.OnReceived(received);
                break;
            case SmsStatusEvent status:
                Chat.OnStatus(status);
                break;
            case SyncChangeEvent change:
                OnSyncChange(change.SyncType);
                break;
            case SyncRecordsEvent records:
                OnSyncRecords(records);
                break;
            case ServicesChangeEvent services:
                Services.Apply(services);
                break;
            case CallCenterQueueEvent queue:
                CallCenter.Apply(queue);
                break;
            case ConferenceChangeEvent conference:
                Chat.Apply(conference);
                break;
            case GsmSmsGetEvent or GsmSmsAcknowledgeEvent or GsmSmsReportEvent or GsmRegisterInfoAnswer:
                Chat.Sms.Apply(message);
                break;
        }

        if (_rawStream.HasListeners) _rawStream.Publish(this, message);
    }

    private void OnSyncChange(SyncType? type)
    {
        if (type == SyncType.Book) PhoneBook.ScheduleSync();
        else if (type == SyncType.HistoryCall || type == SyncType.HistoryMsg) History.ScheduleSync(type.Value);
        else if (type == SyncType.CCCallback) CallCenter.ScheduleSync();
    }

    private void OnSyncRecords(SyncRecordsEvent records)
    {
        foreach (var row in records.Rows)
        {
            if (row.SyncType == SyncType.Book) PhoneBook.ApplyPushed(row);
            else if (row.SyncType == SyncType.HistoryCall || row.SyncType == SyncType.HistoryMsg) History.ApplyPushed(row);
            else if (row.SyncType == SyncType.CCCallback) CallCenter.ApplyPushed(row);
        }
    }

    /// <summary>Logs out, closes the connection and completes every subscription. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_state.Current == CtiConnectionState.Closed) return;
        var connection = _connection;
        _lifetime.Cancel();
        _state.Set(CtiConnectionState.Closed, null);
        if (connection is not null)
        {
            await connection.CloseAsync(connection.IsAlive ? new LogoutRequest { CId = 0 } : null, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _supervisor.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await CtiClientBackground.WaitAsync(PhoneBook, History, CallCenter).ConfigureAwait(false);
        await Hub.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private sealed class SessionResync
    {
        public bool PhoneBookReset { get; set; }

        public bool EpochChanged { get; set; }

        public int PhoneBookRows { get; set; }

        public int RecoveredChatMessages { get; set; }

        public int CallsEnded { get; set; }
    }
}
