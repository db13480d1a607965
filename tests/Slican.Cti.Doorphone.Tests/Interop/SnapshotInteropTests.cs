using Slican.Cti.Doorphone.Media;
using Slican.Cti.Doorphone.Rtsp;
using Slican.Cti.Doorphone.Snapshots;
using Slican.Cti.Doorphone.Tests.Media;

namespace Slican.Cti.Doorphone.Tests.Interop;

/// <summary>Snapshots from the GStreamer server, proven by decoding them with GStreamer.</summary>
[Collection("GStreamer RTSP interop")]
public sealed class SnapshotInteropTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("slican-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [GStreamerFact]
    public async Task Mjpeg_snapshot_is_a_jpeg_that_jpegdec_decodes()
    {
        await using var server = await RtspServerProcess.StartAsync(RtspServerProcess.FreePort());
        var snapshot = await RtspSnapshot.TakeAsync(new RtspClientOptions { RequestTimeout = GStreamer.Slow, Uri = server.UriFor("mjpeg") }, new SnapshotOptions { Timeout = GStreamer.Slow }).WaitAsync(RtspInteropTests.Guard);
        Assert.Equal(SnapshotFormat.Jpeg, snapshot.Format);
        Assert.Equal(640, snapshot.Width);
        string file = Path.Combine(_directory, "frame" + snapshot.FileExtension);
        await snapshot.SaveAsync(file);
        AssertDecodes($"filesrc location={file} ! jpegdec ! videoconvert ! pngenc ! filesink location={file}.png", file + ".png");
    }

    [GStreamerFact]
    public async Task H264_snapshot_is_an_annex_b_key_frame_that_decodes()
    {
        await using var server = await RtspServerProcess.StartAsync(RtspServerProcess.FreePort());
        var snapshot = await RtspSnapshot.TakeAsync(new RtspClientOptions { RequestTimeout = GStreamer.Slow, Uri = server.UriFor("h264") }, new SnapshotOptions { ConvertToJpeg = false, Timeout = GStreamer.Slow }).WaitAsync(RtspInteropTests.Guard);
        Assert.Equal(SnapshotFormat.H264AnnexB, snapshot.Format);
        var nalTypes = NalTypes(snapshot.Data.Span, h265: false);
        Assert.Contains(7, nalTypes);
        Assert.Contains(8, nalTypes);
        Assert.Contains(5, nalTypes);
        string file = Path.Combine(_directory, "frame" + snapshot.FileExtension);
        await snapshot.SaveAsync(file);
        AssertDecodesOrParses(file, "h264parse", "openh264dec");
    }

    [GStreamerFact("x265enc", "rtph265pay")]
    public async Task H265_snapshot_is_an_annex_b_key_frame_that_decodes()
    {
        await using var server = await RtspServerProcess.StartAsync(RtspServerProcess.FreePort());
        Assert.Contains("/h265", server.Mounts);

        var snapshot = await RtspSnapshot.TakeAsync(new RtspClientOptions { RequestTimeout = GStreamer.Slow, Uri = server.UriFor("h265") }, new SnapshotOptions { ConvertToJpeg = false, Timeout = GStreamer.Slow }).WaitAsync(RtspInteropTests.Guard);
        Assert.Equal(SnapshotFormat.H265AnnexB, snapshot.Format);
        var nalTypes = NalTypes(snapshot.Data.Span, h265: true);
        Assert.Contains(32, nalTypes);
        Assert.Contains(33, nalTypes);
        Assert.Contains(34, nalTypes);
        Assert.Contains(nalTypes, t => t is >= 16 and <= 21);
        string file = Path.Combine(_directory, "frame" + snapshot.FileExtension);
        await snapshot.SaveAsync(file);
        AssertDecodesOrParses(file, "h265parse", "libde265dec");
    }

    [GStreamerFact]
    public async Task Snapshot_converts_to_jpeg_with_ffmpeg_only_when_it_is_installed()
    {
        await using var server = await RtspServerProcess.StartAsync(RtspServerProcess.FreePort());
        var snapshot = await RtspSnapshot.TakeAsync(new RtspClientOptions { RequestTimeout = GStreamer.Slow, Uri = server.UriFor("h264") }, new SnapshotOptions { Timeout = GStreamer.Slow }).WaitAsync(RtspInteropTests.Guard);
        if (FfmpegJpegConverter.FindOnPath() is null)
        {
            Assert.Equal(SnapshotFormat.H264AnnexB, snapshot.Format);
        }
        else
        {
            Assert.Equal(SnapshotFormat.Jpeg, snapshot.Format);
            Assert.True(snapshot.Data.Span.StartsWith(new byte[] { 0xFF, 0xD8 }));
        }
    }

    [GStreamerFact]
    public void Jpeg_rebuilt_from_q_factor_tables_decodes()
    {
        // jpegenc quality=50 uses the standard tables at 100 % and the standard Huffman tables, i.e. exactly what
        // RFC 2435 lets a sender leave out with Q=50. Strip the headers, send the scan as RTP, rebuild, decode.
        string source = Path.Combine(_directory, "source.jpg");
        Assert.Equal(0, GStreamer.Run("gst-launch-1.0", $"-q videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=320,height=240 ! jpegenc quality=50 ! filesink location={source}"));
        byte[] jpeg = File.ReadAllBytes(source);
        int sos = FindMarker(jpeg, 0xDA);
        int scanStart = sos + 2 + ((jpeg[sos + 2] << 8) | jpeg[sos + 3]);
        byte[] scan = jpeg[scanStart..^2];

        var frames = new List<VideoFrame>();
        var depacketizer = new JpegDepacketizer(frames.Add);
        ushort sequence = 1;
        for (int offset = 0; offset < scan.Length; offset += 1000)
        {
            int length = Math.Min(1000, scan.Length - offset);
            byte[] payload = Rtp.Concat(JpegDepacketizerTests.MainHeader(offset, 1, 50, 320, 240), scan.AsSpan(offset, length).ToArray());
            Rtp.Feed(depacketizer, Rtp.Packet(sequence++, 1000, offset + length == scan.Length, payload, payloadType: 26));
        }

        string rebuilt = Path.Combine(_directory, "rebuilt.jpg");
        File.WriteAllBytes(rebuilt, Assert.Single(frames).ToArray());
        AssertDecodes($"filesrc location={rebuilt} ! jpegdec ! videoconvert ! pngenc ! filesink location={rebuilt}.png", rebuilt + ".png");
    }

    private static int FindMarker(byte[] jpeg, byte marker)
    {
        for (int i = 2; i + 3 < jpeg.Length;)
        {
            Assert.Equal(0xFF, jpeg[i]);
            if (jpeg[i + 1] == marker)
            {
                return i;
            }

            i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
        }

        throw new InvalidOperationException("marker not found");
    }

    private static void AssertDecodesOrParses(string file, string parser, string decoder)
    {
        if (GStreamer.HasElement(decoder))
        {
            AssertDecodes($"filesrc location={file} ! {parser} ! {decoder} ! videoconvert ! pngenc ! filesink location={file}.png", file + ".png");
        }
        else if (GStreamer.HasElement(parser))
        {
            // No decoder installed: the parser must accept the stream and find a key frame.
            Assert.Equal(0, GStreamer.Run("gst-launch-1.0", $"-q filesrc location={file} ! {parser} ! fakesink"));
        }
    }

    private static void AssertDecodes(string pipeline, string output)
    {
        Assert.Equal(0, GStreamer.Run("gst-launch-1.0", "-q " + pipeline));
        var png = File.ReadAllBytes(output);
        Assert.True(png.Length > 100);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    private static List<int> NalTypes(ReadOnlySpan<byte> annexB, bool h265)
    {
        var types = new List<int>();
        for (int i = 0; i + 4 < annexB.Length; i++)
        {
            if (annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 0 && annexB[i + 3] == 1)
            {
                byte header = annexB[i + 4];
                types.Add(h265 ? (header >> 1) & 0x3F : header & 0x1F);
                i += 3;
            }
        }

        return types;
    }
}
