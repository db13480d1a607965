using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Slican.Cti.Protocol.Ctip;

namespace Slican.Cti.Client;

/// <summary>A CTIP call event, with the caller matched for screen pop when a lookup was supplied.</summary>
/// <param name="Message">The CTIP event (<see cref="CtipRing"/>, <see cref="CtipConnected"/>, <see cref="CtipReleased"/>, <see cref="CtipState"/>…).</param>
/// <param name="Contact">The contact matching the caller of a <c>RING</c>, when <see cref="CtipClient.ContactLookup"/> is set.</param>
public sealed record CtipEvent(CtipMessage Message, ContactMatch? Contact = null);

/// <summary>
/// A client for the documented CTIP text protocol (TCP 5524): monitor one extension (<c>LOGI</c>) or all
/// (<c>LOGA</c>), receive RING/CONN/REL/STAT events, and control calls with DIAL, REJ (reject/deflect), PICK/HANG,
/// FWD and DND. For PBXes where XCTIP call control is not available: a CRM can do screen pop and click-to-dial
/// with it. CTIP replies carry no correlation id, so requests are sent one at a time.
/// </summary>
/// <remarks>
/// A lost connection is re-established and the login repeated, with backoff (<see cref="CtipClientOptions.AutoReconnect"/>);
/// <see cref="ConnectionStateChanged"/> tells the application. A request that gets no reply within
/// <see cref="CtipClientOptions.RequestTimeout"/> also drops the connection: a late reply could otherwise be taken
/// for the next request's. Events that happen while the client is offline are not replayed: CTIP has no history.
/// </remarks>
public sealed class CtipClient : IAsyncDisposable
{
    private readonly CtipClientOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _requestGate = new(1, 1);
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly CtiEventHub _hub;
    private readonly EventStream<CtipEvent> _events;
    private readonly EventStream<CtiConnectionStateChangedEventArgs> _stateStream;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ResiliencePipeline _reconnectPipeline;
    private readonly PhoneNumberNormalizer _numbers;
    private readonly ConnectionStateTracker _state;
    private CtipLink? _link;
    private Task _supervisor = Task.CompletedTask;
    private int _linkCount;

    /// <summary>Creates a client; call <see cref="ConnectAsync(CancellationToken)"/> to log in.</summary>
    /// <exception cref="ArgumentException">The options are not valid (<see cref="CtipClientOptions.Validate"/>).</exception>
    public CtipClient(CtipClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Slican.Cti.Client.Ctip");
        _hub = new CtiEventHub(options.EventChannelCapacity, EventOverflowMode.DropOldest, 65_536, _logger) { Sender = this };
        _events = _hub.CreateStream<CtipEvent>("Ctip");
        _stateStream = _hub.CreateStream<CtiConnectionStateChangedEventArgs>("Connection");
        _state = new ConnectionStateTracker(this, _stateStream, _logger);
        _numbers = new PhoneNumberNormalizer(options.PhoneNumbers);
        _reconnectPipeline = ReconnectPolicy.Create(
            options.ReconnectInitialDelay,
            options.ReconnectMaxDelay,
            options.MaxReconnectAttempts,
            options.TimeProvider,
            (attempt, delay, error) => ClientLog.ReconnectRetry(_logger, attempt, delay.TotalMilliseconds, error?.Message ?? string.Empty));
    }

    /// <summary>Creates a client and logs in.</summary>
    public static async Task<CtipClient> ConnectAsync(CtipClientOptions options, CancellationToken cancellationToken = default)
    {
        var client = new CtipClient(options);
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

    /// <summary>What the PBX said on the latest login (type, software, protocol version).</summary>
    public CtipLoginReply? LoginInfo { get; private set; }

    /// <summary>The current connection state.</summary>
    public CtiConnectionState State => _state.Current;

    /// <summary>Optional reverse lookup for RING screen pop, e.g. <c>number => xctipClient.PhoneBook.FindByNumber(number)</c>.</summary>
    public Func<string, ContactMatch?>? ContactLookup { get; set; }

    /// <summary>The normaliser used for caller numbers.</summary>
    public PhoneNumberNormalizer Numbers => _numbers;

    /// <summary>Every CTIP event (RING, CONN, REL, STAT, DRDY, SMS…), in order, off the socket reader.</summary>
    public event EventHandler<CtipEvent>? EventReceived
    {
        add => _events.Handlers += value;
        remove => _events.Handlers -= value;
    }

    /// <summary>The connection was lost, re-established, or given up; raised in order, off the socket reader.</summary>
    public event EventHandler<CtiConnectionStateChangedEventArgs>? ConnectionStateChanged
    {
        add => _stateStream.Handlers += value;
        remove => _stateStream.Handlers -= value;
    }

    /// <summary>Subscribes to CTIP events.</summary>
    public CtiEventSubscription<CtipEvent> Subscribe(int? capacity = null) => _events.Subscribe(capacity, null);

    /// <summary>Subscribes to connection state changes.</summary>
    public CtiEventSubscription<CtiConnectionStateChangedEventArgs> SubscribeConnectionState(int? capacity = null) => _stateStream.Subscribe(capacity, null);

    /// <summary>
    /// Connects and sends LOGI (one extension) or LOGA (all), then keeps the connection up. Does nothing when
    /// already connected or reconnecting; after <see cref="CtiConnectionState.Disconnected"/> or
    /// <see cref="CtiConnectionState.Failed"/> it connects again.
    /// </summary>
    /// <exception cref="CtiLoginException">Unreachable, or the PBX refused (wrong key, CTI not permitted).</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_state.Current == CtiConnectionState.Closed, this);
        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state.Current is CtiConnectionState.Connected or CtiConnectionState.Reconnecting) return;
            _state.Set(CtiConnectionState.Connecting, null);
            CtipLink link;
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
                link = await EstablishAsync(linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _state.Set(CtiConnectionState.Disconnected, ex);
                throw;
            }

            Volatile.Write(ref _link, link);
            _state.Set(CtiConnectionState.Connected, null);
            _supervisor = Task.Run(() => SuperviseAsync(link), CancellationToken.None);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    /// <summary>Dials <paramref name="number"/> from <paramref name="extension"/> (the monitored one when <see langword="null"/>). Analog/SIP phones ring first (call-back).</summary>
    public Task DialAsync(string number, string? extension = null, CancellationToken cancellationToken = default) =>
        ExpectOkAsync(new CtipDial(Ext(extension), number), cancellationToken);

    /// <summary>Rejects the ringing call, or deflects it to <paramref name="target"/>.</summary>
    public Task RejectAsync(string? target = null, string? extension = null, CancellationToken cancellationToken = default) =>
        ExpectOkAsync(new CtipReject(Ext(extension), target), cancellationToken);

    /// <summary>Lifts the handset of a CTS system phone (speakerphone). Analog/SIP phones answer <c>NA 24</c>.</summary>
    public Task PickAsync(string? extension = null, CancellationToken cancellationToken = default) =>
        ExpectOkAsync(new CtipPick(Ext(extension)), cancellationToken);

    /// <summary>Releases the speakerphone of a CTS phone.</summary>
    public Task HangAsync(string? extension = null, CancellationToken cancellationToken = default) =>
        ExpectOkAsync(new CtipHang(Ext(extension)), cancellationToken);

    /// <summary>Switches DND on or off.</summary>
    public Task SetDndAsync(bool on, string? extension = null, CancellationToken cancellationToken = default) =>
        ExpectOkAsync(new CtipDnd(Ext(extension), on), cancellationToken);

    /// <summary>Sets a forwarding.</summary>
    public Task ForwardAsync(CtipForwardCondition when, string number, int rings = 0, CtipForwardScope scope = CtipForwardScope.All, string? extension = null, CancellationToken cancellationToken = default) =>
        ExpectOkAsync(new CtipForward(Ext(extension), when, scope, rings, number), cancellationToken);

    /// <summary>Deletes all forwardings.</summary>
    public Task ForwardOffAsync(string? extension = null, CancellationToken cancellationToken = default) =>
        ExpectOkAsync(new CtipForwardDelete(Ext(extension)), cancellationToken);

    /// <summary>Asks for an extension's state (<c>RQST</c> → <c>STAT</c>).</summary>
    public async Task<CtipState> GetStateAsync(string? extension = null, CancellationToken cancellationToken = default)
    {
        string ext = Ext(extension);
        var reply = await SendAsync(new CtipRequestState(ext), cancellationToken, statFor: ext).ConfigureAwait(false);
        return reply as CtipState ?? throw Refused("RQST", reply);
    }

    /// <summary>Logs out (<c>LOGO</c> after <c>LOGI</c>), closes and stops reconnecting. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_state.Current == CtiConnectionState.Closed) return;
        var link = Volatile.Read(ref _link);
        if (link is not null && _state.Current == CtiConnectionState.Connected && _options.Extension is { } ext)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await SendCoreAsync(link, new CtipLogout(ext), cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is CtiException or OperationCanceledException or IOException or ObjectDisposedException)
            {
            }
        }

        _lifetime.Cancel();
        _state.Set(CtiConnectionState.Closed, null);
        if (link is not null)
        {
            await link.DisposeAsync().ConfigureAwait(false);
        }

        await _supervisor.ConfigureAwait(false);
        await _hub.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
        _connectGate.Dispose();
        _requestGate.Dispose();
    }

    /// <summary>Opens a connection and logs in on it.</summary>
    private async Task<CtipLink> EstablishAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (var timeout = new CancellationTokenSource(_options.ConnectTimeout, _options.TimeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                await socket.ConnectAsync(_options.Host, _options.Port, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                ClientLog.ConnectFailed(_logger, $"{_options.Host}:{_options.Port}", ex.Message);
                throw CtiLoginException.ConnectionFailedTo($"{_options.Host}:{_options.Port} (CTIP)", ex);
            }
        }

        var link = new CtipLink(Interlocked.Increment(ref _linkCount), new NetworkStream(socket, ownsSocket: true), _options, OnMessage, _logger);
        try
        {
            CtipMessage login = _options.Extension is { } ext ? new CtipLogin(ext, _options.Key) : new CtipLoginAll(_options.Key);
            var reply = await SendCoreAsync(link, login, cancellationToken).ConfigureAwait(false);
            switch (reply)
            {
                case CtipOk ok:
                    LoginInfo = ok.TryGetLoginReply(out var info) ? info : null;
                    return link;
                case CtipNotAccepted na:
                    var failure = (int?)na.Reason switch
                    {
                        11 or 12 => CtiLoginFailure.WrongCredentials,
                        19 or 101 => CtiLoginFailure.NoCtiAccess,
                        _ => CtiLoginFailure.Other,
                    };
                    throw new CtiLoginException(failure, $"The PBX refused the CTIP login of {_options.Extension ?? "all extensions"}: NA {(int?)na.Reason} ({na.Reason?.GetDescription()}). Check the extension's access key and that its CTI option is on (CTI=1).", $"NA {(int?)na.Reason}");
                default:
                    throw new CtiLoginException(CtiLoginFailure.Other, $"The PBX answered the CTIP login with {reply.Command}.", reply.Command);
            }
        }
        catch
        {
            await link.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Keeps the connection checked while it is up, waits for it to end, then reconnects with backoff, until disposed
    /// or given up.
    /// </summary>
    private async Task SuperviseAsync(CtipLink link)
    {
        while (true)
        {
            Exception? reason;
            var keepAlive = KeepAliveAsync(link);
            try
            {
                reason = await link.Completion.WaitAsync(_lifetime.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Disposed, possibly just as a reconnect succeeded: the newest link is closed here.
                await link.DisposeAsync().ConfigureAwait(false);
                await keepAlive.ConfigureAwait(false);
                return;
            }

            await link.DisposeAsync().ConfigureAwait(false);
            await keepAlive.ConfigureAwait(false);
            ClientLog.ConnectionLost(_logger, link.Id, reason?.Message ?? "closed by the PBX");
            if (!_options.AutoReconnect)
            {
                _state.Set(CtiConnectionState.Disconnected, reason);
                return;
            }

            _state.Set(CtiConnectionState.Reconnecting, reason);
            var reconnect = await _state.ReconnectAsync(_reconnectPipeline, EstablishAsync, _lifetime.Token).ConfigureAwait(false);
            if (!reconnect.Succeeded) return;
            link = reconnect.Value!;
            Volatile.Write(ref _link, link);
            _state.Set(CtiConnectionState.Connected, null);
        }
    }

    /// <summary>
    /// Sends <c>WHO</c> after <see cref="CtipClientOptions.KeepAliveInterval"/> of silence. A missing reply drops the
    /// connection (as for any request, see <see cref="SendCoreAsync"/>), which the supervisor then replaces.
    /// Ends when the connection does.
    /// </summary>
    private async Task KeepAliveAsync(CtipLink link)
    {
        var interval = _options.KeepAliveInterval;
        try
        {
            while (!link.Completion.IsCompleted)
            {
                var silence = link.Silence;
                if (silence < interval)
                {
                    using var wake = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
                    await Task.WhenAny(link.Completion, Task.Delay(interval - silence, _options.TimeProvider, wake.Token)).ConfigureAwait(false);
                    await wake.CancelAsync().ConfigureAwait(false); // the timer is not left running for a closed connection
                    _lifetime.Token.ThrowIfCancellationRequested();
                    continue;
                }

                await SendCoreAsync(link, new CtipWho(), _lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (CtiRequestTimeoutException)
        {
            ClientLog.KeepAliveFailed(_logger, link.Id, _options.RequestTimeout.TotalSeconds);
        }
        catch (Exception ex) when (ex is CtiConnectionLostException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended or the client was disposed: the supervisor takes it from here.
        }
    }

    private string Ext(string? extension) =>
        extension ?? _options.Extension ?? throw new ArgumentException("Name the extension: the client monitors all extensions (LOGA).", nameof(extension));

    private async Task ExpectOkAsync(CtipMessage request, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (reply is not CtipOk) throw Refused(request.Command, reply);
    }

    private static CtiRequestFailedException Refused(string command, CtipMessage reply) => reply switch
    {
        CtipNotAccepted na => new CtiRequestFailedException(command, $"NA {(int?)na.Reason} {na.Reason?.GetDescription()}".Trim()),
        _ => new CtiRequestFailedException(command, reply.Command),
    };

    /// <summary>Sends on the current connection; fails fast while there is none.</summary>
    private Task<CtipMessage> SendAsync(CtipMessage request, CancellationToken cancellationToken, string? statFor = null)
    {
        var state = _state.Current;
        var link = Volatile.Read(ref _link);
        if (state != CtiConnectionState.Connected || link is null)
        {
            throw new CtiNotConnectedException(state switch
            {
                CtiConnectionState.Reconnecting => "The CTIP client is reconnecting: retry after ConnectionStateChanged reports Connected.",
                CtiConnectionState.Closed => "The CTIP client was disposed.",
                _ => "The CTIP client is not connected: call ConnectAsync first.",
            });
        }

        return SendCoreAsync(link, request, cancellationToken, statFor);
    }

    private async Task<CtipMessage> SendCoreAsync(CtipLink link, CtipMessage request, CancellationToken cancellationToken, string? statFor = null)
    {
        await _requestGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var reply = link.ExpectReply(statFor);
        try
        {
            try
            {
                CtipCodec.Write(request, link.Writer, _options.Encoding);
                await link.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                throw new CtiConnectionLostException($"CTIP {request.Command} could not be sent: the connection was closed.", ex);
            }

            try
            {
                return await reply.Task.WaitAsync(_options.RequestTimeout, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                var timeout = new CtiRequestTimeoutException($"CTIP {request.Command} got no reply within {_options.RequestTimeout.TotalSeconds:0.#} s (the PBX answers within 5 s). CTIP replies carry no request id, so the connection was dropped to keep a late reply from answering the next request; the client reconnects.", request.Command, _options.RequestTimeout);
                link.Abort(timeout);
                throw timeout;
            }
        }
        finally
        {
            link.EndReply(reply);
            _requestGate.Release();
        }
    }

    private void OnMessage(CtipMessage message)
    {
        ContactMatch? match = null;
        if (message is CtipRing { Caller: { } caller } && ContactLookup is { } lookup && !CtipExtension.IsInternal(caller))
        {
            match = lookup(caller) ?? lookup(_options.PhoneNumbers.OutsideLinePrefix + caller);
        }
        else if (message is CtipRing { Caller: { } internalCaller } && ContactLookup is { } internalLookup)
        {
            match = internalLookup(internalCaller.TrimStart('/'));
        }

        _events.Publish(this, new CtipEvent(message, match));
    }
}
