using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Tests;

public sealed class StatusTests
{
    [Fact]
    public async Task Register_sends_Answer_then_one_Refresh_per_subscriber()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "201");
        int cid = client.NextCId();
        await client.SendAsync(new StatusRegisterRequest { CId = cid });
        var answer = Assert.IsType<XctipAnswer>(await client.NextAsync());
        Assert.Equal(cid, answer.CId);

        var refreshes = (await client.DrainAsync()).Cast<StatusRefreshEvent>().ToList();
        Assert.Equal(pbx.World.Subscribers.Count, refreshes.Count);
        Assert.InRange(refreshes.Count, 38, 50);
        Assert.Equal(refreshes.Count, refreshes.Select(r => r.Id).Distinct().Count());
        var door = refreshes.Single(r => r.Id == 1050);
        Assert.Equal(DoorState.Close, door.Door);
        Assert.True(door.Camera);
        Assert.All(refreshes, r => Assert.NotNull(r.State));
    }

    [Fact]
    public async Task Register_with_Id_sends_only_that_subscriber()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "201");
        Assert.True((await client.RequestAsync(new StatusRegisterRequest { Id = 1003 })).IsSuccess);
        var events = await client.DrainAsync();
        Assert.Equal(1003, Assert.IsType<StatusRefreshEvent>(Assert.Single(events)).Id);

        await pbx.Scenario.SetPresenceAsync("202", AppState.Busy);
        await pbx.Scenario.SetPresenceAsync("203", AppState.Brb);
        var change = await client.ReceiveAsync<StatusChangeEvent>();
        Assert.Equal(1003, change.Id);
    }

    [Fact]
    public async Task Update_fans_out_to_every_registered_session_including_the_senders_other_sessions()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await XctipTestClient.LoginAsync(pbx, "201");
        await using var annaMobile = await XctipTestClient.LoginAsync(pbx, "201");
        await using var piotr = await XctipTestClient.LoginAsync(pbx, "202");
        await using var notRegistered = await XctipTestClient.LoginAsync(pbx, "203");
        foreach (var c in new[] { annaMobile, piotr })
        {
            Assert.True((await c.RequestAsync(new StatusRegisterRequest())).IsSuccess);
            await c.DrainAsync();
        }

        var answer = await anna.RequestAsync(new StatusUpdateRequest { AppState = AppState.Busy, AppInfo = "Spotkanie w Łodzi" });
        Assert.True(answer.IsSuccess);
        foreach (var c in new[] { annaMobile, piotr })
        {
            var change = await c.ReceiveAsync<StatusChangeEvent>();
            Assert.Equal(1001, change.Id);
            Assert.Equal(AppState.Busy, change.AppState);
            Assert.Equal("Spotkanie w Łodzi", change.AppInfo);
            Assert.NotNull(change.AppInfoTime);
            Assert.Null(change.State); // a delta: unchanged fields are absent
        }

        Assert.Empty((await notRegistered.DrainAsync()).OfType<StatusChangeEvent>());
        Assert.Equal(AppState.Busy, pbx.World.FindSubscriber("201")!.AppState);

        // Only one's own status can be updated.
        Assert.Equal(PbxErrors.NotPermitted, (await anna.RequestAsync(new StatusUpdateRequest { Id = 1002, AppState = AppState.Brb })).Error);
    }

    [Fact]
    public async Task Phone_state_dnd_and_door_changes_are_published()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "201");
        Assert.True((await client.RequestAsync(new StatusRegisterRequest())).IsSuccess);
        await client.DrainAsync();

        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "202");
        Assert.Equal(PhoneState.Ringing, (await client.ReceiveAsync<StatusChangeEvent>(c => c.Id == 1002)).State);
        await pbx.Scenario.AnswerAsync(cr);
        Assert.Equal(PhoneState.Busy, (await client.ReceiveAsync<StatusChangeEvent>(c => c.Id == 1002)).State);
        await pbx.Scenario.HangUpAsync(cr);
        Assert.Equal(PhoneState.Free, (await client.ReceiveAsync<StatusChangeEvent>(c => c.Id == 1002)).State);

        await pbx.Scenario.SetDndAsync("203", true);
        Assert.Equal(DndState.On, (await client.ReceiveAsync<StatusChangeEvent>(c => c.Id == 1003)).DndStat);
        await pbx.Scenario.SetDoorAsync("250", DoorState.Open);
        Assert.Equal(DoorState.Open, (await client.ReceiveAsync<StatusChangeEvent>(c => c.Id == 1050)).Door);
        await pbx.Scenario.SetCameraAsync("250", false);
        Assert.False((await client.ReceiveAsync<StatusChangeEvent>(c => c.Id == 1050)).Camera);
        await pbx.Scenario.SetPhoneStateAsync("204", PhoneState.OutOfOrder);
        Assert.Equal(PhoneState.OutOfOrder, (await client.ReceiveAsync<StatusChangeEvent>(c => c.Id == 1004)).State);
    }

    [Fact]
    public async Task Last_session_closing_makes_the_user_unavailable()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var watcher = await XctipTestClient.LoginAsync(pbx, "201");
        Assert.True((await watcher.RequestAsync(new StatusRegisterRequest())).IsSuccess);
        var piotr = await XctipTestClient.LoginAsync(pbx, "202");
        Assert.True((await piotr.RequestAsync(new StatusUpdateRequest { AppState = AppState.Available })).IsSuccess);
        Assert.Equal(AppState.Available, (await watcher.ReceiveAsync<StatusChangeEvent>(c => c.Id == 1002)).AppState);
        await piotr.DisposeAsync();
        Assert.Equal(AppState.Unavailable, (await watcher.ReceiveAsync<StatusChangeEvent>(c => c.Id == 1002)).AppState);
    }
}
