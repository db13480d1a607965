using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Slican.Cti.Doorphone.Rtsp;

namespace Slican.Cti.Doorphone.Doors;

/// <summary>
/// "Ring → preview": when a doorphone with a camera calls, fetches its camera link and starts an
/// <see cref="RtspCamera"/> right away, before anyone answers, so the picture is up when the user looks; stops it
/// when the call ends (unless <see cref="RingPreviewOptions.StopWhenCallEnds"/> is false). One preview per doorphone.
/// </summary>
public sealed partial class RingPreview : IAsyncDisposable
{
    private readonly DoorphoneDirectory _directory;
    private readonly RingPreviewOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Dictionary<int, RtspCamera> _previews = [];
    private readonly List<Task> _pending = [];
    private bool _disposed;

    /// <summary>Creates the feature and subscribes to the directory's ringing and call-ended events.</summary>
    public RingPreview(DoorphoneDirectory directory, RingPreviewOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _directory = directory;
        _options = options ?? new RingPreviewOptions();
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<RingPreview>();
        _directory.Ringing += OnRinging;
        _directory.CallEnded += OnCallEnded;
    }

    /// <summary>A preview started: the camera is connecting; read <see cref="RtspCamera.Frames"/>. Do not dispose the camera; the feature owns it.</summary>
    public event EventHandler<PreviewEventArgs>? PreviewStarted;

    /// <summary>A preview ended (call over, <see cref="StopAsync"/>, or disposal).</summary>
    public event EventHandler<PreviewEventArgs>? PreviewStopped;

    /// <summary>Getting the camera link failed; the preview was not started.</summary>
    public event EventHandler<PreviewFailedEventArgs>? PreviewFailed;

    /// <summary>The running preview of a doorphone, if any.</summary>
    public RtspCamera? GetPreview(int subscriberId)
    {
        lock (_gate)
        {
            return _previews.GetValueOrDefault(subscriberId);
        }
    }

    /// <summary>Starts the preview of a doorphone on demand (the camera icon), or returns the running one.</summary>
    public async Task<RtspCamera> StartAsync(int subscriberId, CancellationToken cancellationToken = default)
    {
        if (GetPreview(subscriberId) is { } running)
        {
            return running;
        }

        var link = await _directory.GetCameraLinkAsync(subscriberId, cancellationToken).ConfigureAwait(false)
            ?? throw new RtspException($"The PBX has no camera link for subscriber {subscriberId}. Check the camera assignment (NCP: Extensions/Devices/Cameras; IPx, MAC, CCT: Peripherals/Cameras).");
        var camera = new RtspCamera(link.ToClientOptions(_options.ClientOptions), _options.Reconnect, _loggerFactory.CreateLogger<RtspCamera>());
        RtspCamera? raced;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_previews.TryGetValue(subscriberId, out raced))
            {
                _previews[subscriberId] = camera;
            }
        }

        if (raced is not null)
        {
            // Another ring or click started it meanwhile; this camera never started.
            await camera.DisposeAsync().ConfigureAwait(false);
            return raced;
        }

        camera.Start();
        PreviewStarted?.Invoke(this, new PreviewEventArgs(subscriberId, camera));
        return camera;
    }

    /// <summary>Stops the preview of a doorphone (TEARDOWN); no-op when none runs.</summary>
    public async Task StopAsync(int subscriberId)
    {
        RtspCamera? camera;
        lock (_gate)
        {
            if (_previews.Remove(subscriberId, out camera) is false)
            {
                return;
            }
        }

        PreviewStopped?.Invoke(this, new PreviewEventArgs(subscriberId, camera!));
        await camera!.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops every preview and unsubscribes.</summary>
    public async ValueTask DisposeAsync()
    {
        _directory.Ringing -= OnRinging;
        _directory.CallEnded -= OnCallEnded;
        Task[] pending;
        int[] ids;
        lock (_gate)
        {
            _disposed = true;
            pending = [.. _pending];
            ids = [.. _previews.Keys];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        foreach (int id in ids)
        {
            await StopAsync(id).ConfigureAwait(false);
        }
    }

    private void OnRinging(object? sender, DoorphoneRingingEventArgs e)
    {
        if (!e.Doorphone.HasCamera)
        {
            return;
        }

        Track(StartOnRingAsync(e.Doorphone.SubscriberId));
    }

    private void OnCallEnded(object? sender, DoorphoneRingingEventArgs e)
    {
        if (_options.StopWhenCallEnds)
        {
            Track(StopAsync(e.Doorphone.SubscriberId));
        }
    }

    private async Task StartOnRingAsync(int subscriberId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.LinkTimeout, _options.ClientOptions?.TimeProvider ?? TimeProvider.System);
            await StartAsync(subscriberId, timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Reported through PreviewFailed: this runs off an event and has no caller to throw to.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.PreviewFailed(_logger, subscriberId, ex.Message);
            PreviewFailed?.Invoke(this, new PreviewFailedEventArgs(subscriberId, ex));
        }
    }

    private void Track(Task task)
    {
        lock (_gate)
        {
            _pending.RemoveAll(t => t.IsCompleted);
            _pending.Add(task);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Warning, "Could not start the camera preview of doorphone {Id}: {Reason}")]
        public static partial void PreviewFailed(ILogger logger, int id, string reason);
    }
}

/// <summary>Settings of <see cref="RingPreview"/>.</summary>
public sealed record RingPreviewOptions
{
    /// <summary>Template for the RTSP sessions (transport, timeouts); the URI and credentials come from the camera link. Null = defaults.</summary>
    public RtspClientOptions? ClientOptions { get; init; }

    /// <summary>Reconnect policy of the preview. Null = defaults.</summary>
    public RtspReconnectOptions? Reconnect { get; init; }

    /// <summary>Stop the preview when the call with the doorphone ends. Default true.</summary>
    public bool StopWhenCallEnds { get; init; } = true;

    /// <summary>Limit for getting the camera link from the PBX. Default 10 s.</summary>
    public TimeSpan LinkTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>A preview of a doorphone's camera.</summary>
public sealed class PreviewEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public PreviewEventArgs(int subscriberId, RtspCamera camera)
    {
        SubscriberId = subscriberId;
        Camera = camera;
    }

    /// <summary>The doorphone.</summary>
    public int SubscriberId { get; }

    /// <summary>The camera session (owned by <see cref="RingPreview"/>).</summary>
    public RtspCamera Camera { get; }
}

/// <summary>A preview could not start.</summary>
public sealed class PreviewFailedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public PreviewFailedEventArgs(int subscriberId, Exception error)
    {
        SubscriberId = subscriberId;
        Error = error;
    }

    /// <summary>The doorphone.</summary>
    public int SubscriberId { get; }

    /// <summary>Why.</summary>
    public Exception Error { get; }
}
