using Slican.Cti.Doorphone.Media;
using Slican.Cti.Doorphone.Rtsp.Sdp;

namespace Slican.Cti.Doorphone.Rtsp;

/// <summary>What the camera offered and the client set up.</summary>
/// <param name="Codec">The video codec received.</param>
/// <param name="Format">The SDP payload format (payload type, fmtp parameters).</param>
/// <param name="Description">The whole session description.</param>
/// <param name="Transport">TCP interleaved or UDP.</param>
/// <param name="SessionTimeout">The session timeout the camera announced (60 s when none).</param>
/// <param name="KeepAliveMethod">GET_PARAMETER when the camera lists it in its OPTIONS answer, otherwise OPTIONS.</param>
public sealed record RtspStreamInfo(
    VideoCodec Codec,
    RtpFormat Format,
    SessionDescription Description,
    RtspTransport Transport,
    TimeSpan SessionTimeout,
    string KeepAliveMethod);
