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
