namespace Slican.Cti.Client;

/// <summary>Where a <see cref="CtiClient"/> or <see cref="CtipClient"/> is in its life.</summary>
public enum CtiConnectionState
{
    /// <summary>Not connected yet, or disconnected on purpose.</summary>
    Disconnected,

    /// <summary>The first connect and login are in progress.</summary>
    Connecting,

    /// <summary>Logged in (for <see cref="CtiClient"/> also registered and synchronised); requests can be sent.</summary>
    Connected,

    /// <summary>The connection was lost; the client is reconnecting with backoff. Requests fail fast with <see cref="CtiNotConnectedException"/>.</summary>
    Reconnecting,

    /// <summary>Reconnecting stopped: the PBX refused the login, or the attempts ran out. See <see cref="CtiConnectionStateChangedEventArgs.Error"/>.</summary>
    Failed,

    /// <summary>Disposed.</summary>
    Closed,
}

/// <summary>The connection state changed. Raised in order from the client's event dispatcher.</summary>
public sealed class CtiConnectionStateChangedEventArgs(CtiConnectionState previous, CtiConnectionState current, Exception? error) : EventArgs
{
    /// <summary>The state before.</summary>
    public CtiConnectionState Previous { get; } = previous;

    /// <summary>The state now.</summary>
    public CtiConnectionState Current { get; } = current;

    /// <summary>Why the connection was lost or reconnecting failed, when it was not on purpose.</summary>
    public Exception? Error { get; } = error;

    /// <inheritdoc />
    public override string ToString() => $"{Previous} -> {Current}{(Error is null ? string.Empty : ": " + Error.Message)}";
}

/// <summary>
/// The client reconnected and brought its state up to date. Events that happened while it was offline were not
/// delivered as events; what changed is reflected in the caches (roster, calls, phone book, history), and this
/// says what was rebuilt so an application can refresh its views.
/// </summary>
public sealed class CtiResynchronisedEventArgs : EventArgs
{
    /// <summary>How long the client was offline.</summary>
    public TimeSpan Outage { get; init; }

    /// <summary>Attempts it took to reconnect.</summary>
    public int Attempts { get; init; }

    /// <summary>The error that caused the outage.</summary>
    public Exception? Cause { get; init; }

    /// <summary>Whether the phone book was rebuilt from scratch (the PBX sent <c>DelAll</c>, e.g. after a restart with a new database epoch).</summary>
    public bool PhoneBookReset { get; init; }

    /// <summary>Whether the PBX's database epoch (from the sync markers) changed: the PBX store was reset.</summary>
    public bool EpochChanged { get; init; }

    /// <summary>Phone-book rows applied during the resync.</summary>
    public int PhoneBookRows { get; init; }

    /// <summary>Chat messages recovered from history that arrived while offline and were delivered now.</summary>
    public int RecoveredChatMessages { get; init; }

    /// <summary>Calls that were active before the outage and are gone now (reported as released).</summary>
    public int CallsEndedDuringOutage { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"Resynchronised after {Outage.TotalSeconds:0.###} s ({Attempts} attempt(s)); phone book {(PhoneBookReset ? "rebuilt" : "updated")} ({PhoneBookRows} rows), {RecoveredChatMessages} chat message(s) recovered, {CallsEndedDuringOutage} call(s) ended while offline";
}
