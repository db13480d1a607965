using Slican.Cti.Doorphone.Media;

namespace Slican.Cti.Doorphone.Tests.Media;

public sealed class RtpReorderBufferTests
{
    private readonly List<ushort> _released = [];

    private void Add(RtpReorderBuffer buffer, ushort sequence) =>
        buffer.Add(Rtp.Packet(sequence, 0, false, [1]), p =>
        {
            Assert.True(RtpPacket.TryParse(p, out var packet));
            _released.Add(packet.SequenceNumber);
        });

    [Fact]
    public void Restores_order_of_swapped_packets()
    {
        var buffer = new RtpReorderBuffer(8);
        foreach (ushort s in new ushort[] { 1, 3, 2, 4, 6, 5 })
        {
            Add(buffer, s);
        }

        Assert.Equal(new ushort[] { 1, 2, 3, 4, 5, 6 }, _released);
    }

    [Fact]
    public void Gives_up_on_a_lost_packet_when_the_window_fills()
    {
        var buffer = new RtpReorderBuffer(4);
        Add(buffer, 1);
        Add(buffer, 3); // 2 lost for good
        Add(buffer, 4);
        Assert.Equal(new ushort[] { 1 }, _released);
        Add(buffer, 5);
        Assert.Equal(new ushort[] { 1, 3, 4, 5 }, _released);
        Add(buffer, 2); // too late now
        Assert.Equal(1, buffer.PacketsDropped);
    }

    [Fact]
    public void Handles_sequence_wrap_around()
    {
        var buffer = new RtpReorderBuffer(8);
        foreach (ushort s in new ushort[] { 65534, 0, 65535, 1 })
        {
            Add(buffer, s);
        }

        Assert.Equal(new ushort[] { 65534, 65535, 0, 1 }, _released);
    }

    [Fact]
    public void A_jump_far_ahead_flushes_and_continues()
    {
        var buffer = new RtpReorderBuffer(4);
        Add(buffer, 10);
        Add(buffer, 12);
        Add(buffer, 500);
        Add(buffer, 501);
        Assert.Equal(new ushort[] { 10, 12, 500, 501 }, _released);
    }
}
