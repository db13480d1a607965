namespace Slican.Cti.Doorphone.Rtsp;

/// <summary>Backoff of <see cref="RtspCamera"/> between reconnect attempts: exponential with jitter, capped.</summary>
public sealed record RtspReconnectOptions
{
    /// <summary>Delay before the first reconnect attempt. Default 1 s.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the delay. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Factor applied per failed attempt. Default 2.</summary>
    public double Multiplier { get; init; } = 2;

    /// <summary>Random spread as a fraction of the delay (0.2 = ±20 %), so many clients do not reconnect in lockstep. Default 0.2; tests use 0.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>Attempts after which the camera gives up (state <see cref="RtspCameraState.Failed"/>); null (default) = never.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>The delay before attempt <paramref name="attempt"/> (1-based), before jitter.</summary>
    public TimeSpan DelayFor(int attempt)
    {
        double factor = Math.Pow(Math.Max(1, Multiplier), Math.Max(0, attempt - 1));
        double ticks = Math.Min(MaxDelay.Ticks, InitialDelay.Ticks * factor);
        return TimeSpan.FromTicks((long)ticks);
    }
}
