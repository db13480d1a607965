using System.Threading.Channels;
using Slican.Cti.Client;
using Slican.Cti.Doorphone.Doors;
using Slican.Cti.Doorphone.Media;
using Slican.Cti.Doorphone.Rtsp;
using Slican.Cti.Doorphone.Tests.Doors;

namespace Slican.Cti.Doorphone.Tests.Interop;

/// <summary>
/// Ring → preview end to end: the PBX emulator's doorphone calls the user, the CTI client reports it, and the camera
/// (the GStreamer test server's MJPEG mount, linked in the emulator's world) shows a picture before anyone answers.
/// </summary>
[Collection("GStreamer RTSP interop")]
public sealed class RingPreviewInteropTests
{
    private static readonly TimeSpan Guard = RtspInteropTests.Guard;

    [GStreamerFact]
    public async Task A_ringing_doorphone_shows_its_camera_before_the_call_is_answered_and_stops_when_it_ends()
    {
        await using var server = await RtspServerProcess.StartAsync(RtspServerProcess.FreePort());
        await using var office = await EmulatorDoorphones.StartAsync(cameraUrl: server.UriFor("mjpeg"));
        using var directory = DoorphoneDirectory.ForClient(office.Client);
        await using var preview = new RingPreview(directory, new RingPreviewOptions
        {
            ClientOptions = new RtspClientOptions { Uri = server.UriFor("mjpeg"), RequestTimeout = GStreamer.Slow },
        });
        var started = Channel.CreateUnbounded<PreviewEventArgs>();
        var stopped = Channel.CreateUnbounded<PreviewEventArgs>();
        var failed = Channel.CreateUnbounded<PreviewFailedEventArgs>();
        preview.PreviewStarted += (_, e) => started.Writer.TryWrite(e);
        preview.PreviewStopped += (_, e) => stopped.Writer.TryWrite(e);
        preview.PreviewFailed += (_, e) => failed.Writer.TryWrite(e);

        int cr = await office.Pbx.Scenario.IncomingCallAsync("250", "201");

        var startRead = started.Reader.ReadAsync().AsTask();
        var failRead = failed.Reader.ReadAsync().AsTask();
        if (await Task.WhenAny(startRead, failRead).WaitAsync(Guard) == failRead)
        {
            Assert.Fail($"The preview did not start: {(await failRead).Error}");
        }

        var start = await startRead;
        Assert.Equal(1050, start.SubscriberId);
        using (var frame = await start.Camera.Frames.ReadAsync().AsTask().WaitAsync(Guard))
        {
            Assert.Equal(VideoCodec.Jpeg, frame.Codec);
            Assert.True(frame.Data.Span.StartsWith(new byte[] { 0xFF, 0xD8 }));
        }

        // The picture is there while the call still rings: nobody answered.
        Assert.Equal(CallStatus.Ringing, office.Client.Calls.Find(cr)?.Status);

        await office.Pbx.Scenario.HangUpAsync(cr);
        var stop = await stopped.Reader.ReadAsync().AsTask().WaitAsync(Guard);
        Assert.Equal(1050, stop.SubscriberId);
        Assert.Same(start.Camera, stop.Camera);
        Assert.Null(preview.GetPreview(1050));
    }
}
