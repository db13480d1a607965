using Slican.Cti.Doorphone.Media;

namespace Slican.Cti.Doorphone.Tests.Media;

public sealed class H265DepacketizerTests
{
    // NAL header: F(1) Type(6) LayerId(6) TID(3); types 32 VPS, 33 SPS, 34 PPS, 19 IDR_W_RADL, 1 TRAIL_R.
    private static readonly byte[] Vps = [32 << 1, 1, 0x0C, 0x01];
    private static readonly byte[] Sps = [33 << 1, 1, 0x01, 0x60];
    private static readonly byte[] Pps = [34 << 1, 1, 0xC1, 0x72];
    private static readonly byte[] Idr = [19 << 1, 1, 0xAF, 0x11, 0x22];
    private static readonly byte[] Trail = [1 << 1, 1, 0xD0, 0x33];

    private readonly List<VideoFrame> _frames = [];

    [Fact]
    public void Aggregation_packet_and_single_nal_make_a_key_frame()
    {
        var d = new H265Depacketizer(_frames.Add);
        byte[] ap = Rtp.Concat([48 << 1, 1], [0, (byte)Vps.Length], Vps, [0, (byte)Sps.Length], Sps, [0, (byte)Pps.Length], Pps);
        Rtp.Feed(d, Rtp.Packet(1, 9000, false, ap));
        Rtp.Feed(d, Rtp.Packet(2, 9000, true, Idr));
        var frame = Assert.Single(_frames);
        Assert.True(frame.IsKeyFrame);
        Assert.Equal(VideoCodec.H265, frame.Codec);
        Assert.Equal(Rtp.AnnexB(Vps, Sps, Pps, Idr), frame.ToArray());
    }

    [Fact]
    public void Fragmentation_units_rebuild_the_nal_header()
    {
        var parameters = new Dictionary<string, string>
        {
            ["sprop-vps"] = Convert.ToBase64String(Vps),
            ["sprop-sps"] = Convert.ToBase64String(Sps),
            ["sprop-pps"] = Convert.ToBase64String(Pps),
        };
        var d = new H265Depacketizer(_frames.Add, parameters);
        byte[] body = Enumerable.Range(0, 2500).Select(i => (byte)(i * 7)).ToArray();
        byte[] payloadHeader = [49 << 1, 1];
        Rtp.Feed(d, Rtp.Packet(1, 9000, false, Rtp.Concat(payloadHeader, [0x80 | 19], body[..1000])));
        Rtp.Feed(d, Rtp.Packet(2, 9000, false, Rtp.Concat(payloadHeader, [19], body[1000..2000])));
        Rtp.Feed(d, Rtp.Packet(3, 9000, true, Rtp.Concat(payloadHeader, [0x40 | 19], body[2000..])));
        var frame = Assert.Single(_frames);
        Assert.Equal(Rtp.AnnexB(Vps, Sps, Pps, Rtp.Concat([19 << 1, 1], body)), frame.ToArray());
    }

    [Fact]
    public void Don_fields_are_skipped_when_sprop_max_don_diff_is_set()
    {
        var parameters = new Dictionary<string, string> { ["sprop-max-don-diff"] = "2" };
        var d = new H265Depacketizer(_frames.Add, parameters);
        // AP: DONL(2) size VPS, DOND(1) size SPS, DOND(1) size PPS
        byte[] ap = Rtp.Concat([48 << 1, 1], [0, 5], [0, (byte)Vps.Length], Vps, [1], [0, (byte)Sps.Length], Sps, [1], [0, (byte)Pps.Length], Pps);
        Rtp.Feed(d, Rtp.Packet(1, 9000, false, ap));
        // FU with DONL in the first fragment only.
        Rtp.Feed(d, Rtp.Packet(2, 9000, false, Rtp.Concat([49 << 1, 1], [0x80 | 19], [0, 8], [0xAF, 0x11])));
        Rtp.Feed(d, Rtp.Packet(3, 9000, true, Rtp.Concat([49 << 1, 1], [0x40 | 19], [0x22])));
        Assert.Equal(Rtp.AnnexB(Vps, Sps, Pps, Idr), Assert.Single(_frames).ToArray());
    }

    [Fact]
    public void Non_irap_pictures_before_the_first_key_frame_and_after_loss_are_dropped()
    {
        var d = new H265Depacketizer(_frames.Add);
        Rtp.Feed(d, Rtp.Packet(1, 1000, true, Trail));
        byte[] ap = Rtp.Concat([48 << 1, 1], [0, (byte)Vps.Length], Vps, [0, (byte)Sps.Length], Sps, [0, (byte)Pps.Length], Pps);
        Rtp.Feed(d, Rtp.Packet(2, 2000, false, ap));
        Rtp.Feed(d, Rtp.Packet(3, 2000, true, Idr));
        Rtp.Feed(d, Rtp.Packet(4, 3000, true, Trail));
        Rtp.Feed(d, Rtp.Packet(6, 4000, true, Trail)); // 5 lost
        Assert.Equal(2, _frames.Count);
        Assert.True(_frames[0].IsKeyFrame);
        Assert.False(_frames[1].IsKeyFrame);
    }

    [Theory]
    [InlineData(new byte[] { 48 << 1, 1, 0, 4, 64, 1, 2, 3 })] // AP with a single unit
    [InlineData(new byte[] { 48 << 1, 1, 0, 40, 64, 1 })] // AP unit longer than the packet
    [InlineData(new byte[] { 49 << 1, 1, 0x40 | 19, 9 })] // FU end without start
    [InlineData(new byte[] { 49 << 1, 1, 0xC0 | 19, 9 })] // FU start and end
    [InlineData(new byte[] { 50 << 1, 1, 0, 0 })] // PACI
    [InlineData(new byte[] { 0x80 | (19 << 1), 1, 0 })] // forbidden bit
    [InlineData(new byte[] { 19 << 1 })] // truncated header
    public void Malformed_payloads_are_counted(byte[] payload)
    {
        var d = new H265Depacketizer(_frames.Add);
        Rtp.Feed(d, Rtp.Packet(1, 1000, true, payload));
        Assert.Empty(_frames);
        Assert.Equal(1, d.Statistics.PayloadsMalformed);
    }
}
