using Slican.Cti.Doorphone.Media;

namespace Slican.Cti.Doorphone.Tests.Media;

public sealed class JpegDepacketizerTests
{
    private readonly List<VideoFrame> _frames = [];

    internal static byte[] MainHeader(int offset, int type, int q, int width, int height) =>
        [0, (byte)(offset >> 16), (byte)(offset >> 8), (byte)offset, (byte)type, (byte)q, (byte)(width / 8), (byte)(height / 8)];

    [Fact]
    public void Q_below_128_builds_the_standard_tables_and_a_complete_header()
    {
        var d = new JpegDepacketizer(_frames.Add);
        byte[] scan = [0x12, 0x34, 0x56];
        Rtp.Feed(d, Rtp.Packet(1, 1000, true, Rtp.Concat(MainHeader(0, 1, 50, 320, 240), scan), payloadType: 26));
        var frame = Assert.Single(_frames);
        var jpeg = frame.ToArray();
        Assert.Equal(320, frame.Width);
        Assert.Equal(240, frame.Height);
        Assert.True(frame.IsKeyFrame);

        var segments = JpegSegments.Parse(jpeg);
        Assert.Equal(new[] { 0xD8, 0xDB, 0xDB, 0xC0, 0xC4, 0xC4, 0xC4, 0xC4, 0xDA }, segments.Select(s => s.Marker).ToArray());

        // Q=50 means scale 100 %: the JPEG standard tables in zig-zag order (RFC 2435 Appendix A).
        var luma = segments[1].Body;
        Assert.Equal(0x00, luma[0]);
        Assert.Equal(new byte[] { 16, 11, 12, 14, 12, 10, 16, 14 }, luma[1..9]);
        var chroma = segments[2].Body;
        Assert.Equal(0x01, chroma[0]);
        Assert.Equal(new byte[] { 17, 18, 18, 24, 21, 24, 47, 26 }, chroma[1..9]);

        var sof = segments[3].Body;
        Assert.Equal(240, (sof[1] << 8) | sof[2]);
        Assert.Equal(320, (sof[3] << 8) | sof[4]);
        Assert.Equal(0x22, sof[7]); // type 1 = 4:2:0

        Assert.Equal(Rtp.Concat(scan, [0xFF, 0xD9]), jpeg[^5..]);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(90)]
    public void Q_scaling_follows_rfc_2435(int q)
    {
        byte[] tables = JpegHeaderAccess.MakeTables(q);
        int scale = q < 50 ? 5000 / q : 200 - (q * 2);
        Assert.Equal((byte)Math.Clamp(((16 * scale) + 50) / 100, 1, 255), tables[0]);
        Assert.Equal((byte)Math.Clamp(((99 * scale) + 50) / 100, 1, 255), tables[127]);
        Assert.All(tables, t => Assert.InRange(t, 1, 255));
    }

    [Fact]
    public void Huffman_tables_have_as_many_values_as_their_code_counts()
    {
        foreach (var (bits, values) in JpegHeaderAccess.HuffmanTables())
        {
            Assert.Equal(bits.Sum(b => b), values.Length);
        }
    }

    [Fact]
    public void In_band_tables_fragments_and_restart_markers()
    {
        var d = new JpegDepacketizer(_frames.Add);
        byte[] tables = Enumerable.Range(1, 128).Select(i => (byte)i).ToArray();
        byte[] restart = [0, 4, 0xFF, 0xFF];
        byte[] quantHeader = [0, 0, 0, 128];
        Rtp.Feed(d, Rtp.Packet(1, 1000, false, Rtp.Concat(MainHeader(0, 65, 255, 64, 48), restart, quantHeader, tables, [1, 2, 3]), payloadType: 26));
        Rtp.Feed(d, Rtp.Packet(2, 1000, true, Rtp.Concat(MainHeader(3, 65, 255, 64, 48), restart, [4, 5, 0xFF, 0xD9]), payloadType: 26));
        var segments = JpegSegments.Parse(Assert.Single(_frames).ToArray());
        Assert.Equal(tables[..64], segments[1].Body[1..]);
        Assert.Equal(tables[64..], segments[2].Body[1..]);
        var dri = Assert.Single(segments, s => s.Marker == 0xDD);
        Assert.Equal(new byte[] { 0, 4 }, dri.Body);
        var data = _frames[0].ToArray();
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 0xFF, 0xD9 }, data[^7..]); // EOI not doubled
    }

    [Fact]
    public void A_missing_fragment_discards_the_frame_and_the_next_frame_survives()
    {
        var d = new JpegDepacketizer(_frames.Add);
        Rtp.Feed(d, Rtp.Packet(1, 1000, false, Rtp.Concat(MainHeader(0, 0, 60, 64, 48), new byte[100]), payloadType: 26));
        // seq 2 (offset 100) lost
        Rtp.Feed(d, Rtp.Packet(3, 1000, true, Rtp.Concat(MainHeader(200, 0, 60, 64, 48), new byte[100]), payloadType: 26));
        Rtp.Feed(d, Rtp.Packet(4, 2000, true, Rtp.Concat(MainHeader(0, 0, 60, 64, 48), new byte[10]), payloadType: 26));
        var frame = Assert.Single(_frames);
        Assert.Equal(2000u, frame.RtpTimestamp);
        Assert.Equal(1, d.Statistics.FramesDiscarded);
        Assert.Equal(1, d.Statistics.PacketsLost);
    }

    [Fact]
    public void A_lost_last_packet_discards_the_frame_even_though_offsets_match()
    {
        var d = new JpegDepacketizer(_frames.Add);
        Rtp.Feed(d, Rtp.Packet(1, 1000, false, Rtp.Concat(MainHeader(0, 0, 60, 64, 48), new byte[100]), payloadType: 26));
        // seq 2 (the marker packet) lost
        Rtp.Feed(d, Rtp.Packet(3, 2000, true, Rtp.Concat(MainHeader(0, 0, 60, 64, 48), new byte[10]), payloadType: 26));
        Assert.Equal(2000u, Assert.Single(_frames).RtpTimestamp);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 1, 50 })] // shorter than the main header
    [InlineData(new byte[] { 0, 0, 0, 0, 7, 50, 8, 6, 1 })] // unsupported type
    [InlineData(new byte[] { 0, 0, 0, 0, 1, 50, 0, 6, 1 })] // zero width
    [InlineData(new byte[] { 0, 0, 0, 0, 1, 255, 8, 6, 0, 0, 0, 128, 1 })] // table length beyond the packet
    [InlineData(new byte[] { 0, 0, 0, 0, 1, 200, 8, 6, 0, 0, 0, 0, 1 })] // zero-length tables never sent before
    [InlineData(new byte[] { 0, 0, 0, 0, 1, 255, 8, 6, 0, 0, 0, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })] // table length not a multiple of 64
    [InlineData(new byte[] { 0, 0, 0, 0, 65, 50, 8, 6, 0 })] // restart header truncated
    public void Malformed_payloads_are_counted(byte[] payload)
    {
        var d = new JpegDepacketizer(_frames.Add);
        Rtp.Feed(d, Rtp.Packet(1, 1000, true, payload, payloadType: 26));
        Assert.Empty(_frames);
        Assert.Equal(1, d.Statistics.PayloadsMalformed);
    }
}

/// <summary>Splits a JPEG into marker segments up to SOS.</summary>
internal static class JpegSegments
{
    public static List<(int Marker, byte[] Body)> Parse(byte[] jpeg)
    {
        var result = new List<(int, byte[])>();
        Assert.Equal(0xFF, jpeg[0]);
        Assert.Equal(0xD8, jpeg[1]);
        result.Add((0xD8, []));
        int i = 2;
        while (i < jpeg.Length)
        {
            Assert.Equal(0xFF, jpeg[i]);
            int marker = jpeg[i + 1];
            int length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            result.Add((marker, jpeg[(i + 4)..(i + 2 + length)]));
            i += 2 + length;
            if (marker == 0xDA)
            {
                break;
            }
        }

        return result;
    }
}
