using System.Text;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Tests;

public sealed class CtipTests
{
    private static Task<PbxEmulator> StartAsync() => PbxEmulator.StartAsync(new PbxEmulatorOptions { CtipPort = 0 });

    private static async Task<CtipTestClient> LoginAsync(PbxEmulator pbx, string extension)
    {
        var client = await CtipTestClient.ConnectAsync(pbx.CtipEndPoint!);
        await client.SendAsync(new CtipLogin(extension, "1234"));
        var ok = await client.NextAsync<CtipOk>();
        Assert.True(ok.TryGetLoginReply(out var reply));
        Assert.Equal("NCP", reply.PbxType);
        Assert.Equal(15, reply.ProtocolVersion);
        return client;
    }

    [Fact]
    public async Task Who_works_without_login_and_other_commands_need_one()
    {
        await using var pbx = await StartAsync();
        await using var client = await CtipTestClient.ConnectAsync(pbx.CtipEndPoint!);
        await client.SendAsync(new CtipWho());
        var ok = await client.NextAsync<CtipOk>();
        Assert.True(ok.TryGetWhoReply(out var who));
        Assert.Equal("NCP-000", who.Model);
        Assert.Equal(15, who.ProtocolVersion);

        await client.SendAsync(new CtipDial("201", "202"));
        Assert.Equal(CtipNaReason.NotLoggedIn, (await client.NextAsync<CtipNotAccepted>()).Reason);
        await client.SendRawAsync("aFOO bar\r\n"u8.ToArray());
        await client.NextAsync<CtipError>();
    }

    [Theory]
    [InlineData("201", "9999", CtipNaReason.WrongKey)]
    [InlineData("201", null, CtipNaReason.NoKey)]
    [InlineData("241", "1234", CtipNaReason.CtiNotPermitted)]
    [InlineData("299", "1234", CtipNaReason.NotASubscriber)]
    public async Task Login_refusals_use_the_spec_NA_codes(string extension, string? key, CtipNaReason reason)
    {
        await using var pbx = await StartAsync();
        await using var client = await CtipTestClient.ConnectAsync(pbx.CtipEndPoint!);
        await client.SendAsync(new CtipLogin(extension, key));
        Assert.Equal(reason, (await client.NextAsync<CtipNotAccepted>()).Reason);
    }

    [Fact]
    public async Task Only_one_LOGI_or_LOGA_per_connection_and_LOGI_covers_one_extension()
    {
        await using var pbx = await StartAsync();
        await using var client = await LoginAsync(pbx, "201");
        await client.SendAsync(new CtipLoginAll(null));
        await client.NextAsync<CtipError>();
        await client.SendAsync(new CtipRequestState("202"));
        Assert.Equal(CtipNaReason.NotLoggedIn, (await client.NextAsync<CtipNotAccepted>()).Reason);
        await client.SendAsync(new CtipRequestState("201"));
        var stat = await client.NextAsync<CtipState>();
        Assert.Equal(CtipHookState.OnHook, stat.Hook);
        await client.SendAsync(new CtipLogout("201"));
        await client.NextAsync<CtipOk>();
    }

    [Fact]
    public async Task Incoming_call_reported_as_RING_STAT_CONN_REL_STAT_with_caller_name()
    {
        await using var pbx = await StartAsync();
        await using var client = await LoginAsync(pbx, "201");
        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "201");
        var ring = await client.NextAsync<CtipRing>();
        Assert.Equal("201", ring.Extension);
        Assert.Equal("0612345678", ring.Caller);
        Assert.Equal("Jan Kowalski, Kowalski Sp. z o.o.", ring.Comment);
        await pbx.Scenario.AnswerAsync(cr);
        await client.NextAsync<CtipConnected>();
        Assert.Equal(CtipHookState.OffHook, (await client.NextAsync<CtipState>()).Hook);
        await pbx.Scenario.HangUpAsync(cr);
        Assert.Equal(CtipReleaseCause.NormalClearing, (await client.NextAsync<CtipReleased>()).Cause);
        Assert.Equal(CtipHookState.OnHook, (await client.NextAsync<CtipState>()).Hook);
    }

    [Fact]
    public async Task LOGA_sees_group_ringing_with_cause_39_on_the_others()
    {
        await using var pbx = await StartAsync();
        await using var client = await CtipTestClient.ConnectAsync(pbx.CtipEndPoint!);
        await client.SendAsync(new CtipLoginAll(null));
        Assert.True((await client.NextAsync<CtipOk>()).TryGetLoginReply(out _));
        int cr = await pbx.Scenario.IncomingCallAsync("0600123456", "300");
        var rings = new[] { await client.NextAsync<CtipRing>(), await client.NextAsync<CtipRing>(), await client.NextAsync<CtipRing>() };
        Assert.Equal(["201", "202", "203"], rings.Select(r => r.Extension).ToArray());
        await pbx.Scenario.AnswerAsync(cr, "203");
        var released = new List<CtipReleased>();
        while (released.Count < 2)
        {
            if (await client.NextAsync() is CtipReleased r)
            {
                released.Add(r);
            }
        }

        Assert.All(released, r => Assert.Equal(CtipReleaseCause.CallIntercepted, r.Cause));
        Assert.Equal(["201", "202"], released.Select(r => r.Extension).Order().ToArray());
    }

    [Fact]
    public async Task DIAL_calls_back_the_extension_and_calls_the_number_and_REJ_deflects()
    {
        await using var pbx = await StartAsync();
        await using var anna = await LoginAsync(pbx, "201");
        await using var piotr = await LoginAsync(pbx, "202");
        await anna.SendAsync(new CtipDial("201", "202"));
        await anna.NextAsync<CtipOk>();
        Assert.Equal(CtipHookState.OffHook, (await anna.NextAsync<CtipState>()).Hook);
        Assert.Equal("201", (await anna.NextAsync<CtipDialReady>()).Extension);
        Assert.Equal("202", (await anna.NextAsync<CtipEcho>()).Digits);
        var ring = await piotr.NextAsync<CtipRing>();
        Assert.Equal("/201", ring.Caller);

        await piotr.SendAsync(new CtipReject("202", "203"));
        await piotr.NextAsync<CtipOk>();
        Assert.Equal(CtipReleaseCause.CallForwarded, (await piotr.NextAsync<CtipReleased>()).Cause);
        var call = Assert.Single(pbx.World.ActiveCalls);
        Assert.Equal(["203"], call.RingingAt);

        await piotr.SendAsync(new CtipReject("202", null));
        Assert.Equal(CtipNaReason.NoCall, (await piotr.NextAsync<CtipNotAccepted>()).Reason);
    }

    [Fact]
    public async Task DND_and_FWD_change_the_world_for_both_protocols()
    {
        await using var pbx = await StartAsync();
        await using var anna = await LoginAsync(pbx, "201");
        await using var xml = await XctipTestClient.LoginAsync(pbx, "202");
        Assert.True((await xml.RequestAsync(new StatusRegisterRequest { Id = 1001 })).IsSuccess);
        Assert.True((await xml.RequestAsync(new CallsRegisterRequest())).IsSuccess);

        await anna.SendAsync(new CtipDnd("201", true));
        await anna.NextAsync<CtipOk>();
        var stat = await anna.NextAsync<CtipState>();
        Assert.True(stat.Services.HasFlag(CtipServices.DoNotDisturb));
        Assert.Equal(DndState.On, (await xml.ReceiveAsync<StatusChangeEvent>()).DndStat);

        // A call from 202 to 201 now ends with DND: cause 40 / dnd.
        int cr = (await xml.RequestAsync(new MakeCallRequest { Number = "201" })).CR!.Value;
        Assert.Equal(ReleaseCause.DoNotDisturb, (await xml.ReceiveAsync<CallsChangeEvent>(e => e.CR == cr && e.CallsState == CallsState.Release)).RelCause);

        await anna.SendAsync(new CtipDnd("201", false));
        await anna.NextAsync<CtipOk>();
        await anna.NextAsync<CtipState>();
        await anna.SendAsync(new CtipForward("201", CtipForwardCondition.Immediate, CtipForwardScope.All, 0, "203"));
        await anna.NextAsync<CtipOk>();
        Assert.True((await anna.NextAsync<CtipState>()).Services.HasFlag(CtipServices.Forward));
        Assert.Equal("203", pbx.World.FindSubscriber("201")!.Forwards[0].Number);
        await anna.SendAsync(new CtipForwardDelete("201"));
        await anna.NextAsync<CtipOk>();
        Assert.False((await anna.NextAsync<CtipState>()).Services.HasFlag(CtipServices.Forward));
    }

    [Fact]
    public async Task Busy_extension_gives_REL_17_to_the_caller()
    {
        await using var pbx = await StartAsync();
        await using var anna = await LoginAsync(pbx, "201");
        int talk = await pbx.Scenario.IncomingCallAsync("0600123456", "202");
        await pbx.Scenario.AnswerAsync(talk);
        await anna.SendAsync(new CtipDial("201", "202"));
        await anna.NextAsync<CtipOk>();
        Assert.Equal(CtipReleaseCause.CalledPartyBusy, (await anna.ReceiveAsync<CtipReleased>()).Cause);
    }

    [Fact]
    public async Task PICK_and_HANG_work_on_system_phones_only()
    {
        await using var pbx = await StartAsync();
        await using var anna = await LoginAsync(pbx, "201");
        await anna.SendAsync(new CtipPick("201"));
        Assert.Equal(CtipNaReason.NoCall, (await anna.NextAsync<CtipNotAccepted>()).Reason);
        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "201");
        await anna.NextAsync<CtipRing>();
        await anna.SendAsync(new CtipPick("201"));
        await anna.NextAsync<CtipOk>();
        await anna.NextAsync<CtipConnected>();
        await anna.NextAsync<CtipState>();
        await anna.SendAsync(new CtipHang("201"));
        await anna.NextAsync<CtipOk>();
        Assert.Equal(CtipReleaseCause.NormalClearing, (await anna.NextAsync<CtipReleased>()).Cause);
        Assert.Equal(PbxCallPhase.Released, pbx.World.FindCall(cr)!.Phase);

        var sip = pbx.World.Subscribers.First(s => s.Kind == SubscriberKind.Voip).Extension;
        await using var voip = await LoginAsync(pbx, sip);
        await voip.SendAsync(new CtipPick(sip));
        Assert.Equal(CtipNaReason.UseDial, (await voip.NextAsync<CtipNotAccepted>()).Reason);
    }

    [Fact]
    public async Task Gsm_port_sends_sms_with_SMSA_SMSR_and_receives_SMSG_until_SOK()
    {
        await using var pbx = await StartAsync();
        await using var gsm = await CtipTestClient.ConnectAsync(pbx.CtipEndPoint!);
        await gsm.SendAsync(new CtipGsmLogin("G001", "0000", null));
        Assert.Equal(CtipNaReason.WrongKey, (await gsm.NextAsync<CtipNotAccepted>()).Reason);
        await gsm.SendAsync(new CtipGsmLogin("G001", "1234", "UTF8"));
        Assert.True((await gsm.NextAsync<CtipOk>()).TryGetGsmLoginReply(out var reply));
        Assert.Equal("48600100200", reply.Msisdn);

        await gsm.SendAsync(new CtipSmsSend("G001", "600333444", null, CtipSmsCoding.Gsm7Bit, CtipSmsType.Normal, 167, "Wizyta jutro\no 10"));
        await gsm.NextAsync<CtipOk>();
        var accepted = await gsm.NextAsync<CtipSmsAccepted>();
        var delivered = await gsm.NextAsync<CtipSmsDelivered>();
        Assert.Equal(accepted.OrderId, delivered.OrderId);
        Assert.Equal("600333444", delivered.Number);

        await pbx.Scenario.ReceiveSmsAsync("600333444", "260", "OK, będę");
        var sms = await gsm.NextAsync<CtipSmsReceived>();
        Assert.Equal("OK, będę", sms.Text);
        await gsm.SendAsync(new CtipSmsOk("G001", sms.MemoryIndex));
        await gsm.NextAsync<CtipOk>();

        await gsm.SendAsync(new CtipSmsSend("G001", "600333444", null, null, CtipSmsType.NormalNoReport, 167, new string('x', 161)));
        Assert.Equal(CtipNaReason.SmsTooLong, (await gsm.NextAsync<CtipNotAccepted>()).Reason);

        // A new login replays what was not acknowledged (the delivery report), not the acknowledged SMS.
        await using var again = await CtipTestClient.ConnectAsync(pbx.CtipEndPoint!);
        await again.SendAsync(new CtipGsmLogin("G001", "1234", null));
        await again.NextAsync<CtipOk>();
        Assert.Equal(delivered.MemoryIndex, (await again.NextAsync<CtipSmsDelivered>()).MemoryIndex);
    }

    [Fact]
    public async Task Garbage_lines_get_ERROR_and_the_session_goes_on()
    {
        await using var pbx = await StartAsync();
        await using var client = await LoginAsync(pbx, "201");
        await client.SendRawAsync(Encoding.ASCII.GetBytes("hello\r\naDIAL\r\n"));
        await client.NextAsync<CtipError>();
        await client.NextAsync<CtipError>();
        await client.SendAsync(new CtipRequestState("201"));
        await client.NextAsync<CtipState>();
    }

    [Fact]
    public async Task Call_to_a_busy_extension_with_call_waiting_is_reported_as_CW()
    {
        await using var pbx = await StartAsync();
        await using var anna = await LoginAsync(pbx, "201");
        int first = await pbx.Scenario.IncomingCallAsync("0612345678", "201");
        await pbx.Scenario.AnswerAsync(first);
        await anna.ReceiveAsync<CtipConnected>();
        int second = await pbx.Scenario.IncomingCallAsync("0600123456", "201");
        var cw = await anna.ReceiveAsync<CtipCallWaiting>();
        Assert.Equal("0600123456", cw.Number);
        Assert.Equal("Zofia Wójcik", cw.Comment);
        Assert.Equal(["201"], pbx.World.FindCall(second)!.RingingAt);

        await pbx.Scenario.AnswerAsync(second, "201");
        Assert.Equal(PbxCallPhase.Held, pbx.World.FindCall(first)!.Phase);
        Assert.Equal(PbxCallPhase.Connected, pbx.World.FindCall(second)!.Phase);
    }

    [Fact]
    public async Task Sms_centre_rejection_and_failed_delivery_are_reported()
    {
        await using var pbx = await StartAsync();
        await using var gsm = await CtipTestClient.ConnectAsync(pbx.CtipEndPoint!);
        await gsm.SendAsync(new CtipGsmLogin("G001", "1234", null));
        await gsm.NextAsync<CtipOk>();

        await pbx.Scenario.SetSmsOutcomeAsync(SmsOutcome.RejectedByCentre);
        await gsm.SendAsync(new CtipSmsSend("G001", "600333444", null, null, CtipSmsType.Normal, 167, "a"));
        await gsm.NextAsync<CtipOk>();
        Assert.Equal(70, (await gsm.NextAsync<CtipSmsRejected>()).ErrorCode);

        await pbx.Scenario.SetSmsOutcomeAsync(SmsOutcome.DeliveryFailed);
        await gsm.SendAsync(new CtipSmsSend("G001", "600333444", null, null, CtipSmsType.Normal, 167, "b"));
        await gsm.NextAsync<CtipOk>();
        var accepted = await gsm.NextAsync<CtipSmsAccepted>();
        var failed = await gsm.NextAsync<CtipSmsDeliveryFailed>();
        Assert.Equal((accepted.OrderId, 70, "600333444"), (failed.OrderId, failed.ErrorCode, failed.Number));
    }

    [Fact]
    public async Task Periodic_test_frames_follow_the_time_provider()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { CtipPort = 0, TimeProvider = time, CtipTestFrameInterval = TimeSpan.FromSeconds(30) });
        await using var client = await CtipTestClient.ConnectAsync(pbx.CtipEndPoint!);
        await client.SendAsync(new CtipWho());
        await client.NextAsync<CtipOk>(); // the session exists now
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.IsType<CtipTestFrame>(await client.NextRawAsync());
    }
}
