using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Tests;

public sealed class CallControlTests
{
    private static Task<XctipTestClient> Calls(PbxEmulator pbx, string ext) => CallsTests.CallsClientAsync(pbx, ext);

    private static async Task<CallsChangeEvent> Next(XctipTestClient c) => await c.ReceiveAsync<CallsChangeEvent>();

    /// <summary>A customer's call to <paramref name="ext"/>, answered; returns its CR once the client has seen it connect.</summary>
    private static async Task<int> AnsweredCallAsync(PbxEmulator pbx, XctipTestClient client, string ext)
    {
        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", ext);
        await pbx.Scenario.AnswerAsync(cr);
        await client.ReceiveAsync<CallsChangeEvent>(e => e.CallsState == CallsState.Connect);
        return cr;
    }

    [Fact]
    public async Task Reject_ends_the_call_for_the_caller_with_rejected()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await Calls(pbx, "201");
        await using var piotr = await Calls(pbx, "202");
        int cr = (await anna.RequestAsync(new MakeCallRequest { Number = "202" })).CR!.Value;
        await Next(piotr);
        Assert.True((await piotr.RequestAsync(new RejectCallRequest { CR = cr })).IsSuccess);
        Assert.Equal(ReleaseCause.Rejected, (await piotr.ReceiveAsync<CallsChangeEvent>(e => e.CallsState == CallsState.Release)).RelCause);
        Assert.Equal(ReleaseCause.Rejected, (await anna.ReceiveAsync<CallsChangeEvent>(e => e.CallsState == CallsState.Release)).RelCause);
    }

    [Fact]
    public async Task Reject_with_Number_deflects_the_call()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await Calls(pbx, "201");
        await using var kasia = await Calls(pbx, "203");
        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "201");
        await Next(anna);
        Assert.True((await anna.RequestAsync(new RejectCallRequest { CR = cr, Number = "203" })).IsSuccess);
        Assert.Equal(ReleaseCause.Forwarded, (await anna.ReceiveAsync<CallsChangeEvent>(e => e.CallsState == CallsState.Release)).RelCause);
        var ring = await Next(kasia);
        Assert.Equal(cr, ring.CR);
        Assert.Equal("0612345678", ring.Calling!.Number);
        Assert.Equal(PbxErrors.NoSuchCall, (await anna.RequestAsync(new RejectCallRequest { CR = cr })).Error);
    }

    [Fact]
    public async Task Hold_and_retrieve()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await Calls(pbx, "201");
        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "201");
        Assert.True((await anna.RequestAsync(new AnswerCallRequest { CR = cr })).IsSuccess);
        await anna.ReceiveAsync<CallsChangeEvent>(e => e.CallsState == CallsState.Connect);
        Assert.True((await anna.RequestAsync(new HoldCallRequest { CR = cr })).IsSuccess);
        Assert.Equal(CallsState.Hold, (await Next(anna)).CallsState);
        Assert.Equal(PbxCallPhase.Held, pbx.World.FindCall(cr)!.Phase);
        Assert.Equal(PbxErrors.NoSuchCall, (await anna.RequestAsync(new HoldCallRequest { CR = cr })).Error);
        Assert.True((await anna.RequestAsync(new RetrieveCallRequest { CR = cr })).IsSuccess);
        Assert.Equal(CallsState.Connect, (await Next(anna)).CallsState);
    }

    [Fact]
    public async Task Analog_desk_phone_cannot_be_answered_remotely()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        string analog = pbx.World.Subscribers.First(s => s.Kind == SubscriberKind.MessengerUser && s.Extension != "201" && s.Extension != "202" && s.Extension != "203"
            && PbxWorldData.CreateDefault().Subscribers.Single(d => d.Extension == s.Extension) is { Phone: PhoneKind.Analog, Voip: false }).Extension;
        await using var user = await Calls(pbx, analog);
        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", analog);
        await Next(user);
        Assert.Equal(PbxErrors.NotPermitted, (await user.RequestAsync(new AnswerCallRequest { CR = cr })).Error);
    }

    [Fact]
    public async Task Blind_transfer_hands_the_caller_over()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await Calls(pbx, "201");
        await using var kasia = await Calls(pbx, "203");
        int cr = await AnsweredCallAsync(pbx, anna, "201");

        Assert.True((await anna.RequestAsync(new TransferCallRequest { CR = cr, Number = "203", Mode = TransferMode.Blind })).IsSuccess);
        Assert.Equal(CallsState.Transfer, (await Next(anna)).CallsState);
        Assert.Equal(CallsState.Release, (await Next(anna)).CallsState);
        var ring = await Next(kasia);
        Assert.Equal(CallsState.NewCall, ring.CallsState);
        Assert.Equal("0612345678", ring.Calling!.Number);
        Assert.Equal("Jan Kowalski, Kowalski Sp. z o.o.", ring.Calling.Comment);
        await pbx.Scenario.AnswerAsync(cr, "203");
        Assert.Equal(CallsState.Connect, (await Next(kasia)).CallsState);
    }

    [Fact]
    public async Task Unannounced_transfer_holds_then_hands_over()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await Calls(pbx, "201");
        await using var kasia = await Calls(pbx, "203");
        int cr = await AnsweredCallAsync(pbx, anna, "201");
        Assert.True((await anna.RequestAsync(new TransferCallRequest { CR = cr, Number = "203", Mode = TransferMode.Unannounced })).IsSuccess);
        Assert.Equal([CallsState.Hold, CallsState.Transfer, CallsState.Release], [(await Next(anna)).CallsState!.Value, (await Next(anna)).CallsState!.Value, (await Next(anna)).CallsState!.Value]);
        Assert.Equal(CallsState.NewCall, (await Next(kasia)).CallsState);
    }

    [Fact]
    public async Task Announced_transfer_consults_then_joins()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await Calls(pbx, "201");
        await using var kasia = await Calls(pbx, "203");
        int cr = await AnsweredCallAsync(pbx, anna, "201");

        Assert.True((await anna.RequestAsync(new TransferCallRequest { CR = cr, Number = "203", Mode = TransferMode.Announced })).IsSuccess);
        Assert.Equal(CallsState.Hold, (await Next(anna)).CallsState);
        var consult = await Next(anna);
        Assert.Equal(CallsState.NewCall, consult.CallsState);
        Assert.Equal("203", consult.Called!.Number);
        Assert.NotEqual(cr, consult.CR);
        var ring = await Next(kasia);
        Assert.True((await kasia.RequestAsync(new AnswerCallRequest { CR = ring.CR })).IsSuccess);
        await kasia.ReceiveAsync<CallsChangeEvent>(e => e.CallsState == CallsState.Connect);
        await anna.ReceiveAsync<CallsChangeEvent>(e => e.CallsState == CallsState.Connect && e.CR == consult.CR);

        Assert.True((await anna.RequestAsync(new TransferCallRequest { CR = cr, Number = "203", Mode = TransferMode.Announced, ConsultCR = consult.CR })).IsSuccess);
        var joined = await kasia.ReceiveAsync<CallsChangeEvent>(e => e.CR == cr);
        Assert.Equal(CallsState.Connect, joined.CallsState);
        Assert.Equal("0612345678", joined.Calling!.Number);
        var info = pbx.World.FindCall(cr)!;
        Assert.Equal(PbxCallPhase.Connected, info.Phase);
        Assert.Equal("203", info.AnsweredBy);
        Assert.Equal(PbxCallPhase.Released, pbx.World.FindCall(consult.CR!.Value)!.Phase);
        var annaStates = (await anna.DrainAsync()).OfType<CallsChangeEvent>().Select(e => (e.CR, e.CallsState!.Value.Value)).ToList();
        Assert.Contains((cr, "Transfer_ST"), annaStates);
        Assert.Contains((cr, "Release_ST"), annaStates);
        Assert.Contains((consult.CR, "Release_ST"), annaStates);
    }

    [Fact]
    public async Task Dtmf_pickup_and_conference()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await Calls(pbx, "201");
        await using var piotr = await Calls(pbx, "202");

        // Pickup: 202 is in 201's pickup group.
        int cr = await pbx.Scenario.IncomingCallAsync("0600123456", "201");
        await Next(anna);
        Assert.True((await piotr.RequestAsync(new PickupCallRequest())).IsSuccess);
        Assert.Equal(ReleaseCause.CallIntercepted, (await Next(anna)).RelCause);
        await piotr.ReceiveAsync<CallsChangeEvent>(e => e.CallsState == CallsState.Connect && e.CR == cr);
        Assert.Equal("202", pbx.World.FindCall(cr)!.AnsweredBy);

        Assert.True((await piotr.RequestAsync(new DtmfRequest { CR = cr, Digits = "12#" })).IsSuccess);
        Assert.Equal(["12#"], pbx.World.FindCall(cr)!.Dtmf);
        Assert.Equal(PbxErrors.MalformedMessage, (await piotr.RequestAsync(new DtmfRequest { CR = cr, Digits = "AB" })).Error);
        Assert.Equal(PbxErrors.NoSuchCall, (await piotr.RequestAsync(new PickupCallRequest())).Error);

        // Conference: hold, consult 0612345678, join.
        Assert.True((await piotr.RequestAsync(new HoldCallRequest { CR = cr })).IsSuccess);
        int consult = (await piotr.RequestAsync(new MakeCallRequest { Number = "0612345678" })).CR!.Value;
        await pbx.Scenario.AnswerAsync(consult);
        Assert.True((await piotr.RequestAsync(new ConferenceCallRequest { CR = cr, ConsultCR = consult })).IsSuccess);
        Assert.Equal(PbxCallPhase.Connected, pbx.World.FindCall(cr)!.Phase);
        Assert.Equal(PbxCallPhase.Connected, pbx.World.FindCall(consult)!.Phase);
    }

    [Fact]
    public async Task Dnd_busy_invalid_and_out_of_order_give_their_causes()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await Calls(pbx, "201");
        await using var kasia = await Calls(pbx, "203");

        Assert.True((await kasia.RequestAsync(new ServicesSetRequest { Dnd = DndState.On })).IsSuccess);
        int cr = (await anna.RequestAsync(new MakeCallRequest { Number = "203" })).CR!.Value;
        Assert.Equal(ReleaseCause.DoNotDisturb, (await anna.ReceiveAsync<CallsChangeEvent>(e => e.CR == cr && e.CallsState == CallsState.Release)).RelCause);
        Assert.Empty((await kasia.DrainAsync()).OfType<CallsChangeEvent>());

        // 202 busy in a call (no call waiting, no forwarding): cause busy.
        int talk = await pbx.Scenario.IncomingCallAsync("0600123456", "202");
        await pbx.Scenario.AnswerAsync(talk);
        cr = (await anna.RequestAsync(new MakeCallRequest { Number = "202" })).CR!.Value;
        Assert.Equal(ReleaseCause.Busy, (await anna.ReceiveAsync<CallsChangeEvent>(e => e.CR == cr && e.CallsState == CallsState.Release)).RelCause);

        cr = (await anna.RequestAsync(new MakeCallRequest { Number = "299" })).CR!.Value;
        Assert.Equal(ReleaseCause.InvalidNumber, (await anna.ReceiveAsync<CallsChangeEvent>(e => e.CR == cr && e.CallsState == CallsState.Release)).RelCause);

        await pbx.Scenario.SetPhoneStateAsync("204", PhoneState.OutOfOrder);
        cr = (await anna.RequestAsync(new MakeCallRequest { Number = "204" })).CR!.Value;
        Assert.Equal(ReleaseCause.OutOfOrder, (await anna.ReceiveAsync<CallsChangeEvent>(e => e.CR == cr && e.CallsState == CallsState.Release)).RelCause);
    }

    [Fact]
    public async Task Forwarding_all_busy_and_no_answer_reroute_calls()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        await using var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { TimeProvider = time });
        await using var piotr = await Calls(pbx, "202");
        await using var kasia = await Calls(pbx, "203");

        // All: 202 → 203.
        Assert.True((await piotr.RequestAsync(new ServicesSetRequest { Fwd = [new ForwardingRule { Type = ForwardingType.All, On = true, Number = "203", Rings = 0 }] })).IsSuccess);
        var services = await piotr.ReceiveAsync<ServicesChangeEvent>();
        Assert.Equal(1002, services.Id);
        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "202");
        Assert.Equal(ReleaseCause.Forwarded, (await piotr.ReceiveAsync<CallsChangeEvent>(e => e.CallsState == CallsState.Release)).RelCause);
        Assert.Equal(cr, (await Next(kasia)).CR);
        await pbx.Scenario.HangUpAsync(cr);
        await kasia.ReceiveAsync<CallsChangeEvent>(e => e.CallsState == CallsState.Release);

        // No answer after 2 rings (2 × 5 s): 202 → 203.
        Assert.True((await piotr.RequestAsync(new ServicesSetRequest { Fwd = [new ForwardingRule { Type = ForwardingType.All, On = false }, new ForwardingRule { Type = ForwardingType.NoAnswer, On = true, Number = "203", Rings = 2 }] })).IsSuccess);
        cr = await pbx.Scenario.IncomingCallAsync("0612345678", "202");
        Assert.Equal(CallsState.NewCall, (await piotr.ReceiveAsync<CallsChangeEvent>(e => e.CR == cr)).CallsState);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(["202"], pbx.World.FindCall(cr)!.RingingAt);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ReleaseCause.Forwarded, (await piotr.ReceiveAsync<CallsChangeEvent>(e => e.CR == cr && e.CallsState == CallsState.Release)).RelCause);
        Assert.Equal(cr, (await kasia.ReceiveAsync<CallsChangeEvent>(e => e.CR == cr)).CR);
        await pbx.Scenario.AnswerAsync(cr, "203");

        // Busy: 203 is talking now and forwards on busy to an outside number.
        Assert.True((await kasia.RequestAsync(new ServicesSetRequest { Fwd = [new ForwardingRule { Type = ForwardingType.Busy, On = true, Number = "0600123456" }] })).IsSuccess);
        int second = await pbx.Scenario.IncomingCallAsync("0221112233", "203");
        var info = pbx.World.FindCall(second)!;
        Assert.Equal(PbxCallPhase.Ringing, info.Phase);
        Assert.Empty(info.RingingAt);
        Assert.Equal("0600123456", info.AnsweredBy); // the outside forward target rings

        await piotr.SendAsync(new ServicesGetRequest { CId = 77 });
        var get = await piotr.ReceiveAsync<ServicesAnswer>();
        Assert.Equal(new ForwardingRule { Type = ForwardingType.NoAnswer, On = true, Number = "203", Rings = 2 }, get.Fwd[2]);
    }

    [Fact]
    public async Task Services_Get_lists_dnd_and_three_forwards()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "201");
        int cid = client.NextCId();
        await client.SendAsync(new ServicesGetRequest { CId = cid });
        var ans = await client.ReceiveAsync<ServicesAnswer>();
        Assert.Equal(cid, ans.CId);
        Assert.Equal(DndState.Off, ans.Dnd);
        Assert.Equal([ForwardingType.All, ForwardingType.Busy, ForwardingType.NoAnswer], ans.Fwd.Select(f => f.Type!.Value).ToArray());
        Assert.Equal(PbxErrors.MalformedMessage, (await client.RequestAsync(new ServicesSetRequest { Fwd = [new ForwardingRule { Type = ForwardingType.All, On = true }] })).Error);
    }
}

public sealed class CallMonitoringTests
{
    [Fact]
    public async Task Register_with_Id_and_Pass_monitors_another_subscriber()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var boss = await XctipTestClient.LoginAsync(pbx, "201");
        Assert.Equal(PbxErrors.NotPermitted, (await boss.RequestAsync(new CallsRegisterRequest { Id = 1002, Pass = "bad" })).Error);
        Assert.True((await boss.RequestAsync(new CallsRegisterRequest { Id = 1002, Pass = "1234" })).IsSuccess);
        await pbx.Scenario.IncomingCallAsync("0612345678", "202");
        var e = await boss.ReceiveAsync<CallsChangeEvent>();
        Assert.Equal(1001, e.Src_Id);
        Assert.Equal(1002, e.Dst_Id);
        Assert.Equal("202", e.Called!.Number);
    }

    [Fact]
    public async Task Registering_mid_call_reports_the_calls_in_progress()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "202");
        await pbx.Scenario.AnswerAsync(cr);
        await using var piotr = await CallsTests.CallsClientAsync(pbx, "202");
        var e = await piotr.ReceiveAsync<CallsChangeEvent>();
        Assert.Equal((cr, CallsState.Connect), (e.CR!.Value, e.CallsState!.Value));
    }

    [Fact]
    public async Task Outside_call_cannot_be_transferred_to_an_outside_number()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await CallsTests.CallsClientAsync(pbx, "201");
        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "201");
        await pbx.Scenario.AnswerAsync(cr);
        Assert.Equal(PbxErrors.NotPermitted, (await anna.RequestAsync(new TransferCallRequest { CR = cr, Number = "0600123456", Mode = TransferMode.Blind })).Error);
    }
}
