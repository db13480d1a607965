using Slican.Cti.Doorphone.Media;

namespace Slican.Cti.Doorphone.Tests.Media;

public sealed class RtpPacketTests
{
    [Fact]
    public void Parses_header_fields_and_payload()
    {
        var bytes = Rtp.Packet(0xBEEF, 0xDEADBEEF, marker: true, [1, 2, 3], payloadType: 97, ssrc: 0xCAFEBABE);
        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        Assert.True(packet.Marker);
        Assert.Equal(97, packet.PayloadType);
        Assert.Equal(0xBEEF, packet.SequenceNumber);
        Assert.Equal(0xDEADBEEFu, packet.Timestamp);
        Assert.Equal(0xCAFEBABEu, packet.Ssrc);
        Assert.Equal(new byte[] { 1, 2, 3 }, packet.Payload.ToArray());
    }

    [Fact]
    public void Skips_csrcs_extension_and_padding()
    {
        var bytes = new List<byte> { 0xB1, 96, 0, 1, 0, 0, 0, 9, 0, 0, 0, 7 }; // V=2, P=1, X=1, CC=1
        bytes.AddRange([0, 0, 0, 5]); // CSRC
        bytes.AddRange([0xBE, 0xDE, 0, 1, 9, 9, 9, 9]); // extension, one word
        bytes.AddRange([42, 43]);
        bytes.AddRange([0, 0, 3]); // 3 bytes padding
        Assert.True(RtpPacket.TryParse(bytes.ToArray(), out var packet));
        Assert.Equal(new byte[] { 42, 43 }, packet.Payload.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 96, 0, 1 })] // too short
    [InlineData(new byte[] { 0x40, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 })] // version 1
    [InlineData(new byte[] { 0x8F, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 })] // 15 CSRCs missing
    [InlineData(new byte[] { 0x90, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF })] // extension longer than packet
    [InlineData(new byte[] { 0xA0, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 200 })] // padding longer than payload
    [InlineData(new byte[] { 0xA0, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 })] // padding count 0
    public void Rejects_malformed_packets(byte[] bytes)
    {
        Assert.False(RtpPacket.TryParse(bytes, out _));
    }
}
