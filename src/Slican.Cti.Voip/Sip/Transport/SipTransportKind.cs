using System.Net;

namespace Slican.Cti.Voip.Sip.Transport;

/// <summary>Transport protocol for SIP signalling.</summary>
public enum SipTransportKind
{
    /// <summary>UDP: unreliable, the transaction layer retransmits (timers A, E, G).</summary>
    Udp,

    /// <summary>TCP: reliable, messages framed by Content-Length.</summary>
    Tcp,
}

/// <summary>Where a message came from or goes to.</summary>
/// <param name="Kind">Transport.</param>
/// <param name="EndPoint">Remote IP address and port.</param>
public readonly record struct SipEndPoint(SipTransportKind Kind, IPEndPoint EndPoint)
{
    /// <summary>True when the transport itself retransmits (no SIP-level retransmissions).</summary>
    public bool IsReliable => Kind == SipTransportKind.Tcp;

    /// <inheritdoc />
    public override string ToString() => $"{Kind.ToString().ToUpperInvariant()}:{EndPoint}";
}

/// <summary>A message received by a transport, with its source.</summary>
/// <param name="Message">The parsed message.</param>
/// <param name="Source">The peer that sent it.</param>
/// <param name="LocalEndPoint">The local socket it arrived on.</param>
public readonly record struct SipInbound(Messages.SipMessage Message, SipEndPoint Source, IPEndPoint LocalEndPoint);
