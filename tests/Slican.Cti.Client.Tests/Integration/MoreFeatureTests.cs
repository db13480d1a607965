using Slican.Cti.Client;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing;

namespace Slican.Cti.Client.Tests.Integration;

public sealed class HistoryTests
{
    [Fact]
    public async Task A_missed_call_appears_in_history_with_the_missed_counter()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        int missedBefore = client.History.UnreadMissedCalls;
        using var calls = client.History.SubscribeCalls();
        int cr = await pbx.Emulator.Scenario.IncomingCallAsync("0600123456", "201");
        await pbx.Emulator.Scenario.HangUpAsync(cr);
        var entry = await calls.NextAsync(e => e.IsMissed && e.Number == "0600123456");
        Assert.True(entry.Unread);
        Assert.Equal(missedBefore + 1, client.History.UnreadMissedCalls);
        Assert.Contains(client.History.Calls, c => c.Id == entry.Id);
    }

    [Fact]
    public async Task Marking_missed_calls_read_clears_the_counter_on_the_PBX_and_across_a_resync()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        Assert.True(client.History.UnreadMissedCalls > 0);
        using var resyncs = client.SubscribeResynchronised();

        await client.History.MarkCallsReadAsync();
        Assert.Equal(0, client.History.UnreadMissedCalls);
        Assert.DoesNotContain(pbx.Emulator.World.ToData().CallHistory, h => h.Owner == "201" && h.Unread);

        // After a reconnect the history resyncs from the stored marker: the read marks come back as Update rows.
        await pbx.Emulator.Faults.DropSessionsAsync("201");
        await resyncs.NextAsync();
        Assert.Equal(0, client.History.UnreadMissedCalls);
        Assert.Contains(client.History.Calls, c => c.IsMissed);

        // A client starting from scratch sees the same.
        var fresh = await pbx.ConnectAsync();
        Assert.Equal(0, fresh.History.UnreadMissedCalls);
        Assert.Equal(client.History.Calls.Count, fresh.History.Calls.Count);
    }

    [Fact]
    public async Task Chat_history_pages_backwards()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        var peers = client.PhoneBook.Contacts.Where(c => c.Extension is not null).Select(c => c.Extension!);
        string peer = peers.First(p => client.History.GetConversation(p, count: 1000).Count >= 3);
        var all = client.History.GetConversation(peer, count: 1000);
        var last = client.History.GetConversation(peer, count: 2);
        Assert.Equal(all.TakeLast(2), last);
        var previous = client.History.GetConversation(peer, before: last[0].Time, count: 1000);
        Assert.Equal(all.Where(m => m.Time < last[0].Time), previous);
    }
}

public sealed class ConferenceAndSmsTests
{
    [Fact]
    public async Task A_conference_is_created_and_posts_reach_members()
    {
        await using var pbx = await TestPbx.StartAsync();
        var anna = await pbx.ConnectAsync("201");
        var piotr = await pbx.ConnectAsync("202");
        using var piotrInbox = piotr.Chat.Subscribe();
        using var piotrConfs = piotr.Chat.SubscribeConferences();
        var conference = await anna.Chat.CreateConferenceAsync("Projekt X", ["202", "203"]);
        Assert.Contains("201", conference.Members);
        Assert.Contains("202", conference.Members);
        await piotrConfs.NextAsync(c => c.Id == conference.Id);
        await anna.Chat.PostAsync(conference.Id, "Start o 10");
        var post = await piotrInbox.NextAsync();
        Assert.Equal(conference.Id, post.ConferenceId);
        Assert.Equal("Start o 10", post.Text);
        Assert.Equal("201", post.Peer);
        await anna.Chat.EditConferenceAsync(conference.Id, name: "Projekt Y");
        Assert.Equal("Projekt Y", (await piotrConfs.NextAsync(c => c.Id == conference.Id)).Name);
        await piotr.Chat.LeaveConferenceAsync(conference.Id);
        Assert.DoesNotContain(piotr.Chat.Conferences, c => c.Id == conference.Id);
    }

    [Fact]
    public async Task Sms_through_the_gsm_gateway_is_sent_with_reports_and_received_once()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var reports = client.Chat.Sms.SubscribeReports();
        using var inbox = client.Chat.Sms.Subscribe();
        int gateway = await client.Chat.Sms.RegisterAsync();
        Assert.True(gateway > 0);
        await client.Chat.Sms.SendAsync("600333444", "Zamówienie gotowe");
        Assert.Equal(SmsDeliveryState.Accepted, (await reports.NextAsync()).State);
        Assert.Equal(SmsDeliveryState.Delivered, (await reports.NextAsync()).State);
        await pbx.Emulator.Scenario.ReceiveSmsAsync("600333444", "201", "Dziękuję");
        var sms = await inbox.NextAsync();
        Assert.Equal("600333444", sms.From);
        Assert.Equal("Dziękuję", sms.Text);
    }
}

public sealed class ServicesCallCenterDoorTests
{
    [Fact]
    public async Task Dnd_and_forwarding_are_read_set_and_followed()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        var settings = await client.Services.GetAsync();
        Assert.False(settings.Dnd);
        await client.Services.SetDndAsync(true);
        await client.Services.SetForwardingAsync(new CallForwarding(ForwardingType.NoAnswer, true, "205", 4));
        var after = await client.Services.GetAsync();
        Assert.True(after.Dnd);
        Assert.Equal(new CallForwarding(ForwardingType.NoAnswer, true, "205", 4), after.Forwarding(ForwardingType.NoAnswer));
        var changed = new TaskCompletionSource<ServiceSettings>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Services.Changed += (_, s) => { if (!s.Dnd) changed.TrySetResult(s); };
        await pbx.Emulator.Scenario.SetDndAsync("201", false);
        Assert.False((await changed.Task.WaitAsync(TestPbx.Guard)).Dnd);
    }

    [Fact]
    public async Task Call_center_queues_agent_login_pause_and_callbacks()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        var queues = await client.CallCenter.RegisterAsync();
        Assert.Contains(queues, q => q.Name == "Sprzedaż");
        using var changes = client.CallCenter.SubscribeQueues();
        int queueId = queues.First(q => q.Name == "Sprzedaż").Id;
        await client.CallCenter.LoginAsync(queueId);
        Assert.True((await changes.NextAsync(q => q.Id == queueId && q.LoggedIn)).LoggedIn);
        await client.CallCenter.PauseAsync(true, "Przerwa");
        await changes.NextAsync(q => q.Paused);
        await client.CallCenter.PauseAsync(false);
        await changes.NextAsync(q => !q.Paused);
        await pbx.Emulator.Scenario.QueueCallAsync(queueId, "0612345678");
        await changes.NextAsync(q => q.Id == queueId && q.WaitingCalls > 0);

        var callback = Assert.Single(client.CallCenter.Callbacks, c => c.Id == 70);
        Assert.Equal("Jan Kowalski, Kowalski Sp. z o.o.", callback.Name);
        var done = new TaskCompletionSource<CallbackRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.CallCenter.CallbackChanged += (_, c) => { if (c.Id == 70 && c.State == "Done") done.TrySetResult(c); };
        await client.CallCenter.CompleteCallbackAsync(70, CallbackResult.Done);
        await done.Task.WaitAsync(TestPbx.Guard);
        Assert.Equal("Done", client.CallCenter.Callbacks.Single(c => c.Id == 70).State);

        await client.CallCenter.LogoutAsync(queueId);
        await changes.NextAsync(q => q.Id == queueId && !q.LoggedIn);
    }

    [Fact]
    public async Task A_door_is_opened_and_its_camera_link_never_shows_the_password()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var doors = client.Doors.Subscribe();
        Assert.Contains(client.Doors.All, d => d.Extension == "250" && d.HasCamera);
        await client.Doors.OpenAsync("250");
        var opened = await doors.NextAsync(d => d.Extension == "250");
        Assert.Equal(DoorState.Open, opened.Door);
        var camera = await client.Doors.GetCameraAsync("250");
        Assert.Equal("rtsp", camera.Url?.Scheme);
        Assert.Equal("viewer", camera.Login);
        Assert.NotNull(camera.Password);
        Assert.DoesNotContain(camera.Password, camera.ToString(), StringComparison.Ordinal);
    }
}

public sealed class MoreCallAndBookTests
{
    [Fact]
    public async Task Announced_transfer_consults_then_joins()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var calls = client.Calls.Subscribe();
        int cr = await pbx.AnswerIncomingCallAsync(client, calls);
        int consult = await client.Calls.StartAnnouncedTransferAsync(cr, "203");
        Assert.NotEqual(cr, consult);
        Assert.Equal(CallStatus.Held, client.Calls.Find(cr)?.Status);
        await pbx.Emulator.Scenario.AnswerAsync(consult, "203");
        await calls.NextAsync(e => e.Call.CR == consult && e.Call.Status == CallStatus.Connected);
        await client.Calls.CompleteAnnouncedTransferAsync(cr, consult, "203");
        await calls.NextAsync(e => e.Call.CR == cr && e.Call.Status == CallStatus.Released);
        await calls.NextAsync(e => e.Call.CR == consult && e.Call.Status == CallStatus.Released);
        Assert.Empty(client.Calls.Active);
    }

    [Fact]
    public async Task Quick_transfer_uses_the_configured_numbers()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        client.Calls.QuickTransferNumbers = ["205"];
        using var calls = client.Calls.Subscribe();
        int cr = await pbx.AnswerIncomingCallAsync(client, calls);
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = client.Calls.QuickTransferAsync(cr, 1); });
        await client.Calls.QuickTransferAsync(cr, 0);
        await calls.NextAsync(e => e.Call.CR == cr && e.Call.Status == CallStatus.Released);
    }

    [Fact]
    public async Task Favourites_and_permissions()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        var permissions = await client.PhoneBook.GetPermissionsAsync();
        Assert.True(permissions.EditContacts);
        var zofia = client.PhoneBook.FindByNumber("0600123456")!.Contact;
        var updated = await client.PhoneBook.SetFavouriteAsync(zofia.Id, !zofia.Favourite);
        Assert.Equal(!zofia.Favourite, updated.Favourite);
        Assert.Equal(updated.Favourite, client.PhoneBook.Favourites.Any(c => c.Id == zofia.Id));
    }

    [Fact]
    public async Task Groups_can_be_added_renamed_and_deleted()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        var group = await client.PhoneBook.AddGroupAsync("Dostawcy");
        Assert.Contains(client.PhoneBook.Groups, g => g.Id == group.Id && g.Name == "Dostawcy");
        var renamed = await client.PhoneBook.UpdateGroupAsync(group with { Name = "Dostawcy VIP" });
        Assert.Equal("Dostawcy VIP", renamed.Name);
        await client.PhoneBook.DeleteGroupAsync(group.Id);
        Assert.DoesNotContain(client.PhoneBook.Groups, g => g.Id == group.Id);
    }

    [Fact]
    public async Task A_user_without_edit_rights_gets_NotPermitted()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync("202");
        var permissions = await client.PhoneBook.GetPermissionsAsync();
        Assert.False(permissions.EditContacts); // only 201 may edit in the default world
        var ex = await Assert.ThrowsAsync<CtiRequestFailedException>(() => client.PhoneBook.AddContactAsync("X", [new ContactPhone("600000000")]));
        Assert.True(ex.IsNotPermitted);
    }
}

public sealed class CtipClientTests
{
    [Fact]
    public async Task Screen_pop_and_click_to_dial_over_ctip()
    {
        await using var pbx = await TestPbx.StartAsync(new PbxEmulatorOptions { CtipPort = 0 });
        var xctip = await pbx.ConnectAsync();
        await using var ctip = await CtipClient.ConnectAsync(new CtipClientOptions { Host = "127.0.0.1", Port = pbx.Emulator.CtipEndPoint!.Port, Extension = "201", Key = "1234" });
        ctip.ContactLookup = xctip.PhoneBook.FindByNumber;
        Assert.NotNull(ctip.LoginInfo);
        using var events = ctip.Subscribe();
        int cr = await pbx.Emulator.Scenario.IncomingCallAsync("0612345678", "201");
        var ring = await events.NextAsync(e => e.Message is CtipRing);
        Assert.Equal("Jan Kowalski, Kowalski Sp. z o.o.", ring.Contact?.Contact.Name);
        await ctip.RejectAsync("203");
        await events.NextAsync(e => e.Message is CtipReleased);

        await ctip.DialAsync("202");
        var state = await ctip.GetStateAsync();
        Assert.Equal("201", CtipExtension.Unpad(state.Extension));
        await ctip.SetDndAsync(true);
        Assert.True((await ctip.GetStateAsync()).Services.HasFlag(CtipServices.DoNotDisturb));
        await ctip.SetDndAsync(false);
        await ctip.ForwardAsync(CtipForwardCondition.Busy, "205");
        await ctip.ForwardOffAsync();
        _ = cr;
    }

    [Fact]
    public async Task A_wrong_key_is_a_typed_login_failure()
    {
        await using var pbx = await TestPbx.StartAsync(new PbxEmulatorOptions { CtipPort = 0 });
        var ex = await Assert.ThrowsAsync<CtiLoginException>(() => CtipClient.ConnectAsync(new CtipClientOptions { Host = "127.0.0.1", Port = pbx.Emulator.CtipEndPoint!.Port, Extension = "201", Key = "0000" }));
        Assert.Equal(CtiLoginFailure.WrongCredentials, ex.Failure);
    }
}
