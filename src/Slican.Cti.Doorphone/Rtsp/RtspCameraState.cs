namespace Slican.Cti.Doorphone.Rtsp;

/// <summary>The life cycle of an <see cref="RtspCamera"/>.</summary>
public enum RtspCameraState
{
    /// <summary>Created, not started.</summary>
    Idle,

    /// <summary>Connecting and negotiating (OPTIONS ... PLAY).</summary>
    Connecting,

    /// <summary>Frames are flowing.</summary>
    Playing,

    /// <summary>The session failed; waiting for the backoff delay before the next attempt.</summary>
    Reconnecting,

    /// <summary>Gave up: wrong credentials, a refused redirect, or <see cref="RtspReconnectOptions.MaxAttempts"/> reached.</summary>
    Failed,

    /// <summary>Stopped by the application.</summary>
    Stopped,
}

/// <summary>A state change of an <see cref="RtspCamera"/>.</summary>
public sealed class RtspCameraStateChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public RtspCameraStateChangedEventArgs(RtspCameraState previous, RtspCameraState current, Exception? error, int attempt, TimeSpan? retryDelay)
    {
        Previous = previous;
        Current = current;
        Error = error;
        Attempt = attempt;
        RetryDelay = retryDelay;
    }

    /// <summary>The state before.</summary>
    public RtspCameraState Previous { get; }

    /// <summary>The new state.</summary>
    public RtspCameraState Current { get; }

    /// <summary>Why the session ended (for Reconnecting and Failed); its message never contains credentials.</summary>
    public Exception? Error { get; }

    /// <summary>The reconnect attempt number (0 for the first connection).</summary>
    public int Attempt { get; }

    /// <summary>For Reconnecting: how long the camera waits before the next attempt.</summary>
    public TimeSpan? RetryDelay { get; }
}
