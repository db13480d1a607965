using System.Threading.Channels;
using Slican.Cti.Doorphone.Media;
using Slican.Cti.Doorphone.Rtsp;

namespace Slican.Cti.Doorphone.Tests.Interop;

[CollectionDefinition("GStreamer RTSP interop", DisableParallelization = true)]
public sealed class GStreamerInteropGroup
{
}

/// <summary>The client against gst-rtsp-server 1.22 (rtsp_server.py), on loopback.</summary>
[Collection("GStreamer RTSP interop")]
public sealed class RtspInteropTests
{
    internal static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [GStreamerFact]
    public async Task H264_over_tcp_delivers_key_frame_then_frames()
    {
        await using var server = await RtspServerProcess.StartAsync(RtspServerProcess.FreePort());
        await using var client = new RtspClient(new RtspClientOptions { RequestTimeout = GStreamer.Slow, Uri = server.UriFor("h264") });
        var info = await client.StartAsync().WaitAsync(Guard);
        Assert.Equal(VideoCodec.H264, info.Codec);
        Assert.Equal("GET_PARAMETER", info.KeepAliveMethod);

        var frames = await ReadFramesAsync(client.Frames, 10);
        Assert.True(frames[0].IsKeyFrame);
        Assert.All(frames, f => Assert.True(f.Data.Span.StartsWith(new byte[] { 0, 0, 0, 1 })));
        Dispose(frames);
        Assert.Equal(0, client.Statistics!.PayloadsMalformed);
    }

    [GStreamerFact]
    public async Task Mjpeg_over_tcp_delivers_jpeg_files()
    {
        await using var server = await RtspServerProcess.StartAsync(RtspServerProcess.FreePort());
        await using var client = new RtspClient(new RtspClientOptions { RequestTimeout = GStreamer.Slow, Uri = server.UriFor("mjpeg") });
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
        Dispose(frames);
    }

    [GStreamerFact]
    public async Task Both_mounts_work_with_digest_authentication_and_a_wrong_password_is_reported()
    {
        await using var server = await RtspServerProcess.StartAsync(RtspServerProcess.FreePort(), digest: "viewer:s3cr3t");
        foreach (string mount in new[] { "h264", "mjpeg" })
        {
            await using var client = new RtspClient(new RtspClientOptions { RequestTimeout = GStreamer.Slow, Uri = server.UriFor(mount), Credentials = new RtspCredentials("viewer", "s3cr3t") });
            await client.StartAsync().WaitAsync(Guard);
            Dispose(await ReadFramesAsync(client.Frames, 3));
        }

        await using var wrong = new RtspClient(new RtspClientOptions { RequestTimeout = GStreamer.Slow, Uri = server.UriFor("h264"), Credentials = new RtspCredentials("viewer", "nope") });
        var ex = await Assert.ThrowsAsync<RtspAuthenticationException>(() => wrong.StartAsync().WaitAsync(Guard));
        Assert.DoesNotContain("nope", ex.ToString(), StringComparison.Ordinal);

        await using var none = new RtspClient(new RtspClientOptions { RequestTimeout = GStreamer.Slow, Uri = server.UriFor("h264") });
        var missing = await Assert.ThrowsAsync<RtspAuthenticationException>(() => none.StartAsync().WaitAsync(Guard));
        Assert.Contains("Digest", missing.Message, StringComparison.Ordinal);
    }

    [GStreamerFact]
    public async Task Basic_authentication_with_credentials_in_the_url()
    {
        await using var server = await RtspServerProcess.StartAsync(RtspServerProcess.FreePort(), basic: "viewer:s3cr3t");
        await using var client = new RtspClient(new RtspClientOptions { RequestTimeout = GStreamer.Slow, Uri = new Uri($"rtsp://viewer:s3cr3t@127.0.0.1:{server.Port}/mjpeg") });
        await client.StartAsync().WaitAsync(Guard);
        Dispose(await ReadFramesAsync(client.Frames, 3));
    }

    [GStreamerFact]
    public async Task H264_over_udp_with_receiver_reports()
    {
        await using var server = await RtspServerProcess.StartAsync(RtspServerProcess.FreePort());
        await using var client = new RtspClient(new RtspClientOptions
        {
            RequestTimeout = GStreamer.Slow,
            Uri = server.UriFor("h264"),
            Transport = RtspTransport.Udp,
            ReceiverReportInterval = TimeSpan.FromMilliseconds(200),
        });
        var info = await client.StartAsync().WaitAsync(Guard);
        Assert.Equal(RtspTransport.Udp, info.Transport);
        var frames = await ReadFramesAsync(client.Frames, 25);
        Assert.True(frames[0].IsKeyFrame);
        Dispose(frames);
        Assert.False(client.Completion.IsCompleted);
    }

    [GStreamerFact("x265enc", "rtph265pay")]
    public async Task H265_mount_delivers_key_frames()
    {
        await using var server = await RtspServerProcess.StartAsync(RtspServerProcess.FreePort());
        Assert.Contains("/h265", server.Mounts);

        await using var client = new RtspClient(new RtspClientOptions { RequestTimeout = GStreamer.Slow, Uri = server.UriFor("h265") });
        var info = await client.StartAsync().WaitAsync(Guard);
        Assert.Equal(VideoCodec.H265, info.Codec);
        var frames = await ReadFramesAsync(client.Frames, 5);
        Assert.True(frames[0].IsKeyFrame);
        Dispose(frames);
        Assert.Equal(0, client.Statistics!.PayloadsMalformed);
    }

    [GStreamerFact]
    public async Task Camera_survives_a_server_restart_on_the_same_port()
    {
        int port = RtspServerProcess.FreePort();
        var server = await RtspServerProcess.StartAsync(port);
        var states = Channel.CreateUnbounded<RtspCameraState>();
        await using var camera = new RtspCamera(
            new RtspClientOptions { RequestTimeout = GStreamer.Slow, Uri = server.UriFor("h264"), ReceiveTimeout = TimeSpan.FromSeconds(5) },
            new RtspReconnectOptions { InitialDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1), Jitter = 0 });
        camera.StateChanged += (_, e) => states.Writer.TryWrite(e.Current);
        try
        {
            camera.Start();
            Dispose(await ReadFramesAsync(camera.Frames, 5));

            await server.DisposeAsync(); // killed, like a crash
            await WaitForStateAsync(states.Reader, RtspCameraState.Reconnecting);
            while (camera.Frames.TryRead(out var stale))
            {
                stale.Dispose();
            }

            server = await RtspServerProcess.StartAsync(port);
            await WaitForStateAsync(states.Reader, RtspCameraState.Playing);
            var resumed = await ReadFramesAsync(camera.Frames, 5);
            Assert.True(resumed[0].IsKeyFrame);
            Dispose(resumed);
            Assert.True(camera.Sessions >= 2);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    internal static async Task WaitForStateAsync(ChannelReader<RtspCameraState> states, RtspCameraState wanted)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (await states.ReadAsync(guard.Token) != wanted)
        {
        }
    }

    internal static async Task<List<VideoFrame>> ReadFramesAsync(ChannelReader<VideoFrame> reader, int count)
    {
        var frames = new List<VideoFrame>();
        using var guard = new CancellationTokenSource(Guard);
        while (frames.Count < count)
        {
            frames.Add(await reader.ReadAsync(guard.Token));
        }

        return frames;
    }

    internal static void Dispose(List<VideoFrame> frames)
    {
        foreach (var frame in frames)
        {
            frame.Dispose();
        }
    }
}
