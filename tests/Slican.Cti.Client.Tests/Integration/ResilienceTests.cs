using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing;

namespace Slican.Cti.Client.Tests.Integration;

public sealed class ResilienceTests
{
    private static async Task<CtiResynchronisedEventArgs> ReconnectedAsync(CtiEventSubscription<CtiResynchronisedEventArgs> resyncs, CtiClient client)
    {
        var args = await resyncs.NextAsync();
        Assert.Equal(CtiConnectionState.Connected, client.State);
        return args;
    }

    [Fact]
    public async Task A_dropped_connection_is_re_established_with_state_events_and_a_resync_signal()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var states = client.SubscribeConnectionState();
        using var resyncs = client.SubscribeResynchronised();
        await pbx.Emulator.Faults.DropSessionsAsync("201");
        var lost = await states.NextAsync();
        Assert.Equal(CtiConnectionState.Reconnecting, lost.Current);
        Assert.NotNull(lost.Error);
        var back = await states.NextAsync();
        Assert.Equal(CtiConnectionState.Connected, back.Current);
        var resync = await ReconnectedAsync(resyncs, client);
        Assert.False(resync.PhoneBookReset);
        Assert.Equal(1, client.GetStats().Reconnects);

        // The session works again: presence and calls were re-registered.
        using var calls = client.Calls.Subscribe();
        int cr = await pbx.Emulator.Scenario.IncomingCallAsync("0600123456", "201");
        Assert.Equal("Zofia Wójcik", (await calls.NextAsync(e => e.Call.CR == cr)).Call.Contact?.Contact.Name);
        await client.Presence.SetDescriptionAsync("po restarcie");
    }

    [Fact]
    public async Task A_pending_request_fails_with_ConnectionLost_and_is_not_re_sent()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var resyncs = client.SubscribeResynchronised();
        pbx.Emulator.Faults.AnswerDelay = TimeSpan.FromMinutes(5);
        var dial = client.Calls.DialAsync("202");
        await pbx.Emulator.Faults.DropSessionsAsync("201");
        var ex = await Assert.ThrowsAsync<CtiConnectionLostException>(() => dial.WaitAsync(TestPbx.Guard));
        Assert.Contains("MakeCall_REQ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not re-sent", ex.Message, StringComparison.Ordinal);
        pbx.Emulator.Faults.AnswerDelay = TimeSpan.Zero;
        await ReconnectedAsync(resyncs, client);
        // The PBX saw the MakeCall once (whether or not it ran before the drop); the client did not send it again.
        Assert.True(pbx.Emulator.World.ActiveCalls.Count(c => c.Dialled == "202") <= 1);
    }
}

public sealed class TimeoutAndKeepAliveTests
{
    [Fact]
    public async Task A_request_without_reply_times_out_and_says_what_was_pending()
    {
        await using var pbx = await TestPbx.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = await pbx.ConnectAsync(pbx.Options() with { TimeProvider = time, KeepAliveInterval = TimeSpan.FromHours(1) });
        pbx.Emulator.Faults.AnswerDelay = TimeSpan.FromHours(1);
        var pending = client.Presence.SetDescriptionAsync("nie dojdzie");
        await time.AdvanceUntilAsync(() => pending.IsCompleted, TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<CtiRequestTimeoutException>(() => pending);
        Assert.Contains("Status/Update_REQ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("last frame from the PBX arrived", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(10), ex.Timeout);
        Assert.Equal(1, client.GetStats().RequestTimeouts);
        Assert.Equal(CtiConnectionState.Connected, client.State); // a slow reply does not kill the session
    }

    [Fact]
    public async Task A_cancelled_request_throws_OperationCanceled()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        pbx.Emulator.Faults.AnswerDelay = TimeSpan.FromMinutes(1);
        using var cts = new CancellationTokenSource();
        var pending = client.Calls.DialAsync("202", cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task A_half_open_connection_is_detected_by_WDTest_and_replaced()
    {
        await using var pbx = await TestPbx.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = await pbx.ConnectAsync(pbx.Options() with { TimeProvider = time });
        using var states = client.SubscribeConnectionState();
        pbx.Emulator.Faults.AnswerWatchdog = false;
        // 20 s of silence -> WDTest; 10 s without WDOk -> half-open.
        await time.AdvanceUntilAsync(() => client.State != CtiConnectionState.Connected, TimeSpan.FromSeconds(1));
        var lost = await states.NextAsync();
        Assert.Equal(CtiConnectionState.Reconnecting, lost.Current);
        Assert.IsType<CtiConnectionLostException>(lost.Error);
        Assert.Contains("WDTest", lost.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(pbx.Emulator.Ledger.Entries, e => e.Extension == "201" && e.Xctip is WatchdogOk);
        pbx.Emulator.Faults.AnswerWatchdog = true;
        await time.AdvanceUntilAsync(() => client.State == CtiConnectionState.Connected, TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task An_answered_WDTest_keeps_the_session()
    {
        await using var pbx = await TestPbx.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = await pbx.ConnectAsync(pbx.Options() with { TimeProvider = time });
        int okBefore = pbx.Emulator.Ledger.MessagesTo<WatchdogOk>("201").Count;
        await time.AdvanceUntilAsync(() => pbx.Emulator.Ledger.MessagesTo<WatchdogOk>("201").Count >= okBefore + 3, TimeSpan.FromSeconds(1));
        Assert.Equal(CtiConnectionState.Connected, client.State);
        Assert.Equal(0, client.GetStats().Reconnects);
    }
}

public sealed class ResyncTests
{

    [Fact]
    public async Task A_garbage_frame_drops_the_connection_and_the_client_resynchronises()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var resyncs = client.SubscribeResynchronised();
        using var presence = client.Presence.Subscribe();
        pbx.Emulator.Faults.InjectMalformedFrame("201");
        await pbx.Emulator.Scenario.SetPresenceAsync("203", AppState.Busy, "po awarii");
        var resync = await resyncs.NextAsync();
        Assert.IsType<CtiProtocolViolationException>(resync.Cause);
        Assert.Equal(1, client.GetStats().ProtocolErrors);
        // The change hidden behind the garbage is in the roster after the resync.
        Assert.Equal("po awarii", client.Presence.FindByExtension("203")?.Description);
    }

    [Fact]
    public async Task A_restart_with_a_new_epoch_rebuilds_the_phone_book_from_DelAll()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        int before = client.PhoneBook.Count;
        string? markerBefore = client.PhoneBook.Marker;
        using var resyncs = client.SubscribeResynchronised();
        using var book = client.PhoneBook.Subscribe(capacity: 10_000);
        await pbx.Emulator.RestartAsync(newEpoch: true);
        var resync = await resyncs.NextAsync(r => r.PhoneBookReset);
        Assert.True(resync.EpochChanged);
        Assert.Equal(before, client.PhoneBook.Count);
        Assert.NotEqual(markerBefore, client.PhoneBook.Marker);
        Assert.Equal(PhoneBookChangeKind.Reset, (await book.NextAsync()).Kind);
        Assert.Equal("Jan Kowalski, Kowalski Sp. z o.o.", client.PhoneBook.FindByNumber("0612345678")?.Contact.Name);
    }

    [Fact]
    public async Task A_restart_with_the_same_epoch_resyncs_incrementally()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var resyncs = client.SubscribeResynchronised();
        await pbx.Emulator.RestartAsync(newEpoch: false);
        var resync = await resyncs.NextAsync();
        Assert.False(resync.PhoneBookReset);
        Assert.False(resync.EpochChanged);
        Assert.True(resync.PhoneBookRows < 10, $"{resync.PhoneBookRows} rows");
    }

    [Fact]
    public async Task A_server_killed_mid_sync_is_retried_until_the_phone_book_is_complete()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync(pbx.Options() with { SyncBatchSize = 10 });
        int expected = client.PhoneBook.Count;
        using var resyncs = client.SubscribeResynchronised();
        using var book = client.PhoneBook.Subscribe(capacity: 100_000);
        await pbx.Emulator.RestartAsync(newEpoch: true); // forces a full resync of ~500 rows in batches of 10
        await book.NextAsync(c => c.Kind == PhoneBookChangeKind.Reset);
        for (int i = 0; i < 30; i++) await book.NextAsync(c => c.Kind == PhoneBookChangeKind.ContactAdded);
        await pbx.Emulator.Faults.DropSessionsAsync("201"); // mid-sync
        var resync = await resyncs.NextAsync(r => r.PhoneBookReset);
        Assert.True(resync.Attempts >= 2, $"{resync.Attempts} attempts");
        Assert.Equal(expected, client.PhoneBook.Count);
        Assert.Equal(expected, client.PhoneBook.Contacts.Select(c => c.Id).Distinct().Count());
        Assert.NotNull(client.PhoneBook.FindByNumber("0600123456"));
    }

    [Fact]
    public async Task Chat_across_reconnects_loses_and_duplicates_nothing()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var inbox = client.Chat.Subscribe(capacity: 10_000);
        using var states = client.SubscribeConnectionState();
        var sent = new List<string>();
        for (int round = 0; round < 5; round++)
        {
            for (int i = 0; i < 10; i++)
            {
                string text = $"wiadomość {round}-{i}";
                sent.Add(text);
                await pbx.Emulator.Scenario.SendChatAsync("202", "201", text);
            }

            await pbx.Emulator.Faults.DropSessionsAsync("201");
            // Messages sent while the client is offline are buffered by the PBX (or found in history).
            for (int i = 0; i < 3; i++)
            {
                string text = $"offline {round}-{i}";
                sent.Add(text);
                await pbx.Emulator.Scenario.SendChatAsync("202", "201", text);
            }

            await states.NextAsync(s => s.Current == CtiConnectionState.Connected);
        }

        var received = new List<string>();
        while (received.Count < sent.Count)
        {
            received.Add((await inbox.ReadAsync().AsTask().WaitAsync(TestPbx.Guard)).Text);
        }

        Assert.Equal(sent.Order(), received.Order());
        Assert.Equal(0, inbox.Pending);
        // Every message the PBX wrote to 201's sockets is accounted for; any not written live was recovered from history.
        var ledgerIds = pbx.Emulator.Ledger.ChatMessageIdsDeliveredTo("201");
        Assert.Equal(ledgerIds.Count, ledgerIds.Distinct().Count());
        Assert.True(ledgerIds.Count <= sent.Count);
    }

    [Fact]
    public async Task Handlers_are_not_duplicated_after_re_login()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        int ringing = 0;
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Calls.CallChanged += (_, e) =>
        {
            if (e.Call.Status == CallStatus.Ringing && Interlocked.Increment(ref ringing) >= 1) seen.TrySetResult();
        };
        using var resyncs = client.SubscribeResynchronised();
        for (int i = 0; i < 3; i++)
        {
            await pbx.Emulator.Faults.DropSessionsAsync("201");
            await resyncs.NextAsync();
        }

        using var calls = client.Calls.Subscribe();
        int cr = await pbx.Emulator.Scenario.IncomingCallAsync("0612345678", "201");
        await calls.NextAsync(e => e.Call.CR == cr && e.Call.Status == CallStatus.Ringing);
        await pbx.Emulator.Scenario.HangUpAsync(cr);
        await calls.NextAsync(e => e.Call.CR == cr && e.Call.Status == CallStatus.Released);
        await seen.Task.WaitAsync(TestPbx.Guard);
        // The dispatcher runs handlers in order: once the released event's handler ran, the count is final.
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Calls.CallChanged += (_, e) => { if (e.Call.CR == cr) released.TrySetResult(); };
        await pbx.Emulator.Scenario.SetPresenceAsync("202", AppState.Brb);
        int cr2 = await pbx.Emulator.Scenario.IncomingCallAsync("0612345678", "201");
        await pbx.Emulator.Scenario.HangUpAsync(cr2);
        await calls.NextAsync(e => e.Call.CR == cr2 && e.Call.Status == CallStatus.Released);
        Assert.Equal(1, pbx.Emulator.Ledger.DeliveredTo("201").Count(e => e.Xctip is CallsChangeEvent { CallsState.Value: "NewCall_ST" } c && c.CR == cr));
        Assert.InRange(Volatile.Read(ref ringing), 1, 2);
    }

    [Fact]
    public async Task A_blocked_consumer_and_a_slow_handler_delay_neither_other_consumers_nor_requests()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        using var blocked = client.Presence.Subscribe(capacity: 2); // never read
        using var reader = client.Presence.Subscribe();
        var slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Presence.Changed += (_, _) => { handlerEntered.TrySetResult(); slow.Task.Wait(); };
        var slowSignal = new TaskCompletionSource<CtiSlowConsumerEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.SlowConsumerDetected += (_, e) => slowSignal.TrySetResult(e);
        for (int i = 0; i < 20; i++) await pbx.Emulator.Scenario.SetPresenceAsync("204", description: "opis " + i);
        for (int i = 0; i < 20; i++) Assert.Equal("opis " + i, (await reader.NextAsync()).Current.Description);
        await handlerEntered.Task.WaitAsync(TestPbx.Guard);
        await client.Presence.SetDescriptionAsync("requests still work"); // the handler is still blocked

        // The PBX reports the user's own change too. Once the other consumer has it, it has also been offered to the
        // blocked subscription (offers go in subscription order), so its buffer is not caught between dropping the
        // oldest event and adding the new one.
        Assert.Equal("requests still work", (await reader.NextAsync(e => e.Current.Description == "requests still work")).Current.Description);
        Assert.True(blocked.Dropped >= 18, $"{blocked.Dropped} dropped");
        Assert.Equal(2, blocked.Pending);
        Assert.True(client.GetStats().EventsDropped >= 18);
        slow.SetResult();
        Assert.Equal("Presence", (await slowSignal.Task.WaitAsync(TestPbx.Guard)).Stream);
    }

    [Fact]
    public async Task A_throwing_handler_is_reported_and_the_connection_survives()
    {
        await using var pbx = await TestPbx.StartAsync();
        var client = await pbx.ConnectAsync();
        var failed = new TaskCompletionSource<CtiHandlerFailedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.HandlerFailed += (_, e) => failed.TrySetResult(e);
        client.Presence.Changed += (_, _) => throw new InvalidOperationException("handler bug");
        using var reader = client.Presence.Subscribe();
        await pbx.Emulator.Scenario.SetPresenceAsync("205", description: "x");
        var failure = await failed.Task.WaitAsync(TestPbx.Guard);
        Assert.Equal("handler bug", failure.Exception.Message);
        await reader.NextAsync();
        Assert.Equal(CtiConnectionState.Connected, client.State);
        await client.Presence.SetDescriptionAsync("still alive");
    }
}
