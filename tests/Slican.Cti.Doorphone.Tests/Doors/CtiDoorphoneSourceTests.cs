using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Client;
using Slican.Cti.Doorphone.Doors;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Doorphone.Tests.Doors;

/// <summary>The doorphone model wired to a real <c>CtiClient</c> talking to the in-process PBX emulator (no mocks).</summary>
public sealed class CtiDoorphoneSourceTests
{
    private static readonly TimeSpan Guard = EmulatorDoorphones.Guard;

    [Fact]
    public async Task The_doorphone_the_client_knows_is_there_at_once_and_door_changes_arrive()
    {
        await using var office = await EmulatorDoorphones.StartAsync();
        using var directory = DoorphoneDirectory.ForClient(office.Client);
        var changes = Channel.CreateUnbounded<DoorphoneChangedEventArgs>();
        directory.Changed += (_, e) => changes.Writer.TryWrite(e);

        // Replayed from the client's roster: 250 / Id 1050, door closed, camera present; nobody else is a doorphone.
        var door = Assert.Single(directory.Doorphones);
        Assert.Equal((1050, DoorState.Close, true), (door.SubscriberId, door.Door, door.HasCamera));

        await office.Pbx.Scenario.SetDoorAsync("250", DoorState.Alarm);
        var change = await changes.Reader.ReadAsync().AsTask().WaitAsync(Guard);
        Assert.Equal(DoorState.Close, change.Previous!.Door);
        Assert.Equal(DoorState.Alarm, change.Current.Door);
        Assert.True(change.Current.IsAlarm);

        await office.Pbx.Scenario.SetCameraAsync("250", false);
        change = await changes.Reader.ReadAsync().AsTask().WaitAsync(Guard);
        Assert.True(change.CameraChanged);
        Assert.False(change.Current.HasCamera);
        Assert.Equal(DoorState.Alarm, change.Current.Door);
    }

    [Fact]
    public async Task Opening_over_cti_is_confirmed_by_the_door_contact_and_the_door_closes_again()
    {
        var pbxTime = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var office = await EmulatorDoorphones.StartAsync(pbxTime: pbxTime);
        using var directory = DoorphoneDirectory.ForClient(office.Client, new DoorphoneOptions { OpenConfirmationTimeout = Guard });
        var changes = Channel.CreateUnbounded<DoorphoneChangedEventArgs>();
        directory.Changed += (_, e) => changes.Writer.TryWrite(e);

        var result = await directory.OpenDoorAsync(1050).WaitAsync(Guard);

        Assert.Equal(new DoorOpenResult(DoorOpenMethod.Cti, Confirmed: true), result);
        Assert.Equal(DoorState.Open, (await changes.Reader.ReadAsync().AsTask().WaitAsync(Guard)).Current.Door);
        Assert.True(directory.TryGet(1050, out var open) && open.IsDoorOpen);

        // The PBX closes the door after DoorOpenTime (5 s) on its clock.
        pbxTime.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(DoorState.Close, (await changes.Reader.ReadAsync().AsTask().WaitAsync(Guard)).Current.Door);
    }

    [Fact]
    public async Task Opening_something_that_is_not_a_doorphone_fails_with_the_pbx_reason()
    {
        await using var office = await EmulatorDoorphones.StartAsync();
        using var directory = DoorphoneDirectory.ForClient(office.Client, new DoorphoneOptions { OpenConfirmationTimeout = Guard });

        var ex = await Assert.ThrowsAsync<DoorOpenException>(() => directory.OpenDoorAsync(1002).WaitAsync(Guard));
        Assert.Contains("1002", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DTMF", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_camera_link_comes_from_the_pbx_with_its_credentials_kept_apart()
    {
        await using var office = await EmulatorDoorphones.StartAsync();
        using var directory = DoorphoneDirectory.ForClient(office.Client);

        var link = await directory.GetCameraLinkAsync(1050).WaitAsync(Guard);

        Assert.NotNull(link);
        Assert.Equal(new Uri("rtsp://127.0.0.1:8554/door"), link.Uri);
        Assert.Equal("viewer", link.Credentials!.UserName);
        Assert.Equal("door-1234", link.Credentials.Password);
        Assert.DoesNotContain("door-1234", link.ToString(), StringComparison.Ordinal);
        var options = link.ToClientOptions();
        Assert.Equal(link.Uri, options.Uri);
        Assert.Same(link.Credentials, options.Credentials);
    }

    [Fact]
    public async Task A_user_without_the_camera_right_gets_the_pbx_refusal()
    {
        await using var office = await EmulatorDoorphones.StartAsync(user: "202");
        using var directory = DoorphoneDirectory.ForClient(office.Client);

        var ex = await Assert.ThrowsAsync<CtiRequestFailedException>(() => directory.GetCameraLinkAsync(1050).WaitAsync(Guard));
        Assert.Contains("Not permitted", ex.PbxError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_doorphone_calling_rings_and_its_release_ends_it_while_other_callers_are_ignored(bool fromDoorphoneButton)
    {
        await using var office = await EmulatorDoorphones.StartAsync();
        using var directory = DoorphoneDirectory.ForClient(office.Client);
        var ringing = Channel.CreateUnbounded<DoorphoneRingingEventArgs>();
        var ended = Channel.CreateUnbounded<DoorphoneRingingEventArgs>();
        directory.Ringing += (_, e) => ringing.Writer.TryWrite(e);
        directory.CallEnded += (_, e) => ended.Writer.TryWrite(e);

        // An outside customer first (not a doorphone), then the doorphone: the first Ringing must be the doorphone's.
        int customer = await office.Pbx.Scenario.IncomingCallAsync("0612345678", "201");
        await office.Pbx.Scenario.HangUpAsync(customer);
        // The visitor presses the button (the doorphone dials 201 as an extension), or the call arrives shown as 250.
        int cr = fromDoorphoneButton
            ? await office.Pbx.Scenario.DialAsync("250", "201")
            : await office.Pbx.Scenario.IncomingCallAsync("250", "201");

        var ring = await ringing.Reader.ReadAsync().AsTask().WaitAsync(Guard);
        Assert.Equal(1050, ring.Doorphone.SubscriberId);
        Assert.Equal(cr.ToString(System.Globalization.CultureInfo.InvariantCulture), ring.CallId);

        await office.Pbx.Scenario.HangUpAsync(cr);
        var end = await ended.Reader.ReadAsync().AsTask().WaitAsync(Guard);
        Assert.Equal(1050, end.Doorphone.SubscriberId);
        Assert.Equal(ring.CallId, end.CallId);
        Assert.False(ringing.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Dispose_detaches_from_the_client()
    {
        await using var office = await EmulatorDoorphones.StartAsync();
        var source = new CtiDoorphoneSource(office.Client);
        var seen = Channel.CreateUnbounded<DoorphoneStatusEventArgs>();
        source.StatusChanged += (_, e) => seen.Writer.TryWrite(e);
        Assert.Equal(1050, (await seen.Reader.ReadAsync().AsTask().WaitAsync(Guard)).SubscriberId); // the replay

        source.Dispose();
        // A probe handler attached to the client after disposal sees the change; the disposed source must not.
        var probe = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        office.Client.Presence.Changed += (_, e) =>
        {
            if (e.Current.Id == 1050)
            {
                probe.TrySetResult();
            }
        };
        await office.Pbx.Scenario.SetDoorAsync("250", DoorState.Open);
        await probe.Task.WaitAsync(Guard);
        Assert.False(seen.Reader.TryRead(out _));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => source.OpenDoorAsync(1050, CancellationToken.None));
    }
}

/// <summary>The mapping of the client's camera answer to the package's <see cref="Slican.Cti.Doorphone.Doors.CameraLink"/>.</summary>
public sealed class CtiCameraLinkMappingTests
{
    [Fact]
    public void Only_rtsp_urls_become_links_and_an_empty_login_means_no_credentials()
    {
        Assert.Null(CtiDoorphoneSource.ToCameraLink(new Client.CameraLink(1050, null, "viewer", "pw")));
        Assert.Null(CtiDoorphoneSource.ToCameraLink(new Client.CameraLink(1050, new Uri("http://127.0.0.1/cam"), "viewer", "pw")));

        var anonymous = CtiDoorphoneSource.ToCameraLink(new Client.CameraLink(1050, new Uri("rtsp://127.0.0.1:554/door"), "", null));
        Assert.NotNull(anonymous);
        Assert.Null(anonymous.Credentials);

        var embedded = CtiDoorphoneSource.ToCameraLink(new Client.CameraLink(1050, new Uri("rtsp://u:secret@127.0.0.1:554/door"), null, null));
        Assert.Equal(new Uri("rtsp://127.0.0.1:554/door"), embedded!.Uri);
        Assert.Equal("u", embedded.Credentials!.UserName);
    }
}
