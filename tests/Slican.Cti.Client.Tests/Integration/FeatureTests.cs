using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client.Tests.Integration;

public sealed class PhoneBookTests
{
    [Theory]
    [InlineData("0612345678", "Jan Kowalski, Kowalski Sp. z o.o.")]
    [InlineData("612345678", "Jan Kowalski, Kowalski Sp. z o.o.")]
    [InlineData("+48612345678", "Jan Kowalski, Kowalski Sp. z o.o.")]
    [InlineData("0048612345678", "Jan Kowalski, Kowalski Sp. z o.o.")]
    [InlineData("0600123456", "Zofia Wójcik")]
    [InlineData("201", "Anna Nowak (Recepcja)")]
    public async Task FindByNumber_matches_every_spelling(string number, string name)
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        var match = client.PhoneBook.FindByNumber(number);
        Assert.NotNull(match);
        Assert.Equal(name, match.Contact.Name);
    }

    [Fact]
    public async Task Search_by_name_ignores_case_and_diacritics_and_by_number_prefix()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        Assert.Contains(client.PhoneBook.Search("zofia wojcik"), c => c.Name == "Zofia Wójcik");
        Assert.Contains(client.PhoneBook.Search("06123"), c => c.Name == "Jan Kowalski, Kowalski Sp. z o.o.");
        Assert.Contains(client.PhoneBook.Search("+4861234"), c => c.Name == "Jan Kowalski, Kowalski Sp. z o.o.");
        Assert.Empty(client.PhoneBook.Search("nobody-by-this-name"));
        Assert.NotEmpty(client.PhoneBook.Groups);
        Assert.All(client.PhoneBook.Favourites, c => Assert.True(c.Favourite));
        var group = client.PhoneBook.Groups[0];
        Assert.All(client.PhoneBook.InGroup(group.Id), c => Assert.Contains(group.Id, c.GroupIds));
    }

    [Fact]
    public async Task A_limit_above_the_pbx_cap_still_syncs_everything()
    {
        await using var pbx = await TestPbx.StartAsync();
        var small = await pbx.ConnectAsync(pbx.Options() with { SyncBatchSize = 7 });
        var large = await pbx.ConnectAsync(pbx.Options() with { SyncBatchSize = 100_000 }); // the emulator caps at 1000
        Assert.Equal(small.PhoneBook.Count, large.PhoneBook.Count);
        Assert.True(large.PhoneBook.Count >= 500);
    }

    [Fact]
    public async Task A_change_made_elsewhere_arrives_through_Sync_Change_EV()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var changes = client.PhoneBook.Subscribe();
        await pbx.Emulator.Scenario.AddContactAsync("Ewa Testowa", "+48 22 111 22 33");
        var added = await changes.NextAsync(c => c.Kind == PhoneBookChangeKind.ContactAdded);
        Assert.Equal("Ewa Testowa", added.Contact!.Name);
        Assert.Equal("Ewa Testowa", client.PhoneBook.FindByNumber("0221112233")?.Contact.Name);
    }

    [Fact]
    public async Task Private_contacts_can_be_added_edited_and_deleted()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        var contact = await client.PhoneBook.AddContactAsync("Prywatny Klient", [new ContactPhone("+48 601 000 111", "Komórka", CanSms: true)]);
        Assert.True(contact.Id > 0);
        Assert.True(contact.Private);
        Assert.Equal(contact.Id, client.PhoneBook.FindByNumber("0601000111")?.Contact.Id);

        var renamed = await client.PhoneBook.UpdateContactAsync(contact with { Name = "Prywatny Klient VIP" });
        Assert.Equal("Prywatny Klient VIP", renamed.Name);

        await client.PhoneBook.DeleteContactAsync(contact.Id);
        Assert.Null(client.PhoneBook.Find(contact.Id));
        Assert.Null(client.PhoneBook.FindByNumber("0601000111"));
    }
}

public sealed class PresenceTests
{
    [Fact]
    public async Task Roster_changes_arrive_as_events_and_own_status_can_be_set()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var changes = client.Presence.Subscribe();
        await pbx.Emulator.Scenario.SetPresenceAsync("202", AppState.Busy, "Na spotkaniu");
        var change = await changes.NextAsync(c => c.Current.Extension == "202");
        Assert.Equal(AppState.Busy, change.Current.AppState);
        Assert.Equal("Na spotkaniu", change.Current.Description);
        Assert.Equal("Na spotkaniu", client.Presence.FindByExtension("202")?.Description);

        await client.Presence.SetStatusAsync(AppState.Brb, "Kawa");
        var own = await changes.NextAsync(c => c.Current.Id == 1001 && c.Current.Description == "Kawa");
        Assert.Equal(AppState.Brb, own.Current.AppState);
    }
}

public sealed class CallTests
{
    [Fact]
    public async Task An_incoming_call_pops_the_matched_contact_and_can_be_answered_and_hung_up()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var calls = client.Calls.Subscribe();
        int cr = await pbx.Emulator.Scenario.IncomingCallAsync("0612345678", "201");
        var ringing = await calls.NextAsync(e => e.Call.CR == cr);
        Assert.Equal(CallStatus.Ringing, ringing.Call.Status);
        Assert.Equal(CallDirection.Incoming, ringing.Call.Direction);
        Assert.Equal("0612345678", ringing.Call.RemoteNumber);
        Assert.Equal("Jan Kowalski, Kowalski Sp. z o.o.", ringing.Call.Contact?.Contact.Name);
        Assert.Null(ringing.Previous);

        await client.Calls.AnswerAsync(cr);
        var connected = await calls.NextAsync(e => e.Call.CR == cr && e.Call.Status == CallStatus.Connected);
        Assert.NotNull(connected.Call.ConnectedAt);
        Assert.Single(client.Calls.Active);

        await client.Calls.HangUpAsync(cr);
        var released = await calls.NextAsync(e => e.Call.CR == cr && e.Call.Status == CallStatus.Released);
        Assert.NotNull(released.Call.ReleaseCause);
        Assert.Empty(client.Calls.Active);
    }

    [Fact]
    public async Task Dial_returns_the_call_reference_and_events_follow()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var calls = client.Calls.Subscribe();
        int cr = await client.Calls.DialAsync("202");
        Assert.True(cr > 0);
        var first = await calls.NextAsync(e => e.Call.CR == cr);
        Assert.Equal(CallDirection.Outgoing, first.Call.Direction);
        Assert.Equal("Piotr Kowalski", first.Call.Contact?.Contact.Name);
        await client.Calls.HangUpAsync(cr);
        await calls.NextAsync(e => e.Call.CR == cr && e.Call.Status == CallStatus.Released);
    }

    [Fact]
    public async Task Control_of_an_unknown_call_fails_with_the_pbx_reason()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        var ex = await Assert.ThrowsAsync<CtiRequestFailedException>(() => client.Calls.HangUpAsync(987654));
        Assert.Contains("No such call", ex.Message, StringComparison.Ordinal);
        Assert.Contains("already ended", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reject_and_deflect_end_the_ringing_call()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var calls = client.Calls.Subscribe();
        int cr = await pbx.Emulator.Scenario.IncomingCallAsync("0600123456", "201");
        await calls.NextAsync(e => e.Call.CR == cr && e.Call.Status == CallStatus.Ringing);
        await client.Calls.DeflectAsync(cr, "203");
        await calls.NextAsync(e => e.Call.CR == cr && e.Call.Status == CallStatus.Released);

        int cr2 = await pbx.Emulator.Scenario.IncomingCallAsync("0600123456", "201");
        await calls.NextAsync(e => e.Call.CR == cr2 && e.Call.Status == CallStatus.Ringing);
        await client.Calls.RejectAsync(cr2);
        await calls.NextAsync(e => e.Call.CR == cr2 && e.Call.Status == CallStatus.Released);
    }

    [Fact]
    public async Task Hold_retrieve_dtmf_and_blind_transfer()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var calls = client.Calls.Subscribe();
        int cr = await pbx.AnswerIncomingCallAsync(client, calls);
        await client.Calls.HoldAsync(cr);
        await calls.NextAsync(e => e.Call.CR == cr && e.Call.Status == CallStatus.Held);
        await client.Calls.RetrieveAsync(cr);
        await calls.NextAsync(e => e.Call.CR == cr && e.Call.Status == CallStatus.Connected);
        await client.Calls.SendDtmfAsync(cr, "12*#");
        await Assert.ThrowsAsync<ArgumentException>(() => client.Calls.SendDtmfAsync(cr, "12a"));
        await client.Calls.TransferAsync(cr, "203", TransferMode.Blind);
        await calls.NextAsync(e => e.Call.CR == cr && e.Call.Status == CallStatus.Released);
    }
}

public sealed class ChatTests
{
    [Fact]
    public async Task Messages_are_sent_and_received_between_two_clients()
    {
        await using var pbx = await TestPbx.StartAsync();
        var anna = await pbx.ConnectAsync("201");
        var piotr = await pbx.ConnectAsync("202");
        using var inbox = piotr.Chat.Subscribe();
        var sent = await anna.Chat.SendAsync("202", "Dzień dobry, Piotrze!");
        Assert.True(sent.IsOutgoing);
        var received = await inbox.NextAsync();
        Assert.Equal("201", received.Peer);
        Assert.Equal("Dzień dobry, Piotrze!", received.Text);
        Assert.False(received.IsOutgoing);
        // The ledger records an entry just after the socket write returns, so wait for it rather than read it at once.
        await pbx.Emulator.Ledger.WaitForAsync(e => e.Extension == "202" && e.Message is SmsReceiveEvent { Text: "Dzień dobry, Piotrze!" })
            .WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Mark_read_reaches_the_sender_as_a_delivery_update()
    {
        await using var pbx = await TestPbx.StartAsync();
        var anna = await pbx.ConnectAsync("201");
        var piotr = await pbx.ConnectAsync("202");
        using var delivery = anna.Chat.SubscribeDelivery();
        using var inbox = piotr.Chat.Subscribe();
        await anna.Chat.SendAsync("202", "Przeczytaj proszę");
        await inbox.NextAsync();
        await piotr.Chat.MarkReadAsync("201");
        var update = await delivery.NextAsync(u => u.Status == ChatDeliveryStatus.Read);
        Assert.Equal("202", update.Peer);
    }

    [Fact]
    public async Task Raw_requests_are_the_escape_hatch()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        var answer = await client.SendRequestAsync<XctipAnswer>(new StatusUpdateRequest { AppInfo = "raw" });
        Assert.True(answer.IsSuccess);
    }
}
