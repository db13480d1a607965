using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Doorphone.Doors;
using Slican.Cti.Doorphone.Rtsp;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Doorphone.Tests.Doors;

public sealed class DoorphoneDirectoryTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private readonly TestDoorphoneSource _source = new();
    private readonly FakeTimeProvider _time = new();
    private readonly List<DoorphoneChangedEventArgs> _changes = [];

    private DoorphoneDirectory Directory(DoorphoneOptions? options = null, bool withDtmf = false)
    {
        var directory = new DoorphoneDirectory(_source, (options ?? new DoorphoneOptions()) with { TimeProvider = _time }, withDtmf ? _source : null);
        directory.Changed += (_, e) => _changes.Add(e);
        return directory;
    }

    [Fact]
    public void Tracks_doorphones_from_status_and_raises_one_event_per_change()
    {
        using var directory = Directory();
        _source.Status(1001, null, false); // an ordinary phone: ignored
        _source.Status(1050, DoorState.Close, true);
        _source.Status(1050, DoorState.Close, true); // full refresh, nothing new
        _source.Status(1050, DoorState.Open, null); // Change_EV with only the door
        _source.Status(1050, DoorState.Alarm, null);
        _source.Status(1060, null, true); // a phone with an external camera

        Assert.Equal(new[] { 1050, 1060 }, directory.Doorphones.Select(d => d.SubscriberId));
        Assert.Equal(4, _changes.Count);
        Assert.Null(_changes[0].Previous);
        Assert.True(_changes[1].DoorChanged);
        Assert.False(_changes[1].CameraChanged);
        Assert.True(_changes[1].Current.IsDoorOpen);
        Assert.True(_changes[1].Current.HasCamera); // kept from the earlier report
        Assert.True(_changes[2].Current.IsAlarm);
        Assert.True(directory.TryGet(1060, out var camera) && camera.HasCamera && camera.Door is null);
    }

    [Fact]
    public async Task Open_door_over_cti_is_confirmed_by_the_door_contact()
    {
        using var directory = Directory();
        _source.Status(1050, DoorState.Close, true);
        _source.AfterOpen = id => _source.Status(id, DoorState.Open, null);
        var result = await directory.OpenDoorAsync(1050).WaitAsync(Guard);
        Assert.Equal(new DoorOpenResult(DoorOpenMethod.Cti, Confirmed: true), result);
        Assert.Equal(1050, await _source.OpenRequests.Reader.ReadAsync().AsTask().WaitAsync(Guard));
    }

    [Fact]
    public async Task Without_a_door_contact_the_open_is_reported_unconfirmed_after_the_timeout()
    {
        using var directory = Directory(new DoorphoneOptions { OpenConfirmationTimeout = TimeSpan.FromSeconds(3) });
        _source.Status(1050, DoorState.Close, true);
        var open = directory.OpenDoorAsync(1050);
        await _source.OpenRequests.Reader.ReadAsync().AsTask().WaitAsync(Guard);
        Assert.False(open.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(new DoorOpenResult(DoorOpenMethod.Cti, Confirmed: false), await open.WaitAsync(Guard));
    }

    [Fact]
    public async Task Falls_back_to_dtmf_when_the_cti_request_fails()
    {
        using var directory = Directory(new DoorphoneOptions { DtmfOpenCode = "*1#" }, withDtmf: true);
        _source.Status(1050, DoorState.Close, true);
        _source.OpenFailure = new InvalidOperationException("Door module not supported");
        var open = directory.OpenDoorAsync(1050);
        Assert.Equal((1050, "*1#"), await _source.DtmfSent.Reader.ReadAsync().AsTask().WaitAsync(Guard));
        _source.Status(1050, DoorState.Open, null);
        Assert.Equal(new DoorOpenResult(DoorOpenMethod.Dtmf, Confirmed: true), await open.WaitAsync(Guard));
    }

    [Fact]
    public async Task Prefer_dtmf_skips_the_cti_request()
    {
        using var directory = Directory(new DoorphoneOptions { DtmfOpenCode = "5", PreferDtmf = true, OpenConfirmationTimeout = TimeSpan.Zero }, withDtmf: true);
        var result = await directory.OpenDoorAsync(1050).WaitAsync(Guard);
        Assert.Equal(DoorOpenMethod.Dtmf, result.Method);
        Assert.False(_source.OpenRequests.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Failure_of_every_way_explains_itself_without_the_dtmf_code()
    {
        using var directory = Directory(new DoorphoneOptions { DtmfOpenCode = "4711" }, withDtmf: true);
        _source.OpenFailure = new InvalidOperationException("no answer");
        _source.DtmfFailure = new InvalidOperationException("no active call");
        var ex = await Assert.ThrowsAsync<DoorOpenException>(() => directory.OpenDoorAsync(1050).WaitAsync(Guard));
        Assert.Contains("no answer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no active call", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4711", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4711", new DoorphoneOptions { DtmfOpenCode = "4711" }.ToString(), StringComparison.Ordinal);

        using var noFallback = new DoorphoneDirectory(_source);
        var plain = await Assert.ThrowsAsync<DoorOpenException>(() => noFallback.OpenDoorAsync(1050).WaitAsync(Guard));
        Assert.Contains("no DTMF fallback", plain.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ringing_is_forwarded_only_for_doorphones()
    {
        using var directory = Directory();
        var rings = new List<int>();
        directory.Ringing += (_, e) => rings.Add(e.Doorphone.SubscriberId);
        _source.Status(1050, DoorState.Close, true);
        _source.Ring(1001);
        _source.Ring(1050);
        Assert.Equal(new[] { 1050 }, rings);
    }

    [Fact]
    public void Camera_link_from_the_pbx_answer_keeps_credentials_apart()
    {
        var link = CameraLink.FromAnswer(new DoorCameraAnswer { Id = 1050, Url = "rtsp://192.168.0.20:554/stream1", Login = "viewer", Pass = "s3cr3t" })!;
        Assert.Equal("rtsp://192.168.0.20:554/stream1", link.Uri.AbsoluteUri);
        Assert.Equal("viewer", link.Credentials!.UserName);
        Assert.DoesNotContain("s3cr3t", link.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("viewer", link.ToString(), StringComparison.Ordinal);
        var options = link.ToClientOptions(new RtspClientOptions { Uri = new Uri("rtsp://ignored/"), Transport = RtspTransport.Udp });
        Assert.Equal(link.Uri, options.Uri);
        Assert.Equal(RtspTransport.Udp, options.Transport);
        Assert.Same(link.Credentials, options.Credentials);

        var embedded = new CameraLink(new Uri("rtsp://u:p@10.0.0.1/x"));
        Assert.Equal("u", embedded.Credentials!.UserName);
        Assert.Equal(string.Empty, embedded.Uri.UserInfo);
        Assert.Null(CameraLink.FromAnswer(new DoorCameraAnswer { Url = "http://10.0.0.1/" }));
        Assert.Null(CameraLink.FromAnswer(new DoorCameraAnswer()));
    }
}
