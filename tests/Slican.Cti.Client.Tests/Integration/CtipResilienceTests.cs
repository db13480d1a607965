using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Client;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Testing;

namespace Slican.Cti.Client.Tests.Integration;

/// <summary>What <see cref="CtipClient"/> does when the connection fails: reconnect and log in again, or say why not.</summary>
public sealed class CtipResilienceTests
{
    private static CtipClientOptions Options(TestPbx pbx) => new()
    {
        Host = "127.0.0.1",
        Port = pbx.Emulator.CtipEndPoint!.Port,
        Extension = "201",
        Key = "1234",
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    private static Task<TestPbx> StartPbxAsync() => TestPbx.StartAsync(new PbxEmulatorOptions { CtipPort = 0 });

    [Fact]
    public async Task A_dropped_connection_is_re_established_and_events_and_requests_work_again()
    {
        await using var pbx = await StartPbxAsync();
        await using var ctip = await CtipClient.ConnectAsync(Options(pbx)).WaitAsync(TestPbx.Guard);
        using var states = ctip.SubscribeConnectionState();
        using var events = ctip.Subscribe();

        await pbx.Emulator.Faults.DropSessionsAsync().WaitAsync(TestPbx.Guard);
        var lost = await states.NextAsync();
        Assert.Equal(CtiConnectionState.Reconnecting, lost.Current);
        Assert.Equal(CtiConnectionState.Connected, (await states.NextAsync()).Current);
        Assert.Equal(CtiConnectionState.Connected, ctip.State);

        // The new connection is logged in again as 201: its events arrive and its requests are answered.
        await pbx.Emulator.Scenario.IncomingCallAsync("0612345678", "201").WaitAsync(TestPbx.Guard);
        var ring = await events.NextAsync(e => e.Message is CtipRing);
        Assert.Equal("201", CtipExtension.Unpad(((CtipRing)ring.Message).Extension));
        var state = await ctip.GetStateAsync().WaitAsync(TestPbx.Guard);
        Assert.Equal("201", CtipExtension.Unpad(state.Extension));
    }

    [Fact]
    public async Task A_request_in_flight_when_the_connection_drops_fails_as_connection_lost()
    {
        await using var pbx = await StartPbxAsync();
        await using var ctip = await CtipClient.ConnectAsync(Options(pbx) with { RequestTimeout = TimeSpan.FromSeconds(30) }).WaitAsync(TestPbx.Guard);
        using var states = ctip.SubscribeConnectionState();
        pbx.Emulator.Faults.AnswerWatchdog = false; // the request is sent but never answered
        var pending = ctip.SetDndAsync(true);
        await pbx.Emulator.Faults.DropSessionsAsync().WaitAsync(TestPbx.Guard);
        await Assert.ThrowsAsync<CtiConnectionLostException>(() => pending.WaitAsync(TestPbx.Guard));
        Assert.Equal(CtiConnectionState.Reconnecting, (await states.NextAsync()).Current);
        pbx.Emulator.Faults.AnswerWatchdog = true;
        Assert.Equal(CtiConnectionState.Connected, (await states.NextAsync(s => s.Current == CtiConnectionState.Connected)).Current);
    }

    [Fact]
    public async Task A_missing_reply_drops_the_connection_so_a_late_reply_cannot_answer_the_next_request()
    {
        await using var pbx = await StartPbxAsync();
        await using var ctip = await CtipClient.ConnectAsync(Options(pbx) with { RequestTimeout = TimeSpan.FromMilliseconds(300) }).WaitAsync(TestPbx.Guard);
        using var states = ctip.SubscribeConnectionState();
        pbx.Emulator.Faults.AnswerWatchdog = false;

        var timeout = await Assert.ThrowsAsync<CtiRequestTimeoutException>(() => ctip.SetDndAsync(true).WaitAsync(TestPbx.Guard));
        Assert.Equal("DND", timeout.Request);
        var lost = await states.NextAsync();
        Assert.Equal(CtiConnectionState.Reconnecting, lost.Current);
        Assert.Same(timeout, lost.Error);
        await Assert.ThrowsAsync<CtiNotConnectedException>(() => ctip.GetStateAsync());

        // Once the PBX answers again the client logs in on a new connection; the DND reply queued on the old one
        // never reaches it, so the next request gets its own reply.
        pbx.Emulator.Faults.AnswerWatchdog = true;
        await states.NextAsync(s => s.Current == CtiConnectionState.Connected);
        var state = await ctip.GetStateAsync().WaitAsync(TestPbx.Guard);
        Assert.Equal("201", CtipExtension.Unpad(state.Extension));
        Assert.True(state.Services.HasFlag(CtipServices.DoNotDisturb)); // the request itself did reach the PBX
    }

    [Fact]
    public async Task Without_AutoReconnect_a_loss_ends_in_Disconnected_until_ConnectAsync()
    {
        await using var pbx = await StartPbxAsync();
        await using var ctip = await CtipClient.ConnectAsync(Options(pbx) with { AutoReconnect = false }).WaitAsync(TestPbx.Guard);
        using var states = ctip.SubscribeConnectionState();
        await pbx.Emulator.Faults.DropSessionsAsync().WaitAsync(TestPbx.Guard);
        var lost = await states.NextAsync();
        Assert.Equal(CtiConnectionState.Disconnected, lost.Current);
        await Assert.ThrowsAsync<CtiNotConnectedException>(() => ctip.DialAsync("202"));

        await ctip.ConnectAsync().WaitAsync(TestPbx.Guard);
        Assert.Equal(CtiConnectionState.Connected, ctip.State);
        await ctip.DialAsync("202").WaitAsync(TestPbx.Guard);
    }

    [Fact]
    public async Task Reconnecting_gives_up_after_MaxReconnectAttempts_with_Failed()
    {
        var pbx = await StartPbxAsync();
        await using var ctip = await CtipClient.ConnectAsync(Options(pbx) with { MaxReconnectAttempts = 2 }).WaitAsync(TestPbx.Guard);
        using var states = ctip.SubscribeConnectionState();
        await pbx.DisposeAsync(); // the PBX is gone for good
        Assert.Equal(CtiConnectionState.Reconnecting, (await states.NextAsync()).Current);
        var failed = await states.NextAsync();
        Assert.Equal(CtiConnectionState.Failed, failed.Current);
        Assert.Equal(CtiLoginFailure.ConnectionFailed, Assert.IsType<CtiLoginException>(failed.Error).Failure);
        await Assert.ThrowsAsync<CtiNotConnectedException>(() => ctip.SetDndAsync(false));
    }

    [Fact]
    public async Task Dispose_closes_for_good_and_is_idempotent()
    {
        await using var pbx = await StartPbxAsync();
        var ctip = await CtipClient.ConnectAsync(Options(pbx)).WaitAsync(TestPbx.Guard);
        await ctip.DisposeAsync();
        await ctip.DisposeAsync();
        Assert.Equal(CtiConnectionState.Closed, ctip.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => ctip.ConnectAsync());
        await Assert.ThrowsAsync<CtiNotConnectedException>(() => ctip.DialAsync("202"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("port")]
    [InlineData("delays")]
    [InlineData("attempts")]
    public void Invalid_options_are_refused_with_the_setting_named(string broken)
    {
        var options = new CtipClientOptions { Host = "127.0.0.1" };
        options = broken switch
        {
            "" => options with { Host = " " },
            "port" => options with { Port = 70000 },
            "delays" => options with { ReconnectInitialDelay = TimeSpan.FromSeconds(5), ReconnectMaxDelay = TimeSpan.FromSeconds(1) },
            _ => options with { MaxReconnectAttempts = -1 },
        };
        var ex = Assert.Throws<ArgumentException>(() => new CtipClient(options));
        Assert.StartsWith("CtipClientOptions.", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary>The CTIP keepalive: <c>WHO</c> after a silence, and a half-open connection replaced.</summary>
public sealed class CtipKeepAliveTests
{
    private static CtipClientOptions Options(TestPbx pbx, FakeTimeProvider time) => new()
    {
        Host = "127.0.0.1",
        Port = pbx.Emulator.CtipEndPoint!.Port,
        Extension = "201",
        Key = "1234",
        TimeProvider = time,
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    private static int WhoReplies(TestPbx pbx) => pbx.Emulator.Ledger.MessagesTo<CtipOk>("201").Count(ok => ok.TryGetWhoReply(out _));

    [Fact]
    public async Task A_silent_connection_is_probed_with_WHO_and_kept_while_the_PBX_answers()
    {
        await using var pbx = await TestPbx.StartAsync(new PbxEmulatorOptions { CtipPort = 0 });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var ctip = await CtipClient.ConnectAsync(Options(pbx, time)).WaitAsync(TestPbx.Guard);
        await time.AdvanceUntilAsync(() => WhoReplies(pbx) >= 3, TimeSpan.FromSeconds(1));
        Assert.Equal(CtiConnectionState.Connected, ctip.State);
    }

    [Fact]
    public async Task A_half_open_connection_is_detected_by_the_unanswered_WHO_and_replaced()
    {
        await using var pbx = await TestPbx.StartAsync(new PbxEmulatorOptions { CtipPort = 0 });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var ctip = await CtipClient.ConnectAsync(Options(pbx, time)).WaitAsync(TestPbx.Guard);
        using var states = ctip.SubscribeConnectionState();
        pbx.Emulator.Faults.AnswerWatchdog = false; // half-open: the PBX writes nothing

        // 20 s of silence -> WHO; 5 s without a reply -> the connection is dropped and re-established.
        await time.AdvanceUntilAsync(() => ctip.State != CtiConnectionState.Connected, TimeSpan.FromSeconds(1));
        var lost = await states.NextAsync();
        Assert.Equal(CtiConnectionState.Reconnecting, lost.Current);
        Assert.Equal("WHO", Assert.IsType<CtiRequestTimeoutException>(lost.Error).Request);
        pbx.Emulator.Faults.AnswerWatchdog = true;
        await time.AdvanceUntilAsync(() => ctip.State == CtiConnectionState.Connected, TimeSpan.FromMilliseconds(100));
    }
}
