using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Doorphone.Rtsp;
using Slican.Cti.Doorphone.Tests.Media;

namespace Slican.Cti.Doorphone.Tests.Rtsp;

public sealed class RtspCameraTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly Channel<RtspCameraStateChangedEventArgs> _states = Channel.CreateUnbounded<RtspCameraStateChangedEventArgs>();

    private RtspCamera Camera(Uri uri, RtspReconnectOptions? reconnect = null)
    {
        var camera = new RtspCamera(
            new RtspClientOptions { Uri = uri, TimeProvider = _time, ReceiveTimeout = TimeSpan.FromHours(1), ReceiverReportInterval = TimeSpan.FromHours(1) },
            reconnect ?? new RtspReconnectOptions { Jitter = 0 });
        camera.StateChanged += (_, e) => _states.Writer.TryWrite(e);
        return camera;
    }

    private async Task<RtspCameraStateChangedEventArgs> NextStateAsync() => await _states.Reader.ReadAsync().AsTask().WaitAsync(Guard);

    [Fact]
    public async Task Reconnects_after_the_camera_drops_with_backoff_and_one_event_per_transition()
    {
        await using var server = new FakeRtspServer(r => FakeRtspServer.Default(r));
        await using var camera = Camera(server.Uri);
        camera.Start();
        Assert.Equal(RtspCameraState.Connecting, (await NextStateAsync()).Current);
        Assert.Equal(RtspCameraState.Playing, (await NextStateAsync()).Current);

        await server.SendInterleavedAsync(0, Rtp.Packet(1, 3000, true, [0x65, 0x88, 1]));
        using (var first = await camera.Frames.ReadAsync().AsTask().WaitAsync(Guard))
        {
            Assert.True(first.IsKeyFrame);
        }

        // The camera reboots: refuses nothing, but drops the connection.
        server.DropConnections();
        var reconnecting = await NextStateAsync();
        Assert.Equal(RtspCameraState.Reconnecting, reconnecting.Current);
        Assert.Equal(1, reconnecting.Attempt);
        Assert.Equal(TimeSpan.FromSeconds(1), reconnecting.RetryDelay);
        Assert.IsAssignableFrom<RtspException>(reconnecting.Error);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(RtspCameraState.Connecting, (await NextStateAsync()).Current);
        Assert.Equal(RtspCameraState.Playing, (await NextStateAsync()).Current);
        Assert.Equal(2, camera.Sessions);
        Assert.Equal(2, server.Connections);

        // Frames resume on the same queue.
        await server.SendInterleavedAsync(0, Rtp.Packet(1, 9000, true, [0x65, 0x88, 2]));
        using var second = await camera.Frames.ReadAsync().AsTask().WaitAsync(Guard);
        Assert.Equal(9000u, second.RtpTimestamp);
    }

    [Fact]
    public async Task Backoff_doubles_while_the_camera_is_down_and_resets_after_success()
    {
        bool down = true;
        await using var server = new FakeRtspServer(r => down && r.Method == "DESCRIBE" ? FakeRtspServer.Answer(r, 503, "Service Unavailable") : FakeRtspServer.Default(r));
        await using var camera = Camera(server.Uri, new RtspReconnectOptions { Jitter = 0, InitialDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(5) });
        camera.Start();
        var delays = new List<TimeSpan>();
        while (delays.Count < 3)
        {
            var state = await NextStateAsync();
            if (state.Current == RtspCameraState.Reconnecting)
            {
                Assert.IsType<RtspStatusException>(state.Error);
                delays.Add(state.RetryDelay!.Value);
                down = delays.Count < 3; // the camera comes back during the third wait
                _time.Advance(state.RetryDelay.Value);
            }
        }

        Assert.Equal(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5) }, delays);
        RtspCameraStateChangedEventArgs next;
        do
        {
            next = await NextStateAsync();
        }
        while (next.Current != RtspCameraState.Playing);

        server.DropConnections();
        do
        {
            next = await NextStateAsync();
        }
        while (next.Current != RtspCameraState.Reconnecting);

        Assert.Equal(TimeSpan.FromSeconds(2), next.RetryDelay);
    }

    [Fact]
    public async Task Every_reconnect_starts_with_a_fresh_digest_challenge()
    {
        // The camera issues one nonce per connection and forgets it when the connection drops.
        await using var server = new FakeRtspServer(null!);
        server.Handler = r =>
        {
            string nonce = "nonce-" + r.Connection;
            if (r.Method == "OPTIONS" && r.Header("Session") is null)
            {
                return FakeRtspServer.Default(r);
            }

            string? authorization = r.Header("Authorization");
            return authorization is null || !authorization.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal)
                ? FakeRtspServer.Answer(r, 401, "Unauthorized", $"WWW-Authenticate: Digest realm=\"cam\", nonce=\"{nonce}\"\r\n")
                : FakeRtspServer.Default(r);
        };
        await using var camera = Camera(new Uri($"rtsp://viewer:pw@127.0.0.1:{server.Port}/cam"));
        camera.Start();
        while ((await NextStateAsync()).Current != RtspCameraState.Playing)
        {
        }

        server.DropConnections();
        while ((await NextStateAsync()).Current != RtspCameraState.Reconnecting)
        {
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        while ((await NextStateAsync()).Current != RtspCameraState.Playing)
        {
        }

        var second = new List<FakeRequest>();
        while (server.Requests.Reader.TryRead(out var request))
        {
            if (request.Connection == 2)
            {
                second.Add(request);
            }
        }

        var describes = second.Where(r => r.Method == "DESCRIBE").ToList();
        Assert.Null(describes[0].Header("Authorization")); // nothing reused from the old connection
        Assert.Contains("nonce=\"nonce-2\"", describes[1].Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains(second, r => r.Method == "PLAY");
    }

    [Fact]
    public async Task Wrong_credentials_stop_retrying()
    {
        await using var server = new FakeRtspServer(r => r.Method == "OPTIONS"
            ? FakeRtspServer.Default(r)
            : FakeRtspServer.Answer(r, 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"cam\", nonce=\"n\"\r\n"));
        await using var camera = Camera(new Uri($"rtsp://u:wrong@127.0.0.1:{server.Port}/cam"));
        camera.Start();
        RtspCameraStateChangedEventArgs state;
        do
        {
            state = await NextStateAsync();
        }
        while (state.Current == RtspCameraState.Connecting);

        Assert.Equal(RtspCameraState.Failed, state.Current);
        Assert.IsType<RtspAuthenticationException>(state.Error);
        var closed = await Assert.ThrowsAsync<ChannelClosedException>(async () => await camera.Frames.ReadAsync().AsTask().WaitAsync(Guard));
        Assert.IsType<RtspAuthenticationException>(closed.InnerException);
    }

    [Fact]
    public async Task Dispose_stops_and_reports_stopped()
    {
        await using var server = new FakeRtspServer(r => FakeRtspServer.Default(r));
        var camera = Camera(server.Uri);
        camera.Start();
        while ((await NextStateAsync()).Current != RtspCameraState.Playing)
        {
        }

        await camera.DisposeAsync();
        Assert.Equal(RtspCameraState.Stopped, (await NextStateAsync()).Current);
        Assert.Equal(RtspCameraState.Stopped, camera.State);
        Assert.False(await camera.Frames.WaitToReadAsync().AsTask().WaitAsync(Guard));
    }
}
