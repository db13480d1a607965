using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
public sealed class CtipClient : IAsyncDisposable
{
    private readonly CtipClientOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _requestGate = new(1, 1);
    private readonly CtiEventHub _hub;
    private readonly EventStream<CtipEvent> _events;
    private readonly Channel<TaskCompletionSource<CtipMessage>> _waiting = Channel.CreateUnbounded<TaskCompletionSource<CtipMessage>>();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly PhoneNumberNormalizer _numbers;
    private Stream? _stream;
    private PipeWriter? _writer;
    private Task _readLoop = Task.CompletedTask;
    private TaskCompletionSource<CtipMessage>? _current;
    private string? _statFor;

    /// <summary>Creates a client; call <see cref="ConnectAsync(CancellationToken)"/> to log in.</summary>
    public CtipClient(CtipClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Host)) throw new ArgumentException("CtipClientOptions.Host is required.", nameof(options));
        _options = options;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Slican.Cti.Client.Ctip");
        _hub = new CtiEventHub(options.EventChannelCapacity, EventOverflowMode.DropOldest, 65_536, _logger) { Sender = this };
        _events = _hub.CreateStream<CtipEvent>("Ctip");
        _numbers = new PhoneNumberNormalizer(options.PhoneNumbers);
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

    /// <summary>What the PBX said on login (type, software, protocol version).</summary>
    public CtipLoginReply? LoginInfo { get; private set; }

    /// <summary>Optional reverse lookup for RING screen pop, e.g. <c>number => xctipClient.PhoneBook.FindByNumber(number)</c>.</summary>
    public Func<string, ContactMatch?>? ContactLookup { get; set; }

    /// <summary>Every CTIP event (RING, CONN, REL, STAT, DRDY, SMS…), in order, off the socket reader.</summary>
    public event EventHandler<CtipEvent>? EventReceived
    {
        add => _events.Handlers += value;
        remove => _events.Handlers -= value;
    }

    /// <summary>Subscribes to CTIP events.</summary>
    public CtiEventSubscription<CtipEvent> Subscribe(int? capacity = null) => _events.Subscribe(capacity, null);

    /// <summary>Connects and sends LOGI (one extension) or LOGA (all).</summary>
    /// <exception cref="CtiLoginException">Unreachable, or the PBX refused (wrong key, CTI not permitted).</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
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
                throw CtiLoginException.ConnectionFailedTo($"{_options.Host}:{_options.Port} (CTIP)", ex);
            }
        }

        _stream = new NetworkStream(socket, ownsSocket: true);
        _writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
        _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
        CtipMessage login = _options.Extension is { } ext ? new CtipLogin(ext, _options.Key) : new CtipLoginAll(_options.Key);
        var reply = await SendCoreAsync(login, cancellationToken).ConfigureAwait(false);
        switch (reply)
        {
            case CtipOk ok:
                LoginInfo = ok.TryGetLoginReply(out var info) ? info : null;
                return;
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
        var reply = await SendCoreAsync(new CtipRequestState(ext), cancellationToken, statFor: ext).ConfigureAwait(false);
        return reply as CtipState ?? throw Refused("RQST", reply);
    }

    private string Ext(string? extension) =>
        extension ?? _options.Extension ?? throw new ArgumentException("Name the extension: the client monitors all extensions (LOGA).", nameof(extension));

    private async Task ExpectOkAsync(CtipMessage request, CancellationToken cancellationToken)
    {
        var reply = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        if (reply is not CtipOk) throw Refused(request.Command, reply);
    }

    private static CtiRequestFailedException Refused(string command, CtipMessage reply) => reply switch
    {
        CtipNotAccepted na => new CtiRequestFailedException(command, $"NA {(int?)na.Reason} {na.Reason?.GetDescription()}".Trim()),
        _ => new CtiRequestFailedException(command, reply.Command),
    };

    private async Task<CtipMessage> SendCoreAsync(CtipMessage request, CancellationToken cancellationToken, string? statFor = null)
    {
        var writer = _writer ?? throw new CtiNotConnectedException("The CTIP client is not connected.");
        await _requestGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var reply = new TaskCompletionSource<CtipMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _statFor, statFor);
            Volatile.Write(ref _current, reply);
            CtipCodec.Write(request, writer, _options.Encoding);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await reply.Task.WaitAsync(_options.RequestTimeout, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new CtiRequestTimeoutException($"CTIP {request.Command} got no reply within {_options.RequestTimeout.TotalSeconds:0.#} s (the PBX answers within 5 s): the connection may be dead.", request.Command, _options.RequestTimeout);
            }
        }
        finally
        {
            Volatile.Write(ref _current, null);
            _requestGate.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream!);
        var lines = new CtipLineReader(new CtipReaderOptions { Encoding = _options.Encoding });
        Exception? reason = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_shutdown.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (true)
                {
                    CtipMessage? message;
                    try
                    {
                        if (!lines.TryReadMessage(ref buffer, out message)) break;
                    }
                    catch (CtipProtocolException ex)
                    {
                        ClientLog.BackgroundSyncFailed(_logger, "CTIP line", ex.Message);
                        continue;
                    }

                    OnMessage(message);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) break;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException ex)
        {
            reason = ex;
        }

        await reader.CompleteAsync().ConfigureAwait(false);
        Volatile.Read(ref _current)?.TrySetException(new CtiConnectionLostException("The CTIP connection was closed.", reason));
    }

    private void OnMessage(CtipMessage message)
    {
        switch (message)
        {
            case CtipTestFrame:
                return;
            case CtipOk or CtipNotAccepted or CtipError:
                Volatile.Read(ref _current)?.TrySetResult(message);
                return;
            case CtipState state when Volatile.Read(ref _statFor) is { } ext && CtipExtension.Unpad(ext) == CtipExtension.Unpad(state.Extension):
                Volatile.Write(ref _statFor, null);
                Volatile.Read(ref _current)?.TrySetResult(state);
                break;
        }

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

    /// <summary>The normaliser used for caller numbers.</summary>
    public PhoneNumberNormalizer Numbers => _numbers;

    /// <summary>Logs out (<c>LOGO</c> after <c>LOGI</c>) and closes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_writer is not null && _options.Extension is { } ext)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await SendCoreAsync(new CtipLogout(ext), cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is CtiException or OperationCanceledException or IOException or ObjectDisposedException)
            {
            }
        }

        _shutdown.Cancel();
        _stream?.Dispose();
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }

        await _hub.DisposeAsync().ConfigureAwait(false);
        _shutdown.Dispose();
        _requestGate.Dispose();
    }
}
