namespace Slican.Cti.Voip.Rtp;

/// <summary>Snapshot of an RTP session's counters and RTCP-derived quality (RFC 3550 §6.4).</summary>
public sealed record RtpStatistics
{
    /// <summary>RTP packets sent.</summary>
    public long PacketsSent { get; init; }

    /// <summary>Payload octets sent.</summary>
    public long OctetsSent { get; init; }

    /// <summary>RTP packets received from the peer.</summary>
    public long PacketsReceived { get; init; }

    /// <summary>Packets expected minus received (cumulative, may be negative with duplicates).</summary>
    public long PacketsLost { get; init; }

    /// <summary>Interarrival jitter we measured, in milliseconds.</summary>
    public double JitterMs { get; init; }

    /// <summary>Loss fraction the peer reported about our stream in its last report (0..1), or null.</summary>
    public double? RemoteFractionLost { get; init; }

    /// <summary>Jitter the peer reported about our stream, in milliseconds, or null.</summary>
    public double? RemoteJitterMs { get; init; }

    /// <summary>Round-trip time from the peer's last report block (LSR/DLSR), or null.</summary>
    public TimeSpan? RoundTripTime { get; init; }

    /// <summary>RTCP reports sent.</summary>
    public long RtcpSent { get; init; }

    /// <summary>RTCP reports received.</summary>
    public long RtcpReceived { get; init; }

    /// <summary>Frames concealed by the jitter buffer.</summary>
    public long ConcealedFrames { get; init; }

    /// <summary>DTMF events received (RFC 4733).</summary>
    public long DtmfReceived { get; init; }
}
