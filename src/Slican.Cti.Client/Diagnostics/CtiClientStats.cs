namespace Slican.Cti.Client;

/// <summary>A point-in-time snapshot of a client's counters, from <see cref="CtiClient.GetStats"/>.</summary>
public sealed record CtiClientStats
{
    /// <summary>The connection state when the snapshot was taken.</summary>
    public CtiConnectionState State { get; init; }

    /// <summary>XCTIP frames received over the client's lifetime.</summary>
    public long FramesReceived { get; init; }

    /// <summary>XCTIP frames sent over the client's lifetime.</summary>
    public long FramesSent { get; init; }

    /// <summary>Requests answered.</summary>
    public long RequestsCompleted { get; init; }

    /// <summary>Requests that timed out.</summary>
    public long RequestTimeouts { get; init; }

    /// <summary>Requests pending right now.</summary>
    public int RequestsPending { get; init; }

    /// <summary>Mean request round-trip time.</summary>
    public TimeSpan AverageRoundTrip { get; init; }

    /// <summary>Longest request round-trip time seen.</summary>
    public TimeSpan MaxRoundTrip { get; init; }

    /// <summary>Sessions re-established after a loss.</summary>
    public long Reconnects { get; init; }

    /// <summary>Events published to streams and handlers.</summary>
    public long EventsPublished { get; init; }

    /// <summary>Events dropped for slow consumers (subscriptions and the handler queue).</summary>
    public long EventsDropped { get; init; }

    /// <summary>Frames the PBX sent that were not valid XCTIP.</summary>
    public long ProtocolErrors { get; init; }

    /// <summary>When the last frame arrived, or <see langword="null"/> before the first.</summary>
    public DateTimeOffset? LastFrameReceived { get; init; }
}
