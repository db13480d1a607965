namespace Slican.Cti.Doorphone.Media;

/// <summary>Counters of one depacketizer (read them from any thread; they are updated by the receiving thread).</summary>
public sealed class DepacketizerStatistics
{
    internal long PacketsValue;
    internal long PacketsLostValue;
    internal long PacketsLateValue;
    internal long FramesValue;
    internal long FramesDiscardedValue;
    internal long PayloadsMalformedValue;

    /// <summary>RTP packets processed.</summary>
    public long Packets => Interlocked.Read(ref PacketsValue);

    /// <summary>Packets missing according to sequence-number gaps.</summary>
    public long PacketsLost => Interlocked.Read(ref PacketsLostValue);

    /// <summary>Packets that arrived after a newer one (reordered or duplicated) and were ignored.</summary>
    public long PacketsLate => Interlocked.Read(ref PacketsLateValue);

    /// <summary>Frames delivered.</summary>
    public long Frames => Interlocked.Read(ref FramesValue);

    /// <summary>Frames thrown away: incomplete after loss, too big, undecodable without a preceding key frame, or malformed.</summary>
    public long FramesDiscarded => Interlocked.Read(ref FramesDiscardedValue);

    /// <summary>Payloads that violated the payload format (truncated aggregation units, invalid headers...).</summary>
    public long PayloadsMalformed => Interlocked.Read(ref PayloadsMalformedValue);
}
