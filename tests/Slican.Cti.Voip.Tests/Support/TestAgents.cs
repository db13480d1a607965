using System.Net;

namespace Slican.Cti.Voip.Tests.Support;

internal static class TestAgents
{
    /// <summary>An agent on loopback with ephemeral SIP and RTP ports.</summary>
    public static SipUserAgent Loopback(bool tcp = false, TimeProvider? time = null) => new(new SipUserAgentOptions
    {
        LocalAddress = IPAddress.Loopback,
        SipPort = 0,
        EnableTcp = tcp,
        RtpPortMin = 0,
        RtpPortMax = 0,
    }, timeProvider: time);

    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
}
