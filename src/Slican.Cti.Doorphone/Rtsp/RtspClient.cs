using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Slican.Cti.Doorphone.Media;
using Slican.Cti.Doorphone.Rtsp.Authentication;
using Slican.Cti.Doorphone.Rtsp.Sdp;

namespace Slican.Cti.Doorphone.Rtsp;

/// <summary>
/// One RTSP session with a camera: OPTIONS, DESCRIBE, SETUP, PLAY on <see cref="StartAsync"/>, then video frames in
/// <see cref="Frames"/>, keepalive (GET_PARAMETER when the camera supports it, else OPTIONS), RTCP receiver reports,
/// and TEARDOWN on <see cref="DisposeAsync"/>. It does not reconnect: <see cref="Completion"/> faults when the session
/// dies; use <see cref="RtspCamera"/> for a preview that survives camera restarts.
/// </summary>
public sealed partial class RtspClient : IAsyncDisposable
{
    private const int DefaultSessionTimeoutSeconds = 60;
    private readonly RtspClientOptions _options;
    private readonly ILogger _logger;
    private readonly FrameQueue _queue;
    private readonly bool _ownsQueue;
    private readonly Uri _uri;
    private readonly string _cameraName;
    private readonly RtspAuthenticator _authenticator;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private RtspConnection? _connection;
    private UdpMediaTransport? _udp;
    private RtpDepacketizer? _depacketizer;
    private RtpReceiverStatistics? _receiverStatistics;
    private RtpReorderBuffer? _reorder;
    private string? _sessionId;
    private Uri? _playUri;
    private byte _rtpChannel;
    private byte _rtcpChannel = 1;
    private int _payloadType = -1;
    private int _clockRate = 90000;
    private long _lastPacketTimestamp;
    private string _keepAliveMethod = "OPTIONS";
    private int _started;
    private int _disposed;

    /// <summary>Creates a client; nothing is sent until <see cref="StartAsync"/>.</summary>
    public RtspClient(RtspClientOptions options, ILogger<RtspClient>? logger = null)
        : this(options, logger, null)
    {
    }

    internal RtspClient(RtspClientOptions options, ILogger? logger, FrameQueue? sharedQueue)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Uri.IsAbsoluteUri || !options.Uri.Scheme.Equals("rtsp", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The camera link must be an absolute rtsp:// URL (got {RtspUrl.Redact(options.Uri)}).", nameof(options));
        }

        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _uri = RtspUrl.StripCredentials(options.Uri);
        _cameraName = $"{_uri.Host}:{RtspUrl.PortOf(_uri)}";
        _authenticator = new RtspAuthenticator(options.EffectiveCredentials, options.AllowBasicAuthentication);
        _ownsQueue = sharedQueue is null;
        _queue = sharedQueue ?? new FrameQueue(options.FrameQueueCapacity);
    }

    /// <summary>What was set up; null before <see cref="StartAsync"/> succeeded.</summary>
    public RtspStreamInfo? StreamInfo { get; private set; }

    /// <summary>
    /// The received frames. The reader of a frame owns it and should dispose it (see <see cref="VideoFrame"/>). The
    /// channel completes when the client is disposed, with the session's error if it failed.
    /// </summary>
    public ChannelReader<VideoFrame> Frames => _queue.Reader;

    /// <summary>Completes when the session ends: successfully after <see cref="DisposeAsync"/>, faulted with an <see cref="RtspException"/> that says why otherwise.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Depacketizer counters (packets, loss, frames); null before PLAY.</summary>
    public DepacketizerStatistics? Statistics => _depacketizer?.Statistics;

    /// <summary>Frames dropped because the consumer of <see cref="Frames"/> was too slow.</summary>
    public long FramesDropped => _queue.Dropped;

    /// <summary>Connects and runs OPTIONS, DESCRIBE, SETUP and PLAY; then frames start to arrive in <see cref="Frames"/>.</summary>
    /// <exception cref="RtspException">What failed and what to check (a subclass for timeouts, status codes, authentication, security).</exception>
    public async Task<RtspStreamInfo> StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("StartAsync can be called once per RtspClient.");
        }

        try
        {
            return await StartCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(ex);
            throw;
        }
    }

    /// <summary>Sends TEARDOWN (best effort, briefly), closes the connection and completes <see cref="Frames"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (_connection is not null && _sessionId is not null && !_connection.Closed.IsCompleted && _playUri is not null)
        {
            try
            {
                using var teardown = new CancellationTokenSource(TimeSpan.FromSeconds(2), _options.TimeProvider);
                await _connection.SendAsync("TEARDOWN", _playUri, Headers(_authenticator.CreateAuthorization("TEARDOWN", _playUri.AbsoluteUri), ("Session", _sessionId)), teardown.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RtspException or OperationCanceledException or ObjectDisposedException)
            {
                Log.TeardownFailed(_logger, _cameraName, ex.Message);
            }
        }

        if (_udp is not null)
        {
            await _udp.DisposeAsync().ConfigureAwait(false);
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _completion.TrySetResult();
        if (_ownsQueue)
        {
            _queue.Complete(_completion.Task.IsFaulted ? _completion.Task.Exception!.InnerException : null);
        }

        _stop.Dispose();
    }

    /// <summary>The camera by host and port only.</summary>
    public override string ToString() => $"RtspClient {RtspUrl.Redact(_uri)}";

    private async Task<RtspStreamInfo> StartCoreAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var token = linked.Token;
        Log.Connecting(_logger, RtspUrl.Redact(_uri), _options.Transport);
        _connection = await RtspConnection.ConnectAsync(_uri.Host, RtspUrl.PortOf(_uri), _options, _cameraName, token).ConfigureAwait(false);
        _connection.InterleavedHandler = OnInterleaved;

        // OPTIONS: which keepalive the camera understands.
        var options = await RequestAsync("OPTIONS", _uri, token).ConfigureAwait(false);
        string publicMethods = options.GetHeader("Public") ?? string.Empty;
        _keepAliveMethod = publicMethods.Split(',', StringSplitOptions.TrimEntries).Contains("GET_PARAMETER", StringComparer.OrdinalIgnoreCase) ? "GET_PARAMETER" : "OPTIONS";

        // DESCRIBE: the SDP.
        var describe = await RequestAsync("DESCRIBE", _uri, token, ("Accept", "application/sdp")).ConfigureAwait(false);
        if (describe.Body.IsEmpty)
        {
            throw new RtspProtocolException($"The camera {_cameraName} answered DESCRIBE without a session description.");
        }

        var sdp = SessionDescription.Parse(Encoding.UTF8.GetString(describe.Body.Span));

        string? baseHeader = describe.GetHeader("Content-Base") ?? describe.GetHeader("Content-Location");
        var baseUri = baseHeader is null ? _uri : RtspUrl.ResolveOnSameHost(_uri, _uri, baseHeader, "Content-Base");
        var (media, format, codec) = ChooseVideo(sdp);
        var setupUri = RtspUrl.ResolveOnSameHost(_uri, baseUri, media.Control ?? "*", "media control");
        _playUri = sdp.Control is null || sdp.Control == "*" ? baseUri : RtspUrl.ResolveOnSameHost(_uri, baseUri, sdp.Control, "session control");
        _payloadType = format.PayloadType;
        _clockRate = format.ClockRate > 0 ? format.ClockRate : 90000;
        _depacketizer = RtpDepacketizer.Create(format, _queue.Write, _options.TimeProvider, _options.MaxFrameBytes)!;
        uint ownSsrc = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
        _receiverStatistics = new RtpReceiverStatistics(ownSsrc, "slican-cti@" + Dns.GetHostName());

        // SETUP.
        string transport;
        if (_options.Transport == RtspTransport.Udp)
        {
            _udp = UdpMediaTransport.Bind(_connection.LocalEndPoint.Address, _connection.RemoteEndPoint.Address);
            _reorder = new RtpReorderBuffer(32);
            transport = $"RTP/AVP;unicast;client_port={_udp.RtpPort}-{_udp.RtcpPort}";
        }
        else
        {
            transport = "RTP/AVP/TCP;unicast;interleaved=0-1";
        }

        var setup = await RequestAsync("SETUP", setupUri, token, ("Transport", transport)).ConfigureAwait(false);
        string? session = setup.GetHeader("Session") ?? throw new RtspProtocolException($"The camera {_cameraName} answered SETUP without a Session header.");
        var sessionParts = session.Split(';', StringSplitOptions.TrimEntries);
        _sessionId = sessionParts[0];
        if (_sessionId.Length == 0 || _sessionId.Length > 256)
        {
            throw new RtspProtocolException($"The camera {_cameraName} sent an invalid Session header.");
        }

        int timeoutSeconds = DefaultSessionTimeoutSeconds;
        foreach (string part in sessionParts.Skip(1))
        {
            if (part.StartsWith("timeout=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(part.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds > 0)
            {
                timeoutSeconds = seconds;
            }
        }

        int serverRtcpPort = ParseTransportAnswer(setup.GetHeader("Transport"));

        // PLAY.
        await RequestAsync("PLAY", _playUri, token, ("Session", _sessionId), ("Range", "npt=0.000-")).ConfigureAwait(false);
        _lastPacketTimestamp = _options.TimeProvider.GetTimestamp();
        _udp?.Start(serverRtcpPort, OnUdpRtp, OnUdpRtcp, Fail);

        var info = new RtspStreamInfo(codec, format, sdp, _options.Transport, TimeSpan.FromSeconds(timeoutSeconds), _keepAliveMethod);
        StreamInfo = info;
        Log.Playing(_logger, RtspUrl.Redact(_uri), codec, _options.Transport, _keepAliveMethod);

        // Timers are created here, before StartAsync returns, so that their periods count from PLAY.
        var keepAlive = _options.KeepAliveInterval ?? TimeSpan.FromSeconds(Math.Max(1, timeoutSeconds / 2.0));
        var keepAliveTimer = new PeriodicTimer(keepAlive, _options.TimeProvider);
        var reportTimer = new PeriodicTimer(_options.ReceiverReportInterval, _options.TimeProvider);
        var watchdogTimer = new PeriodicTimer(TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, _options.ReceiveTimeout.Ticks / 4)), _options.TimeProvider);
        _loops.Add(Task.Run(() => KeepAliveLoopAsync(keepAliveTimer), CancellationToken.None));
        _loops.Add(Task.Run(() => ReceiverReportLoopAsync(reportTimer), CancellationToken.None));
        _loops.Add(Task.Run(() => WatchdogLoopAsync(watchdogTimer), CancellationToken.None));
        _ = _connection.Closed.ContinueWith(
            t => Fail(t.Exception?.InnerException ?? new RtspException($"The connection to the camera {_cameraName} was closed.")),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return info;
    }

    private (MediaDescription Media, RtpFormat Format, VideoCodec Codec) ChooseVideo(SessionDescription sdp)
    {
        foreach (var media in sdp.Media)
        {
            if (!media.MediaType.Equals("video", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var format in media.Formats)
            {
                if (RtpDepacketizer.CodecOf(format) is { } codec)
                {
                    return (media, format, codec);
                }
            }
        }

        string offered = string.Join(", ", sdp.Media.SelectMany(m => m.Formats.Select(f => $"{m.MediaType} {f.EncodingName}/{f.PayloadType}")));
        throw new RtspException($"The camera {_cameraName} offers no supported video stream (offered: {(offered.Length == 0 ? "nothing" : offered)}; supported: H.264, H.265, MJPEG).");
    }

    private int ParseTransportAnswer(string? transport)
    {
        if (transport is null)
        {
            return 0;
        }

        int serverRtcp = 0;
        foreach (string part in transport.Split(';', StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }

            string name = part[..eq];
            var range = part[(eq + 1)..].Split('-');
            if (name.Equals("interleaved", StringComparison.OrdinalIgnoreCase)
                && byte.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out byte rtp))
            {
                _rtpChannel = rtp;
                _rtcpChannel = range.Length > 1 && byte.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out byte rtcp) ? rtcp : (byte)(rtp + 1);
            }
            else if (name.Equals("server_port", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65535)
            {
                serverRtcp = range.Length > 1 && int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out int p2) && p2 is > 0 and <= 65535 ? p2 : port + 1;
            }
        }

        return serverRtcp;
    }

    private Task<RtspMessage> RequestAsync(string method, Uri uri, CancellationToken cancellationToken, params (string Name, string Value)[] headers) =>
        RequestCoreAsync(method, uri, headers, allowFailure: false, cancellationToken);

    private async Task<RtspMessage> RequestCoreAsync(string method, Uri uri, (string Name, string Value)[] headers, bool allowFailure, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("Not connected.");
        for (int attempt = 0; attempt < 3; attempt++)
        {
            string? authorization = _authenticator.CreateAuthorization(method, uri.AbsoluteUri);
            var response = await connection.SendAsync(method, uri, Headers(authorization, headers), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == 401)
            {
                Log.Challenged(_logger, _cameraName, method, authorization is not null);
                _authenticator.AcceptChallenge(response.GetHeaders("WWW-Authenticate"), authorization is not null, _cameraName);
                continue;
            }

            if (response.StatusCode is >= 200 and < 300 || allowFailure)
            {
                return response;
            }

            throw StatusError(method, response);
        }

        // Cameras that issue a new nonce with every 401 (GStreamer does) end up here when the password is wrong.
        throw new RtspAuthenticationException($"The camera {_cameraName} rejected the user name or password on {method} (it challenged again after each answer). Check the camera credentials configured in the PBX.");
    }

    private List<KeyValuePair<string, string>> Headers(string? authorization, params (string Name, string Value)[] headers)
    {
        var list = new List<KeyValuePair<string, string>>(headers.Length + 2) { new("User-Agent", _options.UserAgent) };
        if (authorization is not null)
        {
            list.Add(new("Authorization", authorization));
        }

        foreach (var (name, value) in headers)
        {
            list.Add(new(name, value));
        }

        return list;
    }

    private RtspStatusException StatusError(string method, RtspMessage response)
    {
        string hint = response.StatusCode switch
        {
            >= 300 and < 400 => " The camera redirects; redirects are not followed. Use the final camera link.",
            403 => " The user has no access to this stream.",
            404 => " Check the path of the camera link.",
            454 => " The session expired on the camera.",
            461 => $" The camera does not support {_options.Transport} transport; try the other one.",
            >= 500 => " The camera failed internally; try again later.",
            _ => string.Empty,
        };
        return new RtspStatusException(method, response.StatusCode, response.Reason,
            $"The camera {_cameraName} answered {method} with {response.StatusCode} {response.Reason}.{hint}");
    }

    private void OnInterleaved(byte channel, ReadOnlySpan<byte> data)
    {
        if (channel == _rtpChannel)
        {
            OnRtp(data);
        }
        else if (channel == _rtcpChannel)
        {
            _receiverStatistics?.ProcessRtcp(data, _options.TimeProvider.GetTimestamp());
        }
    }

    private void OnUdpRtp(ReadOnlySpan<byte> data) => _reorder!.Add(data, OnRtp);

    private void OnUdpRtcp(ReadOnlySpan<byte> data) => _receiverStatistics?.ProcessRtcp(data, _options.TimeProvider.GetTimestamp());

    private void OnRtp(ReadOnlySpan<byte> data)
    {
        if (_depacketizer is null || !RtpPacket.TryParse(data, out var packet) || packet.PayloadType != _payloadType)
        {
            return;
        }

        long now = _options.TimeProvider.GetTimestamp();
        Volatile.Write(ref _lastPacketTimestamp, now);
        long arrival = (long)(now / (double)_options.TimeProvider.TimestampFrequency * _clockRate);
        _receiverStatistics!.OnPacket(packet.Ssrc, packet.SequenceNumber, packet.Timestamp, arrival);
        _depacketizer.Process(packet);
    }

    private async Task KeepAliveLoopAsync(PeriodicTimer timer)
    {
        using var owned = timer;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var response = await RequestCoreAsync(_keepAliveMethod, _playUri!, [("Session", _sessionId!)], allowFailure: true, _stop.Token).ConfigureAwait(false);
                if (response.StatusCode is 405 or 501 && _keepAliveMethod != "OPTIONS")
                {
                    _keepAliveMethod = "OPTIONS";
                }
                else if (response.StatusCode is < 200 or >= 300)
                {
                    throw StatusError(_keepAliveMethod, response);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is RtspException or ObjectDisposedException)
        {
            Fail(ex);
        }
    }

    private async Task ReceiverReportLoopAsync(PeriodicTimer timer)
    {
        using var owned = timer;
        var buffer = new byte[512];
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                int length = _receiverStatistics!.WriteReceiverReport(buffer, _options.TimeProvider.GetTimestamp(), _options.TimeProvider.TimestampFrequency);
                if (_udp is not null)
                {
                    await _udp.SendRtcpAsync(buffer.AsMemory(0, length), _stop.Token).ConfigureAwait(false);
                }
                else
                {
                    await _connection!.SendInterleavedAsync(_rtcpChannel, buffer.AsMemory(0, length), _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is RtspException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            Fail(ex is RtspException ? ex : new RtspException($"Sending an RTCP receiver report to the camera {_cameraName} failed.", ex));
        }
    }

    private async Task WatchdogLoopAsync(PeriodicTimer timer)
    {
        using var owned = timer;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var silent = _options.TimeProvider.GetElapsedTime(Volatile.Read(ref _lastPacketTimestamp));
                if (silent >= _options.ReceiveTimeout)
                {
                    Fail(new RtspTimeoutException("RTP", _options.ReceiveTimeout,
                        $"No video from the camera {_cameraName} for {silent.TotalSeconds:0.#} s after PLAY (limit {_options.ReceiveTimeout.TotalSeconds:0.#} s)." +
                        (_options.Transport == RtspTransport.Udp ? " With UDP, check that a firewall or NAT lets the camera's UDP packets reach this host, or use TCP." : " The stream stalled.")));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private void Fail(Exception error)
    {
        if (Volatile.Read(ref _disposed) != 0 && Volatile.Read(ref _started) != 0 && StreamInfo is not null)
        {
            // Closing the connection during DisposeAsync is the requested end, not a failure.
            return;
        }

        if (error is not RtspException)
        {
            error = error is OperationCanceledException ? error : new RtspException($"The session with the camera {_cameraName} failed: {error.Message}", error);
        }

        if (_completion.TrySetException(error))
        {
            if (error is not OperationCanceledException)
            {
                Log.SessionFailed(_logger, _cameraName, error.Message);
            }

            try
            {
                _stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }

            if (_ownsQueue)
            {
                _queue.Complete(error);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Connecting to {Camera} over {Transport}")]
        public static partial void Connecting(ILogger logger, string camera, RtspTransport transport);

        [LoggerMessage(2, LogLevel.Information, "Playing {Camera}: {Codec} over {Transport}, keepalive {KeepAlive}")]
        public static partial void Playing(ILogger logger, string camera, VideoCodec codec, RtspTransport transport, string keepAlive);

        [LoggerMessage(3, LogLevel.Debug, "{Camera} asked for authentication on {Method} (credentials already sent: {Sent})")]
        public static partial void Challenged(ILogger logger, string camera, string method, bool sent);

        [LoggerMessage(4, LogLevel.Warning, "RTSP session with {Camera} failed: {Reason}")]
        public static partial void SessionFailed(ILogger logger, string camera, string reason);

        [LoggerMessage(5, LogLevel.Debug, "TEARDOWN to {Camera} failed: {Reason}")]
        public static partial void TeardownFailed(ILogger logger, string camera, string reason);
    }
}
