using System.Buffers.Binary;
using Slican.Cti.Doorphone.Media;

namespace Slican.Cti.Doorphone.Tests.Media;

public sealed class RtcpTests
{
    [Fact]
    public void Receiver_report_carries_loss_highest_sequence_and_sdes_cname()
    {
        var stats = new RtpReceiverStatistics(0x01020304, "me@host");
        foreach (ushort s in new ushort[] { 100, 101, 103, 104 })
        {
            stats.OnPacket(0xAABBCCDD, s, s * 3000u, s * 3000L);
        }

        Assert.Equal(1, stats.CumulativeLost);
        var buffer = new byte[256];
        int length = stats.WriteReceiverReport(buffer, 0, 1);
        var report = buffer.AsSpan(0, length);
        Assert.Equal(0, length % 4);
        Assert.Equal(0x81, report[0]); // V=2, RC=1
        Assert.Equal(201, report[1]);
        Assert.Equal(7, BinaryPrimitives.ReadUInt16BigEndian(report[2..])); // 32 bytes
        Assert.Equal(0x01020304u, BinaryPrimitives.ReadUInt32BigEndian(report[4..]));
        Assert.Equal(0xAABBCCDDu, BinaryPrimitives.ReadUInt32BigEndian(report[8..]));
        Assert.Equal(256 / 5, report[12]); // fraction lost: 1 of 5 expected, in 1/256
        Assert.Equal(1, (report[13] << 16) | (report[14] << 8) | report[15]);
        Assert.Equal(104u, BinaryPrimitives.ReadUInt32BigEndian(report[16..]));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32BigEndian(report[20..])); // jitter 0: packets arrived on their timestamps
        var sdes = report[32..];
        Assert.Equal(0x81, sdes[0]);
        Assert.Equal(202, sdes[1]);
        Assert.Equal(1, sdes[8]);
        Assert.Equal("me@host", System.Text.Encoding.UTF8.GetString(sdes.Slice(10, sdes[9])));

        // The next interval has no loss.
        stats.OnPacket(0xAABBCCDD, 105, 105 * 3000u, 105 * 3000L);
        stats.WriteReceiverReport(buffer, 0, 1);
        Assert.Equal(0, buffer[12]);
    }

    [Fact]
    public void Sequence_wrap_counts_a_cycle_and_jitter_follows_rfc_3550()
    {
        var stats = new RtpReceiverStatistics(1, "x");
        stats.OnPacket(7, 65535, 0, 0);
        stats.OnPacket(7, 0, 3000, 3000 + 160); // 160 ticks late
        var buffer = new byte[128];
        stats.WriteReceiverReport(buffer, 0, 1);
        Assert.Equal(65536u, BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(16)));
        Assert.Equal(10u, BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(20))); // 160 / 16
    }

    [Fact]
    public void Last_sender_report_and_delay_since_it_are_reported()
    {
        var stats = new RtpReceiverStatistics(1, "x");
        stats.OnPacket(7, 1, 0, 0);
        var sr = new byte[28];
        sr[0] = 0x80;
        sr[1] = 200;
        BinaryPrimitives.WriteUInt16BigEndian(sr.AsSpan(2), 6);
        BinaryPrimitives.WriteUInt32BigEndian(sr.AsSpan(4), 7);
        BinaryPrimitives.WriteUInt64BigEndian(sr.AsSpan(8), 0x0000_1234_5678_0000UL);
        stats.ProcessRtcp(sr, arrivalTimestamp: 1000);
        var buffer = new byte[128];
        stats.WriteReceiverReport(buffer, nowTimestamp: 1500, timestampFrequency: 1000); // 0.5 s later
        Assert.Equal(0x12345678u, BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(24)));
        Assert.Equal(32768u, BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(28)));
    }

    [Fact]
    public void Malformed_rtcp_is_ignored()
    {
        var stats = new RtpReceiverStatistics(1, "x");
        stats.ProcessRtcp([0x80, 200, 0xFF, 0xFF, 1, 2], 0);
        stats.ProcessRtcp([0x00, 200, 0, 0], 0);
        stats.ProcessRtcp([], 0);
        Assert.Equal(0, stats.PacketsReceived);
    }
}
