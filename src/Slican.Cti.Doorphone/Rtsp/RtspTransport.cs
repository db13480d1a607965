namespace Slican.Cti.Doorphone.Rtsp;

/// <summary>How RTP reaches the client.</summary>
public enum RtspTransport
{
    /// <summary>RTP and RTCP interleaved in the RTSP TCP connection (RFC 2326 §10.12). The default: one port, works through NAT and port forwarding of 554 alone.</summary>
    Tcp,

    /// <summary>RTP and RTCP over UDP to two client ports; lower latency on a LAN, but needs the camera to reach the client's UDP ports.</summary>
    Udp,
}
