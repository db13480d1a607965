using Slican.Cti.Doorphone.Media;

namespace Slican.Cti.Doorphone.Tests.Media;

public sealed class H264DepacketizerTests
{
    private static readonly byte[] Sps = [0x67, 0x42, 0xC0, 0x1E, 0xDA];
    private static readonly byte[] Pps = [0x68, 0xCE, 0x3C, 0x80];
    private static readonly byte[] Idr = [0x65, 0x88, 0x84, 0x00, 0x33, 0x44];
    private static readonly byte[] Slice = [0x41, 0x9A, 0x02, 0x03];

    private readonly List<VideoFrame> _frames = [];

    [Fact]
    public void Single_nal_packets_make_an_annex_b_access_unit()
    {
        var d = new H264Depacketizer(_frames.Add);
        Rtp.Feed(d, Rtp.Packet(1, 1000, false, Sps));
        Rtp.Feed(d, Rtp.Packet(2, 1000, false, Pps));
        Rtp.Feed(d, Rtp.Packet(3, 1000, true, Idr));
        var frame = Assert.Single(_frames);
        Assert.True(frame.IsKeyFrame);
        Assert.Equal(1000u, frame.RtpTimestamp);
        Assert.Equal(Rtp.AnnexB(Sps, Pps, Idr), frame.ToArray());
    }

    [Fact]
    public void Stap_a_is_split_into_nal_units()
    {
        var d = new H264Depacketizer(_frames.Add);
        byte[] stap = Rtp.Concat([24], [0, (byte)Sps.Length], Sps, [0, (byte)Pps.Length], Pps);
        Rtp.Feed(d, Rtp.Packet(1, 1000, false, stap));
        Rtp.Feed(d, Rtp.Packet(2, 1000, true, Idr));
        Assert.Equal(Rtp.AnnexB(Sps, Pps, Idr), Assert.Single(_frames).ToArray());
    }

    [Fact]
    public void Fu_a_fragments_are_reassembled_with_the_original_nal_header()
    {
        var d = new H264Depacketizer(_frames.Add);
        byte[] body = Enumerable.Range(0, 3000).Select(i => (byte)(i % 251)).ToArray();
        byte nalHeader = 0x65; // nal_ref_idc 3, IDR
        byte indicator = (byte)((nalHeader & 0xE0) | 28);
        Rtp.Feed(d, Rtp.Packet(1, 1000, false, Rtp.Concat([24, 0, (byte)Sps.Length], Sps, [0, (byte)Pps.Length], Pps)));
        Rtp.Feed(d, Rtp.Packet(2, 1000, false, Rtp.Concat([indicator, 0x80 | 5], body[..1000])));
        Rtp.Feed(d, Rtp.Packet(3, 1000, false, Rtp.Concat([indicator, 5], body[1000..2000])));
        Rtp.Feed(d, Rtp.Packet(4, 1000, true, Rtp.Concat([indicator, 0x40 | 5], body[2000..])));
        Assert.Equal(Rtp.AnnexB(Sps, Pps, Rtp.Concat([nalHeader], body)), Assert.Single(_frames).ToArray());
    }

    [Fact]
    public void Waits_for_the_first_idr_and_prepends_parameter_sets_from_the_sdp()
    {
        var parameters = new Dictionary<string, string> { ["sprop-parameter-sets"] = Convert.ToBase64String(Sps) + "," + Convert.ToBase64String(Pps) };
        var d = new H264Depacketizer(_frames.Add, parameters);
        Rtp.Feed(d, Rtp.Packet(1, 1000, true, Slice)); // a P slice before any IDR: useless to a decoder
        Rtp.Feed(d, Rtp.Packet(2, 2000, true, Idr));
        Rtp.Feed(d, Rtp.Packet(3, 3000, true, Slice));
        Assert.Equal(2, _frames.Count);
        Assert.Equal(Rtp.AnnexB(Sps, Pps, Idr), _frames[0].ToArray());
        Assert.True(_frames[0].IsKeyFrame);
        Assert.Equal(Rtp.AnnexB(Slice), _frames[1].ToArray());
        Assert.False(_frames[1].IsKeyFrame);
        Assert.Equal(1, d.Statistics.FramesDiscarded);
    }

    [Fact]
    public void Loss_discards_the_frame_and_everything_until_the_next_idr()
    {
        var d = new H264Depacketizer(_frames.Add);
        Rtp.Feed(d, Rtp.Packet(1, 1000, false, Rtp.Concat([24, 0, (byte)Sps.Length], Sps, [0, (byte)Pps.Length], Pps)));
        Rtp.Feed(d, Rtp.Packet(2, 1000, true, Idr));
        Rtp.Feed(d, Rtp.Packet(3, 2000, false, Rtp.Concat([0x7C, 0x81], [1, 2, 3]))); // FU-A start of a P slice
        // packet 4 lost
        Rtp.Feed(d, Rtp.Packet(5, 2000, true, Rtp.Concat([0x7C, 0x41], [7, 8, 9])));
        Rtp.Feed(d, Rtp.Packet(6, 3000, true, Slice)); // still no IDR: not decodable
        Rtp.Feed(d, Rtp.Packet(7, 4000, true, Idr));
        Assert.Equal(2, _frames.Count);
        Assert.True(_frames[1].IsKeyFrame);
        Assert.Equal(Rtp.AnnexB(Sps, Pps, Idr), _frames[1].ToArray());
        Assert.Equal(1, d.Statistics.PacketsLost);
        Assert.Equal(2, d.Statistics.FramesDiscarded);
    }

    [Fact]
    public void Reordered_packets_are_counted_late_and_ignored()
    {
        var d = new H264Depacketizer(_frames.Add);
        Rtp.Feed(d, Rtp.Packet(10, 1000, false, Sps));
        Rtp.Feed(d, Rtp.Packet(12, 1000, true, Idr)); // 11 missing -> frame broken
        Rtp.Feed(d, Rtp.Packet(11, 1000, false, Pps)); // arrives late
        Assert.Empty(_frames);
        Assert.Equal(1, d.Statistics.PacketsLate);
    }

    [Fact]
    public void Parameter_sets_repeated_between_slices_of_one_picture_are_dropped()
    {
        var d = new H264Depacketizer(_frames.Add);
        byte[] secondSlice = [0x65, 0x00, 0xF0, 0x11];
        Rtp.Feed(d, Rtp.Packet(1, 1000, false, Rtp.Concat([24, 0, (byte)Sps.Length], Sps, [0, (byte)Pps.Length], Pps)));
        Rtp.Feed(d, Rtp.Packet(2, 1000, false, Idr));
        Rtp.Feed(d, Rtp.Packet(3, 1000, false, Rtp.Concat([24, 0, (byte)Sps.Length], Sps, [0, (byte)Pps.Length], Pps)));
        Rtp.Feed(d, Rtp.Packet(4, 1000, true, secondSlice));
        Assert.Equal(Rtp.AnnexB(Sps, Pps, Idr, secondSlice), Assert.Single(_frames).ToArray());
    }

    [Fact]
    public void Frame_ends_on_timestamp_change_without_marker()
    {
        var d = new H264Depacketizer(_frames.Add);
        Rtp.Feed(d, Rtp.Packet(1, 1000, false, Sps));
        Rtp.Feed(d, Rtp.Packet(2, 1000, false, Pps));
        Rtp.Feed(d, Rtp.Packet(3, 1000, false, Idr));
        Rtp.Feed(d, Rtp.Packet(4, 2000, true, Slice));
        Assert.Equal(2, _frames.Count);
        Assert.Equal(1000u, _frames[0].RtpTimestamp);
        Assert.Equal(2000u, _frames[1].RtpTimestamp);
    }

    [Theory]
    [InlineData(new byte[] { 24, 0, 50, 0x67 })] // STAP-A unit longer than the packet
    [InlineData(new byte[] { 24, 0 })] // STAP-A truncated size
    [InlineData(new byte[] { 28, 0x05 })] // FU-A too short
    [InlineData(new byte[] { 28, 0xC5, 1 })] // FU-A with start and end
    [InlineData(new byte[] { 28, 0x45, 1 })] // FU-A end without start
    [InlineData(new byte[] { 0x80 })] // forbidden bit
    [InlineData(new byte[] { 26, 1, 2, 3 })] // MTAP16: interleaved mode not negotiated
    [InlineData(new byte[] { })] // empty
    public void Malformed_payloads_are_counted_and_never_throw(byte[] payload)
    {
        var d = new H264Depacketizer(_frames.Add);
        Rtp.Feed(d, Rtp.Packet(1, 1000, true, payload));
        Assert.Empty(_frames);
        Assert.Equal(1, d.Statistics.PayloadsMalformed);
    }

    [Fact]
    public void Frames_over_the_size_limit_are_discarded()
    {
        var d = new H264Depacketizer(_frames.Add, maxFrameBytes: 100);
        Rtp.Feed(d, Rtp.Packet(1, 1000, false, Sps));
        Rtp.Feed(d, Rtp.Packet(2, 1000, false, Pps));
        Rtp.Feed(d, Rtp.Packet(3, 1000, true, Rtp.Concat(Idr, new byte[200])));
        Assert.Empty(_frames);
        Assert.Equal(1, d.Statistics.FramesDiscarded);
    }

    [Fact]
    public void A_disposed_frame_refuses_access_to_its_buffer()
    {
        var d = new H264Depacketizer(_frames.Add);
        Rtp.Feed(d, Rtp.Packet(1, 1000, false, Sps));
        Rtp.Feed(d, Rtp.Packet(2, 1000, false, Pps));
        Rtp.Feed(d, Rtp.Packet(3, 1000, true, Idr));
        var frame = Assert.Single(_frames);
        var copy = frame.ToArray();
        frame.Dispose();
        frame.Dispose();
        Assert.Throws<ObjectDisposedException>(() => frame.Data);
        Assert.Equal(Rtp.AnnexB(Sps, Pps, Idr), copy);
    }
}
