namespace Slican.Cti.Voip.Sip.Transactions;

/// <summary>RFC 3261 §17 timer base values. Defaults are the RFC's; tests may shorten them.</summary>
public sealed record SipTimerSettings
{
    /// <summary>Default RFC values.</summary>
    public static SipTimerSettings Default { get; } = new();

    /// <summary>T1, the RTT estimate: first retransmission interval (A, E, G) and base of the 64*T1 timeouts. Default 500 ms.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>T2, the cap of non-INVITE and 2xx retransmission intervals. Default 4 s.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>T4, how long the network may keep a message (timers I, K). Default 5 s.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer D: how long a client INVITE transaction absorbs retransmitted final responses. Default 32 s.</summary>
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>64*T1: timers B, F, H, J.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;
}
