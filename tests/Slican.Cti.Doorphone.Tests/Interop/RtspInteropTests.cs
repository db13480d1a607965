using Slican.Cti.Doorphone.Media;
using Slican.Cti.Doorphone.Rtsp;

namespace Slican.Cti.Doorphone.Tests.Interop;

[CollectionDefinition("GStreamer RTSP interop", DisableParallelization = true)]
public sealed class GStreamerInteropGroup
{
}

[Collection("GStreamer RTSP interop")]
public sealed class RtspInteropTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [GStreamerFact]
    public async Task H264_over_tcp_delivers_key_frame_then_frames()
    {
        await using var server = await RtspServerProcess.StartAsync(RtspServerProcess.FreePort());
        await using var client = new RtspClient(new RtspClientOptions { Uri = server.UriFor("h264") });
        var info = await client.StartAsync().WaitAsync(Guard);
        Assert.Equal(VideoCodec.H264, info.Codec);
        Assert.Equal("GET_PARAMETER", info.KeepAliveMethod);

        var frames = await ReadFramesAsync(client.Frames, 10);
        Assert.True(frames[0].IsKeyFrame);
        Assert.All(frames, f => Assert.Equal(VideoCodec.H264, f.Codec));
        Assert.True(frames[0].Data.Span.StartsWith(new byte[] { 0, 0, 0, 1 }));
        foreach (var frame in frames)
        {
            frame.Dispose();
        }
    }

    [GStreamerFact]
    public async Task Mjpeg_over_tcp_delivers_jpeg_files()
    {
        await using var server = await RtspServerProcess.StartAsync(RtspServerProcess.FreePort());
        await using var client = new RtspClient(new RtspClientOptions { Uri = server.UriFor("mjpeg") });
        var info = await client.StartAsync().WaitAsync(Guard);
        Assert.Equal(VideoCodec.Jpeg, info.Codec);
        var frames = await ReadFramesAsync(client.Frames, 10);
        Assert.All(frames, f =>
        {
            Assert.Equal(640, f.Width);
            Assert.Equal(360, f.Height);
            Assert.True(f.Data.Span.StartsWith(new byte[] { 0xFF, 0xD8 }));
            Assert.True(f.Data.Span.EndsWith(new byte[] { 0xFF, 0xD9 }));
        });
        foreach (var frame in frames)
        {
            frame.Dispose();
        }
    }

    internal static async Task<List<VideoFrame>> ReadFramesAsync(System.Threading.Channels.ChannelReader<VideoFrame> reader, int count)
    {
        var frames = new List<VideoFrame>();
        using var guard = new CancellationTokenSource(Guard);
        while (frames.Count < count)
        {
            frames.Add(await reader.ReadAsync(guard.Token));
        }

        return frames;
    }
}
