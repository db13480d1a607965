using Slican.Cti.Doorphone.Media;

namespace Slican.Cti.Doorphone.Tests.Media;

/// <summary>Builds RTP packets for tests.</summary>
internal static class Rtp
{
    public static byte[] Packet(ushort sequence, uint timestamp, bool marker, ReadOnlySpan<byte> payload, byte payloadType = 96, uint ssrc = 0x11223344)
    {
        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80;
        packet[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        packet[2] = (byte)(sequence >> 8);
        packet[3] = (byte)sequence;
        packet[4] = (byte)(timestamp >> 24);
        packet[5] = (byte)(timestamp >> 16);
        packet[6] = (byte)(timestamp >> 8);
        packet[7] = (byte)timestamp;
        packet[8] = (byte)(ssrc >> 24);
        packet[9] = (byte)(ssrc >> 16);
        packet[10] = (byte)(ssrc >> 8);
        packet[11] = (byte)ssrc;
        payload.CopyTo(packet.AsSpan(12));
        return packet;
    }

    public static void Feed(RtpDepacketizer depacketizer, byte[] packet)
    {
        Assert.True(RtpPacket.TryParse(packet, out var parsed));
        depacketizer.Process(parsed);
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] AnnexB(params byte[][] nals) => nals.SelectMany(n => new byte[] { 0, 0, 0, 1 }.Concat(n)).ToArray();
}
