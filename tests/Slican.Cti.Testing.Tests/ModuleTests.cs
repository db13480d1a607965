using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Tests;

/// <summary>Call Center, doors, GSM, text conferences, files, location.</summary>
public sealed class ModuleTests
{
    [Fact]
    public async Task Call_center_queues_agents_pause_waiting_calls_and_callbacks()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await XctipTestClient.LoginAsync(pbx, "201");
        Assert.True((await anna.RequestAsync(new CallsRegisterRequest())).IsSuccess);
        await anna.SendAsync(new CallCenterRegisterRequest { CId = 40 });
        var queues = await anna.ReceiveAsync<CallCenterQueuesAnswer>();
        Assert.Equal(40, queues.CId);
        Assert.Equal(["Sprzedaż", "Serwis"], queues.Queue.Select(q => q.Name!).ToArray());
        Assert.All(queues.Queue, q => Assert.False(q.LoggedIn));

        // Everyone in queue 1 busy: take 205 and 207 out first.
        await pbx.Scenario.SetAgentLoginAsync(1, "205", false);
        await pbx.Scenario.SetAgentLoginAsync(1, "207", false);
        int cr = await pbx.Scenario.QueueCallAsync(1, "0612345678");
        var waiting = await anna.ReceiveAsync<CallCenterQueueEvent>(e => e.Queue!.QueueId == 1 && e.Queue.Waiting == 1);
        Assert.Equal(0, waiting.Queue!.Agents);
        Assert.Equal(PbxCallPhase.Waiting, pbx.World.FindCall(cr)!.Phase);

        // Anna logs in as agent: the waiting call rings her.
        Assert.True((await anna.RequestAsync(new CallCenterAgentLoginRequest { QueueId = 1 })).IsSuccess);
        var ring = await anna.ReceiveAsync<CallsChangeEvent>(e => e.CR == cr);
        Assert.Equal("401", ring.Called!.Number);
        Assert.Equal("Sprzedaż", ring.Called.Comment);
        await pbx.Scenario.AnswerAsync(cr, "201");
        await pbx.Scenario.HangUpAsync(cr);

        // Pause: a new queue call waits; the caller gives up: a callback row appears.
        Assert.True((await anna.RequestAsync(new CallCenterPauseRequest { On = true, Reason = "Obiad" })).IsSuccess);
        await anna.ReceiveAsync<CallCenterQueueEvent>(e => e.Queue!.QueueId == 1 && e.Queue.Paused == true);
        Assert.True(pbx.World.FindSubscriber("201")!.Paused);
        int lost = await pbx.Scenario.QueueCallAsync(1, "0600123456");
        Assert.Equal(PbxCallPhase.Waiting, pbx.World.FindCall(lost)!.Phase);
        Assert.True((await anna.RequestAsync(new SyncAutoChangeRequest { SyncType = SyncType.CCCallback })).IsSuccess);
        await pbx.Scenario.HangUpAsync(lost);
        var pushed = await anna.ReceiveAsync<SyncRecordsEvent>();
        var cb = pushed.Rows.Single().Callback!;
        Assert.Equal("0600123456", cb.Number);
        Assert.Equal("Zofia Wójcik", cb.Name);
        Assert.Equal("Waiting", cb.State);

        Assert.True((await anna.RequestAsync(new CallCenterCallbackDoneRequest { CbId = cb.CbId, Result = CallbackResult.NoAnswer })).IsSuccess);
        var update = (await anna.ReceiveAsync<SyncRecordsEvent>()).Rows.Single();
        Assert.Equal(RowType.Update, update.RowType);
        Assert.Equal(1, update.Callback!.Attempts);
        Assert.True((await anna.RequestAsync(new CallCenterCallbackDoneRequest { CbId = cb.CbId, Result = CallbackResult.Done })).IsSuccess);
        Assert.Equal("Done", (await anna.ReceiveAsync<SyncRecordsEvent>()).Rows.Single().Callback!.State);

        var (rows, _, _) = await SyncTests.SyncAllAsync(anna, SyncType.CCCallback, "", 10);
        Assert.Equal(3, rows.Count(r => r.Callback is not null));

        await using var piotr = await XctipTestClient.LoginAsync(pbx, "202");
        Assert.Equal(PbxErrors.NotPermitted, (await piotr.RequestAsync(new CallCenterAgentLoginRequest { QueueId = 1 })).Error);
        Assert.Equal(PbxErrors.MalformedMessage, (await piotr.RequestAsync(new CallCenterAgentLoginRequest { QueueId = 9 })).Error);
        Assert.Equal(PbxErrors.NotPermitted, (await piotr.RequestAsync(new SyncRequest { SyncType = SyncType.CCCallback, Marker = "", Limit = 5 })).Error);
    }

    [Fact]
    public async Task Door_opens_on_request_and_closes_after_the_door_time()
    {
        var time = new FakeTimeProvider();
        await using var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { TimeProvider = time });
        await using var anna = await XctipTestClient.LoginAsync(pbx, "201");
        Assert.True((await anna.RequestAsync(new StatusRegisterRequest { Id = 1050 })).IsSuccess);
        Assert.True((await anna.RequestAsync(new DoorOpenRequest { Id = 1050 })).IsSuccess);
        Assert.Equal(DoorState.Open, (await anna.ReceiveAsync<StatusChangeEvent>()).Door);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(DoorState.Close, (await anna.ReceiveAsync<StatusChangeEvent>()).Door);

        await anna.SendAsync(new DoorCameraRequest { CId = 51, Id = 1050 });
        var camera = await anna.ReceiveAsync<DoorCameraAnswer>();
        Assert.Equal(51, camera.CId);
        Assert.Equal("rtsp://127.0.0.1:8554/door", camera.Url);
        Assert.Equal("viewer", camera.Login);
        Assert.NotNull(camera.Pass);

        Assert.Equal(PbxErrors.NotPermitted, (await anna.RequestAsync(new DoorOpenRequest { Id = 1002 })).Error);
        await using var piotr = await XctipTestClient.LoginAsync(pbx, "202");
        Assert.Equal(PbxErrors.NotPermitted, (await piotr.RequestAsync(new DoorCameraRequest { Id = 1050 })).Error);
    }

    [Fact]
    public async Task Gsm_sms_send_acknowledge_report_and_incoming_with_replay_until_SMSOk()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        var client = await XctipTestClient.LoginAsync(pbx, "201");
        await client.SendAsync(new GsmRegisterRequest { CId = 3, Number = "", CodePage = "PBX" });
        var info = await client.ReceiveAsync<GsmRegisterInfoAnswer>();
        Assert.Equal(1, info.GsmId);
        Assert.Equal("48600100200", info.Number);
        Assert.True((await client.ReceiveAsync<XctipAnswer>(a => a.CId == 3)).IsSuccess);

        Assert.True((await client.RequestAsync(new GsmSmsSendRequest { GsmId = 1, Number = "600333444", Type = "Normal", Report = true, Time = 167, Text = "Przypomnienie o wizycie", Code = "GSM" })).IsSuccess);
        var ack = await client.ReceiveAsync<GsmSmsAcknowledgeEvent>();
        Assert.Equal("Confirm", ack.Status);
        var report = await client.ReceiveAsync<GsmSmsReportEvent>();
        Assert.Equal("Delivered", report.Status);
        Assert.Equal(ack.MsgId, report.MsgId);
        Assert.Equal("600333444", report.Number);

        await pbx.Scenario.ReceiveSmsAsync("600333444", "260", "Potwierdzam");
        var incoming = await client.ReceiveAsync<GsmSmsGetEvent>();
        Assert.Equal("Potwierdzam", incoming.Text);
        Assert.Equal("600333444", incoming.Number);
        Assert.True((await client.RequestAsync(new GsmSmsOkRequest { GsmId = 1, MemId = incoming.MemId })).IsSuccess);
        await client.DisposeAsync();

        // The unacknowledged report is replayed on the next registration; the acknowledged SMS is not.
        await using var again = await XctipTestClient.LoginAsync(pbx, "202");
        await again.SendAsync(new GsmRegisterRequest { CId = 4, CodePage = "PBX" });
        await again.ReceiveAsync<XctipAnswer>(a => a.CId == 4);
        var replay = await again.DrainAsync();
        Assert.Equal(report.MemId, Assert.IsType<GsmSmsReportEvent>(Assert.Single(replay)).MemId);

        Assert.Equal(PbxErrors.MalformedMessage, (await again.RequestAsync(new GsmSmsSendRequest { GsmId = 1, Number = "600", Text = new string('x', 161) })).Error);
    }

    [Fact]
    public async Task Text_conference_create_post_edit_leave()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await ChatTests.ChatClientAsync(pbx, "201");
        await using var piotr = await ChatTests.ChatClientAsync(pbx, "202");
        await using var kasia = await ChatTests.ChatClientAsync(pbx, "203");

        await anna.SendAsync(new ConferenceCreateRequest { CId = 60, ConferenceName = "Projekt X", Member = ["202", "203"] });
        var conf = await anna.ReceiveAsync<ConferenceAnswer>();
        Assert.Equal(["201", "202", "203"], conf.Member.ToArray());
        Assert.Equal(conf.ConfId, (await piotr.ReceiveAsync<ConferenceChangeEvent>()).ConfId);

        Assert.True((await piotr.RequestAsync(new SmsSendRequest { Number = conf.ConfId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = SmsType.Conference, Text = "Start o 10" })).IsSuccess);
        foreach (var c in new[] { anna, kasia })
        {
            var post = await c.ReceiveAsync<SmsReceiveEvent>();
            Assert.Equal(SmsType.Conference, post.Type);
            Assert.Equal("202", post.Number);
            Assert.Equal(conf.ConfId, post.ConfId);
        }

        Assert.True((await anna.RequestAsync(new ConferenceEditRequest { ConfId = conf.ConfId, Member = ["201", "202"] })).IsSuccess);
        Assert.True((await kasia.ReceiveAsync<ConferenceChangeEvent>(e => e.Deleted == true)).Deleted);
        Assert.Equal(PbxErrors.NotPermitted, (await kasia.RequestAsync(new SmsSendRequest { Number = conf.ConfId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = SmsType.Conference, Text = "?" })).Error);
        Assert.True((await piotr.RequestAsync(new ConferenceLeaveRequest { ConfId = conf.ConfId })).IsSuccess);
        Assert.Equal(["201"], (await anna.ReceiveAsync<ConferenceChangeEvent>(e => e.Member.Count == 1)).Member.ToArray());
    }

    [Fact]
    public async Task File_offer_and_location_sharing()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await XctipTestClient.LoginAsync(pbx, "201");
        await using var piotr = await XctipTestClient.LoginAsync(pbx, "202");

        await anna.SendAsync(new FileOfferRequest { CId = 80, Number = "202", FileName = "oferta.pdf", Size = 183422, Clipboard = false });
        var offer = await anna.ReceiveAsync<FileOfferAnswer>();
        var received = await piotr.ReceiveAsync<FileOfferEvent>();
        Assert.Equal(offer.Token, received.Token);
        Assert.Equal("201", received.Number);
        Assert.Equal("oferta.pdf", received.FileName);
        Assert.StartsWith("https://", received.Url, StringComparison.Ordinal);
        Assert.Equal(PbxErrors.NotPermitted, (await anna.RequestAsync(new FileOfferRequest { Number = "202", FileName = "c.txt", Size = 1, Clipboard = true })).Error);

        Assert.True((await anna.RequestAsync(new LocationShareRequest { Id = [1002], On = true })).IsSuccess);
        Assert.True((await anna.RequestAsync(new LocationUpdateRequest { Lat = 52.229675m, Lon = 21.012230m })).IsSuccess);
        var position = await piotr.ReceiveAsync<LocationPositionEvent>();
        Assert.Equal(1001, position.Id);
        Assert.Equal(52.229675m, position.Lat);
        Assert.Equal(PbxErrors.MalformedMessage, (await anna.RequestAsync(new LocationUpdateRequest { Lat = 91m, Lon = 0m })).Error);

        await anna.SendAsync(new SyncGetPermissionRequest { CId = 12, Id = 1001 });
        var perm = await anna.ReceiveAsync<SyncGetPermissionAnswer>();
        Assert.True(perm.EditBook);
        Assert.True(perm.EditGroups);
    }
}
