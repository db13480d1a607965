namespace Slican.Cti.Doorphone.Media;

/// <summary>Receives one raw packet; the span is valid only during the call.</summary>
/// <param name="packet">The packet bytes.</param>
public delegate void PacketHandler(ReadOnlySpan<byte> packet);

/// <summary>Receives one interleaved frame of an RTSP connection; the span is valid only during the call.</summary>
internal delegate void InterleavedFrameHandler(byte channel, ReadOnlySpan<byte> payload);
