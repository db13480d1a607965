using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Slican.Cti.Doorphone.Media;

namespace Slican.Cti.Doorphone.Rtsp;

/// <summary>
/// A camera preview that stays up: runs <see cref="RtspClient"/> sessions one after another, reconnecting with
/// backoff (<see cref="RtspReconnectOptions"/>, timed by <see cref="RtspClientOptions.TimeProvider"/>) when the camera
/// restarts or the network drops. Every connection starts with a fresh authentication challenge. <see cref="Frames"/>
/// is one queue across reconnects; <see cref="StateChanged"/> reports each transition exactly once.
/// </summary>
public sealed partial class RtspCamera : IAsyncDisposable
{
    private readonly RtspClientOptions _options;
    private readonly RtspReconnectOptions _reconnect;
    private readonly ILogger _logger;
    private readonly FrameQueue _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _stateGate = new();
    private Task? _run;
    private RtspCameraState _state = RtspCameraState.Idle;
    private RtspStreamInfo? _streamInfo;

    /// <summary>Creates the camera; call <see cref="Start"/> to connect.</summary>
    public RtspCamera(RtspClientOptions options, RtspReconnectOptions? reconnect = null, ILogger<RtspCamera>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _reconnect = reconnect ?? new RtspReconnectOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _queue = new FrameQueue(options.FrameQueueCapacity);
    }

    /// <summary>
    /// Raised on every state change, on the camera's own loop (not the socket reader). Keep handlers short;
    /// exceptions they throw are logged and ignored.
    /// </summary>
    public event EventHandler<RtspCameraStateChangedEventArgs>? StateChanged;

    /// <summary>The current state.</summary>
    public RtspCameraState State
    {
        get
        {
            lock (_stateGate)
            {
                return _state;
            }
        }
    }

    /// <summary>The stream of the current (or last) session.</summary>
    public RtspStreamInfo? StreamInfo => Volatile.Read(ref _streamInfo);

    /// <summary>Frames from all sessions; the reader owns each frame (dispose it). Completes after <see cref="DisposeAsync"/> or on <see cref="RtspCameraState.Failed"/>.</summary>
    public ChannelReader<VideoFrame> Frames => _queue.Reader;

    /// <summary>Frames dropped because the consumer was too slow.</summary>
    public long FramesDropped => _queue.Dropped;

    /// <summary>Sessions started successfully so far (1 after the first PLAY, 2 after the first reconnect...).</summary>
    public int Sessions { get; private set; }

    /// <summary>Starts connecting in the background; returns immediately. Watch <see cref="StateChanged"/> or read <see cref="Frames"/>.</summary>
    public void Start()
    {
        lock (_stateGate)
        {
            if (_run is not null)
            {
                throw new InvalidOperationException("The camera is already started.");
            }

            _run = Task.Run(RunAsync);
        }
    }

    /// <summary>Stops: ends the session (TEARDOWN), completes <see cref="Frames"/>, state <see cref="RtspCameraState.Stopped"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? run;
        lock (_stateGate)
        {
            run = _run;
            _run ??= Task.CompletedTask;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (run is not null)
        {
            await run.ConfigureAwait(false);
        }

        if (State != RtspCameraState.Failed)
        {
            SetState(RtspCameraState.Stopped, null, 0, null);
        }

        _queue.Complete();
        _stop.Dispose();
    }

    /// <summary>The camera by host, port and path only.</summary>
    public override string ToString() => $"RtspCamera {RtspUrl.Redact(_options.Uri)} ({State})";

    private async Task RunAsync()
    {
        int attempt = 0;
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            SetState(RtspCameraState.Connecting, null, attempt, null);
            Exception? error;
            var client = new RtspClient(_options, _logger, _queue);
            try
            {
                var info = await client.StartAsync(token).ConfigureAwait(false);
                Volatile.Write(ref _streamInfo, info);
                Sessions++;
                attempt = 0;
                SetState(RtspCameraState.Playing, null, 0, null);
                await Task.WhenAny(client.Completion, Task.Delay(Timeout.Infinite, token)).ConfigureAwait(false);
                error = client.Completion.IsFaulted ? client.Completion.Exception!.InnerException : null;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                error = null;
            }
            catch (RtspException ex)
            {
                error = ex;
            }
            finally
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            if (token.IsCancellationRequested)
            {
                return;
            }

            error ??= new RtspException("The session ended.");
            attempt++;
            if (error is RtspAuthenticationException or RtspSecurityException
                || (_reconnect.MaxAttempts is { } max && attempt > max))
            {
                Log.GaveUp(_logger, RtspUrl.Redact(_options.Uri), error.Message);
                SetState(RtspCameraState.Failed, error, attempt, null);
                _queue.Complete(error);
                return;
            }

            var delay = Jittered(_reconnect.DelayFor(attempt));
            Log.Reconnecting(_logger, RtspUrl.Redact(_options.Uri), attempt, delay.TotalSeconds, error.Message);
            // The delay starts before the event, so a handler (or test) that reacts to Reconnecting sees it running.
            var wait = Task.Delay(delay, _options.TimeProvider, token);
            SetState(RtspCameraState.Reconnecting, error, attempt, delay);
            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private TimeSpan Jittered(TimeSpan delay)
    {
        if (_reconnect.Jitter <= 0)
        {
            return delay;
        }

#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        double spread = ((Random.Shared.NextDouble() * 2) - 1) * _reconnect.Jitter;
#pragma warning restore CA5394
        return TimeSpan.FromTicks((long)(delay.Ticks * (1 + spread)));
    }

    private void SetState(RtspCameraState state, Exception? error, int attempt, TimeSpan? delay)
    {
        RtspCameraState previous;
        lock (_stateGate)
        {
            previous = _state;
            if (previous == state || previous is RtspCameraState.Stopped)
            {
                return;
            }

            _state = state;
        }

        try
        {
            StateChanged?.Invoke(this, new RtspCameraStateChangedEventArgs(previous, state, error, attempt, delay));
        }
#pragma warning disable CA1031 // A faulty handler must not kill the reconnect loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HandlerFailed(_logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Warning, "Camera {Camera}: reconnect attempt {Attempt} in {Delay:0.0} s after: {Reason}")]
        public static partial void Reconnecting(ILogger logger, string camera, int attempt, double delay, string reason);

        [LoggerMessage(11, LogLevel.Error, "Camera {Camera}: giving up: {Reason}")]
        public static partial void GaveUp(ILogger logger, string camera, string reason);

        [LoggerMessage(12, LogLevel.Warning, "A StateChanged handler threw")]
        public static partial void HandlerFailed(ILogger logger, Exception exception);
    }
}
