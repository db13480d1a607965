using System.Net;
using Slican.Cti.Voip.Sip.Messages;
using Slican.Cti.Voip.Sip.Transactions;

namespace Slican.Cti.Voip;

/// <summary>Local network settings of a <see cref="SipUserAgent"/>. All defaults suit a phone on the PBX's LAN.</summary>
public sealed record SipUserAgentOptions
{
    /// <summary>Local address to bind SIP and RTP sockets to. Default <see cref="IPAddress.Any"/>.</summary>
    public IPAddress LocalAddress { get; init; } = IPAddress.Any;

    /// <summary>Local SIP port for UDP (and TCP when enabled). Default 5060; 0 picks a free port.</summary>
    public int SipPort { get; init; } = 5060;

    /// <summary>Also listen on TCP (needed for accounts with TCP transport). Default false.</summary>
    public bool EnableTcp { get; init; }

    /// <summary>
    /// Address written in Contact, Via and SDP instead of the local one, for a phone behind NAT with port forwarding
    /// (the manual's "public host name or PBX IP address for VoIP"). Default null: the local address is used, and
    /// <c>received</c>/<c>rport</c> from the registrar are learned.
    /// </summary>
    public string? PublicAddress { get; init; }

    /// <summary>Lowest local RTP port (even). Default 10000. 0 with <see cref="RtpPortMax"/> 0 picks ephemeral ports.</summary>
    public int RtpPortMin { get; init; } = 10000;

    /// <summary>Highest local RTP port. Default 20000.</summary>
    public int RtpPortMax { get; init; } = 20000;

    /// <summary>User-Agent header value. Default "Slican.Cti.Voip".</summary>
    public string UserAgentName { get; init; } = "Slican.Cti.Voip";

    /// <summary>RFC 3261 timer values. Default the RFC's.</summary>
    public SipTimerSettings Timers { get; init; } = SipTimerSettings.Default;

    /// <summary>Parser limits for received messages.</summary>
    public SipParserLimits ParserLimits { get; init; } = SipParserLimits.Default;

    /// <summary>Most simultaneous calls; further incoming INVITEs get 486 Busy Here. Default 8.</summary>
    public int MaxCalls { get; init; } = 8;

    /// <summary>Seconds an unanswered incoming call rings before 480. Default 120.</summary>
    public int RingTimeoutSeconds { get; init; } = 120;
}
