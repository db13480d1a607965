using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task Dropping_one_subscribers_sessions_leaves_the_others()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await XctipTestClient.LoginAsync(pbx, "201");
        await using var piotr = await XctipTestClient.LoginAsync(pbx, "202");
        await pbx.Faults.DropSessionsAsync("201");
        await anna.Completion.WaitAsync(XctipTestClient.Timeout);
        Assert.True((await piotr.RequestAsync(new StatusRegisterRequest())).IsSuccess);
        Assert.Equal(["202"], pbx.World.LoggedInExtensions(PbxProtocol.Xctip));
    }

    [Fact]
    public async Task Half_open_swallows_WDTest_and_stalls_all_output_until_it_ends()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "202");
        pbx.Faults.AnswerWatchdog = false;
        await client.SendAsync(new WatchdogTest());
        var pending = client.RequestAsync(new StatusUpdateRequest { AppState = AppState.Brb });

        // The request is still handled (the world changes) but its answer stays queued.
        var deadline = DateTime.UtcNow + XctipTestClient.Timeout;
        while (pbx.World.FindSubscriber("202")!.AppState != AppState.Brb)
        {
            Assert.True(DateTime.UtcNow < deadline, "The update request was never handled.");
            await Task.Yield();
        }

        Assert.False(pending.IsCompleted);
        pbx.Faults.AnswerWatchdog = true;
        Assert.True((await pending).IsSuccess);
        Assert.Empty((await client.DrainAsync()).OfType<WatchdogOk>()); // the swallowed WDTest never gets its WDOk
        Assert.Single(client.Received.OfType<WatchdogOk>());
    }

    [Fact]
    public async Task Answer_delay_uses_the_time_provider()
    {
        var time = new FakeTimeProvider();
        await using var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { TimeProvider = time });
        await using var client = await XctipTestClient.LoginAsync(pbx, "202");
        pbx.Faults.AnswerDelay = TimeSpan.FromSeconds(30);
        var pending = client.RequestAsync(new StatusUpdateRequest { AppState = AppState.Brb });

        // Advance fake time a second at a time: the answer cannot arrive before 30 fake seconds have passed.
        int seconds = 0;
        while (!pending.IsCompleted && seconds < 100_000)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            seconds++;
            await Task.WhenAny(pending, YieldAsync());
        }

        Assert.True((await pending).IsSuccess);
        Assert.InRange(seconds, 30, 100_000);
    }

    private static async Task YieldAsync() => await Task.Yield();

    [Fact]
    public async Task Reordered_answers_arrive_swapped()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "202");
        pbx.Faults.ReorderAnswers = true;
        await client.SendAsync(new StatusUpdateRequest { CId = 101, AppState = AppState.Brb });
        await client.SendAsync(new StatusUpdateRequest { CId = 102, AppState = AppState.Available });
        var first = await client.ReceiveAsync<XctipAnswer>();
        var second = await client.ReceiveAsync<XctipAnswer>();
        Assert.Equal([102, 101], [first.CId!.Value, second.CId!.Value]);
    }

    [Fact]
    public async Task Malformed_frame_and_split_output_are_survivable_by_a_correct_reader()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "202");
        pbx.Faults.SplitOutputEveryByte = true;
        pbx.Faults.InjectMalformedFrame("202");
        Assert.True((await client.RequestAsync(new StatusRegisterRequest { Id = 1001 })).IsSuccess);
        var refresh = await client.ReceiveAsync<StatusRefreshEvent>();
        Assert.Equal(1001, refresh.Id);
        Assert.Equal(1, client.ProtocolErrors);
    }

    [Fact]
    public async Task Slow_reader_overflowing_its_queue_is_closed_without_affecting_others()
    {
        await using var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { SessionQueueCapacity = 50 });
        await using var good = await XctipTestClient.LoginAsync(pbx, "203");

        // A raw socket that logs in, registers for presence and never reads.
        using var slow = new TcpClient { ReceiveBufferSize = 1024 };
        await slow.ConnectAsync(pbx.XctipEndPoint);
        await slow.GetStream().WriteAsync(XctipCodec.ToBytes(new MakeLogRequest { CId = 1, Login = "201", Pass = "1234" }, new StatusRegisterRequest { CId = 2 }));
        await pbx.Ledger.WaitForAsync(e => e.Extension == "201" && e.Message is StatusRefreshEvent).WaitAsync(XctipTestClient.Timeout);

        string filler = new('x', 4000);
        int sent = 0;
        for (; sent < 20_000 && pbx.World.LoggedInExtensions(PbxProtocol.Xctip).Contains("201"); sent++)
        {
            await pbx.Scenario.SetPresenceAsync("202", description: $"opis {sent} {filler}");
            await Task.Yield(); // let the closing session's loops take the world lock
        }

        Assert.True(sent < 20_000, $"sent {sent}, delivered to 201: {pbx.Ledger.DeliveredTo("201").Count}");
        Assert.True((await good.RequestAsync(new StatusRegisterRequest { Id = 1002 })).IsSuccess);
        Assert.StartsWith("opis", (await good.ReceiveAsync<StatusRefreshEvent>()).AppInfo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_drops_sessions_keeps_data_and_ports()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        var endPoint = pbx.XctipEndPoint;
        var client = await XctipTestClient.LoginAsync(pbx, "201");
        await pbx.Scenario.AddContactAsync("Przed restartem", "0229998877");
        uint epoch = pbx.World.Epoch;
        await pbx.RestartAsync();
        await client.Completion.WaitAsync(XctipTestClient.Timeout);
        await client.DisposeAsync();
        Assert.Equal(epoch, pbx.World.Epoch);
        Assert.Equal(endPoint, pbx.XctipEndPoint);
        await using var again = await XctipTestClient.LoginAsync(pbx, "201");
        var (rows, _, _) = await SyncTests.SyncAllAsync(again, SyncType.Book, "", 1000);
        Assert.Contains(rows, r => r.Contact?.Name == "Przed restartem");
    }

    [Fact]
    public async Task Ledger_records_delivered_messages_per_session()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "202");
        await client.DrainAsync();

        // The ledger records a message right after its write completed, so the client may see it a moment earlier.
        await pbx.Ledger.WaitForAsync(e => e.Extension == "202" && e.Message is WatchdogOk).WaitAsync(XctipTestClient.Timeout);
        var entries = pbx.Ledger.DeliveredTo("202");
        Assert.Contains(entries, e => e.Message is LogInfoAnswer);
        Assert.All(entries, e => Assert.Equal(PbxProtocol.Xctip, e.Protocol));
        Assert.True(entries.Select(e => e.Sequence).SequenceEqual(entries.Select(e => e.Sequence).Order()));
        var login = await pbx.Ledger.WaitForAsync(e => e.Message is LogInfoAnswer);
        Assert.Equal("202", login.Extension);
    }
}
