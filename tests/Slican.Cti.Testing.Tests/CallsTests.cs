using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Tests;

public sealed class CallsTests
{
    internal static async Task<XctipTestClient> CallsClientAsync(PbxEmulator pbx, string extension)
    {
        var client = await XctipTestClient.LoginAsync(pbx, extension);
        Assert.True((await client.RequestAsync(new CallsRegisterRequest())).IsSuccess);
        return client;
    }

    [Fact]
    public async Task Incoming_call_answered_and_hung_up_gives_the_verified_sequence_with_contact_name()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await CallsClientAsync(pbx, "201");

        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "201");
        var ring = await anna.ReceiveAsync<CallsChangeEvent>();
        Assert.Equal(CallsState.NewCall, ring.CallsState);
        Assert.Equal(cr, ring.CR);
        Assert.Equal(1001, ring.Src_Id);
        Assert.Equal(1001, ring.Dst_Id);
        Assert.Equal("0612345678", ring.Calling!.Number);
        Assert.Equal("Jan Kowalski, Kowalski Sp. z o.o.", ring.Calling.Comment);
        Assert.Equal("201", ring.Called!.Number);

        await pbx.Scenario.AnswerAsync(cr);
        var connect = await anna.ReceiveAsync<CallsChangeEvent>();
        Assert.Equal(CallsState.Connect, connect.CallsState);
        Assert.Equal("201", connect.Colp!.Number);
        Assert.Equal("Anna Nowak (Recepcja)", connect.Colp.Comment);

        await pbx.Scenario.HangUpAsync(cr);
        Assert.Equal(CallsState.Disconnect, (await anna.ReceiveAsync<CallsChangeEvent>()).CallsState);
        var release = await anna.ReceiveAsync<CallsChangeEvent>();
        Assert.Equal(CallsState.Release, release.CallsState);
        Assert.Equal(ReleaseCause.Normal, release.RelCause);
        Assert.Empty(pbx.World.ActiveCalls);
        Assert.Equal(PbxCallPhase.Released, pbx.World.FindCall(cr)!.Phase);
    }

    [Fact]
    public async Task Mobile_caller_is_matched_and_marked_GSM()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var piotr = await CallsClientAsync(pbx, "202");
        await pbx.Scenario.IncomingCallAsync("0600123456", "202");
        var ring = await piotr.ReceiveAsync<CallsChangeEvent>();
        Assert.Equal("Zofia Wójcik", ring.Calling!.Comment);
        Assert.Equal("GSM", ring.Calling.AreaCode);
    }

    [Fact]
    public async Task Group_call_answered_by_one_member_is_intercepted_for_the_others()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await CallsClientAsync(pbx, "201");
        await using var piotr = await CallsClientAsync(pbx, "202");
        await using var kasia = await CallsClientAsync(pbx, "203");

        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "300");
        foreach (var c in new[] { anna, piotr, kasia })
        {
            var ring = await c.ReceiveAsync<CallsChangeEvent>();
            Assert.Equal(CallsState.NewCall, ring.CallsState);
            Assert.Equal("300", ring.Called!.Number);
            Assert.Equal("Recepcja", ring.Called.Comment);
        }

        await pbx.Scenario.AnswerAsync(cr, "202");
        Assert.Equal(CallsState.Connect, (await piotr.ReceiveAsync<CallsChangeEvent>()).CallsState);
        foreach (var c in new[] { anna, kasia })
        {
            var rel = await c.ReceiveAsync<CallsChangeEvent>();
            Assert.Equal(CallsState.Release, rel.CallsState);
            Assert.Equal(ReleaseCause.CallIntercepted, rel.RelCause);
        }
    }

    [Fact]
    public async Task MakeCall_returns_the_CR_of_the_new_call_and_the_callee_rings()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await CallsClientAsync(pbx, "201");
        await using var piotr = await CallsClientAsync(pbx, "202");

        var answer = await anna.RequestAsync(new MakeCallRequest { Number = "202" });
        Assert.True(answer.IsSuccess);
        Assert.NotNull(answer.CR);
        var dialling = await anna.ReceiveAsync<CallsChangeEvent>();
        Assert.Equal(answer.CR, dialling.CR);
        Assert.Equal(CallsState.NewCall, dialling.CallsState);
        Assert.Equal("202", dialling.Called!.Number);
        Assert.Equal("Piotr Kowalski", dialling.Called.Comment);

        var ring = await piotr.ReceiveAsync<CallsChangeEvent>();
        Assert.Equal(answer.CR, ring.CR);
        Assert.Equal("201", ring.Calling!.Number);

        Assert.True((await piotr.RequestAsync(new AnswerCallRequest { CR = ring.CR })).IsSuccess);
        Assert.Equal(CallsState.Connect, (await anna.ReceiveAsync<CallsChangeEvent>()).CallsState);
        Assert.Equal(CallsState.Connect, (await piotr.ReceiveAsync<CallsChangeEvent>()).CallsState);

        Assert.True((await anna.RequestAsync(new ReleaseCallRequest { CR = answer.CR })).IsSuccess);
        Assert.Equal(CallsState.Release, (await anna.ReceiveAsync<CallsChangeEvent>()).CallsState);
        Assert.Equal(CallsState.Disconnect, (await piotr.ReceiveAsync<CallsChangeEvent>()).CallsState);
        Assert.Equal(CallsState.Release, (await piotr.ReceiveAsync<CallsChangeEvent>()).CallsState);
    }

    [Fact]
    public async Task Outgoing_call_to_an_outside_number_is_answered_by_the_scenario()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await CallsClientAsync(pbx, "201");
        var answer = await anna.RequestAsync(new MakeCallRequest { Number = "0600123456" });
        int cr = answer.CR!.Value;
        Assert.Equal(CallsState.NewCall, (await anna.ReceiveAsync<CallsChangeEvent>()).CallsState);
        await pbx.Scenario.AnswerAsync(cr);
        var connect = await anna.ReceiveAsync<CallsChangeEvent>();
        Assert.Equal(CallsState.Connect, connect.CallsState);
        Assert.Equal("0600123456", connect.Colp!.Number);
        Assert.Equal("Zofia Wójcik", connect.Colp.Comment);
    }

    [Fact]
    public async Task Requests_on_unknown_calls_get_No_such_call()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var anna = await CallsClientAsync(pbx, "201");
        Assert.Equal(PbxErrors.NoSuchCall, (await anna.RequestAsync(new AnswerCallRequest { CR = 999 })).Error);
        Assert.Equal(PbxErrors.NoSuchCall, (await anna.RequestAsync(new ReleaseCallRequest { CR = 999 })).Error);
        Assert.Equal(PbxErrors.NoSuchCall, (await anna.RequestAsync(new HoldCallRequest { CR = 999 })).Error);
    }
}
