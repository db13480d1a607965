using System.Threading.Channels;
using Slican.Cti.Doorphone.Doors;
using Slican.Cti.Doorphone.Rtsp;
using Slican.Cti.Doorphone.Tests.Media;
using Slican.Cti.Doorphone.Tests.Rtsp;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Doorphone.Tests.Doors;

public sealed class RingPreviewTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private readonly TestDoorphoneSource _source = new();

    private static RingPreviewOptions Options() => new()
    {
        ClientOptions = new RtspClientOptions { Uri = new Uri("rtsp://template/"), ReceiveTimeout = TimeSpan.FromMinutes(5) },
        Reconnect = new RtspReconnectOptions { Jitter = 0 },
    };

    [Fact]
    public async Task A_ringing_doorphone_gets_a_preview_before_answering_and_loses_it_when_the_call_ends()
    {
        await using var camera = new FakeRtspServer(r => FakeRtspServer.Default(r));
        _source.Links[1050] = new CameraLink(camera.Uri, new RtspCredentials("viewer", "pw"));
        using var directory = new DoorphoneDirectory(_source);
        await using var preview = new RingPreview(directory, Options());
        var started = Channel.CreateUnbounded<PreviewEventArgs>();
        var stopped = Channel.CreateUnbounded<PreviewEventArgs>();
        preview.PreviewStarted += (_, e) => started.Writer.TryWrite(e);
        preview.PreviewStopped += (_, e) => stopped.Writer.TryWrite(e);

        _source.Status(1050, DoorState.Close, true);
        _source.Ring(1050);
        var e = await started.Reader.ReadAsync().AsTask().WaitAsync(Guard);
        Assert.Equal(1050, e.SubscriberId);
        Assert.Same(e.Camera, preview.GetPreview(1050));

        // The camera session reaches PLAY and frames flow, all while the call is still ringing.
        while ((await camera.Requests.Reader.ReadAsync().AsTask().WaitAsync(Guard)).Method != "PLAY")
        {
        }

        await camera.SendInterleavedAsync(0, Rtp.Packet(1, 3000, true, [0x65, 0x88, 1]));
        using (var frame = await e.Camera.Frames.ReadAsync().AsTask().WaitAsync(Guard))
        {
            Assert.True(frame.IsKeyFrame);
        }

        _source.End(1050);
        Assert.Equal(1050, (await stopped.Reader.ReadAsync().AsTask().WaitAsync(Guard)).SubscriberId);
        while ((await camera.Requests.Reader.ReadAsync().AsTask().WaitAsync(Guard)).Method != "TEARDOWN")
        {
        }

        Assert.Null(preview.GetPreview(1050));
    }

    [Fact]
    public async Task No_camera_means_no_preview_and_a_missing_link_is_reported()
    {
        using var directory = new DoorphoneDirectory(_source);
        await using var preview = new RingPreview(directory, Options());
        var failed = Channel.CreateUnbounded<PreviewFailedEventArgs>();
        preview.PreviewFailed += (_, e) => failed.Writer.TryWrite(e);

        _source.Status(1040, DoorState.Close, false);
        _source.Ring(1040);
        Assert.Equal(0, _source.CameraLinkRequests);

        _source.Status(1050, DoorState.Close, true); // camera flag, but the PBX has no link
        _source.Ring(1050);
        var e = await failed.Reader.ReadAsync().AsTask().WaitAsync(Guard);
        Assert.Equal(1050, e.SubscriberId);
        Assert.Contains("no camera link", e.Error.Message, StringComparison.Ordinal);
        Assert.Null(preview.GetPreview(1050));
    }

    [Fact]
    public async Task On_demand_preview_is_shared_and_stopped_on_dispose()
    {
        await using var camera = new FakeRtspServer(r => FakeRtspServer.Default(r));
        _source.Links[1050] = new CameraLink(camera.Uri);
        using var directory = new DoorphoneDirectory(_source);
        var preview = new RingPreview(directory, Options());
        var first = await preview.StartAsync(1050).WaitAsync(Guard);
        var second = await preview.StartAsync(1050).WaitAsync(Guard);
        Assert.Same(first, second);
        await preview.DisposeAsync();
        Assert.Equal(RtspCameraState.Stopped, first.State);
    }
}
