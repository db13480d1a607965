using Slican.Cti.Protocol.Ctip;

namespace Slican.Cti.Testing.Tests;

/// <summary>The CTIP call events besides the call states: UTAG, AOC and the recording events.</summary>
public sealed class CtipCallExtrasTests
{
    private static async Task<(PbxEmulator Pbx, CtipTestClient Client)> StartMonitoringAllAsync()
    {
        var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { CtipPort = 0 });
        var client = await CtipTestClient.ConnectAsync(pbx.CtipEndPoint!);
        await client.SendAsync(new CtipLoginAll(null));
        await client.NextAsync<CtipOk>();
        return (pbx, client);
    }

    [Fact]
    public async Task A_tagged_call_has_UTAG_after_its_RING_there_and_after_every_later_offer()
    {
        var (pbx, client) = await StartMonitoringAllAsync();
        await using var _ = pbx;
        await using var __ = client;
        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "201");
        await client.ReceiveAsync<CtipRing>();
        await pbx.Scenario.TagCallAsync(cr, "IdSub=112");
        var tag = await client.ReceiveAsync<CtipUserTag>();
        Assert.Equal(("201", "IdSub=112"), (CtipExtension.Unpad(tag.Extension), tag.Tag));

        // Deflected to 202: the tag follows its RING there, before anything else about 202.
        await pbx.Scenario.RejectAsync(cr, "201", deflectTo: "202");
        var ring = await client.ReceiveAsync<CtipRing>(r => CtipExtension.Unpad(r.Extension) == "202");
        Assert.Equal("0612345678", ring.Caller);
        var next = await client.NextAsync();
        Assert.Equal(new CtipUserTag(ring.Extension, "IdSub=112"), next);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData("Zażółć")] // ż is above 0xFF
    public async Task Tags_outside_the_spec_are_refused(string tag)
    {
        await using var pbx = await PbxEmulator.StartAsync();
        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "201");
        await Assert.ThrowsAsync<ArgumentException>(() => pbx.Scenario.TagCallAsync(cr, tag));
        await Assert.ThrowsAsync<ArgumentException>(() => pbx.Scenario.TagCallAsync(cr, new string('x', 129)));
    }

    [Fact]
    public async Task The_running_charge_of_an_outgoing_call_goes_to_the_calling_extension_as_AOC()
    {
        var (pbx, client) = await StartMonitoringAllAsync();
        await using var _ = pbx;
        await using var __ = client;
        int cr = await pbx.Scenario.DialAsync("202", "0612345678");
        await Assert.ThrowsAsync<InvalidOperationException>(() => pbx.Scenario.ChargeCallAsync(cr, 0.10m)); // not answered yet
        await pbx.Scenario.AnswerAsync(cr);
        await client.ReceiveAsync<CtipConnected>();
        await pbx.Scenario.ChargeCallAsync(cr, 0.38m);
        var charge = await client.ReceiveAsync<CtipCharge>();
        Assert.Equal(("202", 0.38m), (CtipExtension.Unpad(charge.Extension), charge.Amount));

        int incoming = await pbx.Scenario.IncomingCallAsync("0698765432", "203");
        await pbx.Scenario.AnswerAsync(incoming);
        await Assert.ThrowsAsync<InvalidOperationException>(() => pbx.Scenario.ChargeCallAsync(incoming, 0.10m)); // the outside caller pays
    }

    [Fact]
    public async Task A_recording_is_started_RECB_and_finished_RECE_when_the_call_ends()
    {
        var (pbx, client) = await StartMonitoringAllAsync();
        await using var _ = pbx;
        await using var __ = client;
        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "201");
        await Assert.ThrowsAsync<InvalidOperationException>(() => pbx.Scenario.StartRecordingAsync(cr, "201")); // still ringing
        await pbx.Scenario.AnswerAsync(cr);
        await client.ReceiveAsync<CtipConnected>();
        string id = await pbx.Scenario.StartRecordingAsync(cr, "201");
        Assert.Matches("^[0-9]{7}00$", id);
        Assert.Equal(new CtipRecordingStarted("201", id), await client.ReceiveAsync<CtipRecordingStarted>());
        await Assert.ThrowsAsync<InvalidOperationException>(() => pbx.Scenario.StartRecordingAsync(cr, "201"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => pbx.Scenario.StartRecordingAsync(cr, "202")); // not in the call

        await pbx.Scenario.HangUpAsync(cr);
        await client.ReceiveAsync<CtipReleased>();
        var ended = await client.ReceiveAsync<CtipRecordingEnded>();
        Assert.Equal(("201", id, "127.0.0.1", $"/rec/{id}.wav"), (CtipExtension.Unpad(ended.Extension), ended.RecordingId, ended.CardAddress, ended.Path));
    }

    [Fact]
    public async Task A_cancelled_recording_is_RECC_and_leaves_no_RECE()
    {
        var (pbx, client) = await StartMonitoringAllAsync();
        await using var _ = pbx;
        await using var __ = client;
        int first = await pbx.Scenario.DialAsync("202", "203");
        await pbx.Scenario.AnswerAsync(first);
        string id = await pbx.Scenario.StartRecordingAsync(first, "203");
        await pbx.Scenario.CancelRecordingAsync(first, "203");
        Assert.Equal(new CtipRecordingCancelled("203", id), await client.ReceiveAsync<CtipRecordingCancelled>());
        await Assert.ThrowsAsync<InvalidOperationException>(() => pbx.Scenario.CancelRecordingAsync(first, "203"));
        await pbx.Scenario.HangUpAsync(first, "202");

        // The next call's recording is the first RECE this monitor sees: the cancelled one left none.
        int second = await pbx.Scenario.IncomingCallAsync("0612345678", "201");
        await pbx.Scenario.AnswerAsync(second);
        string next = await pbx.Scenario.StartRecordingAsync(second, "201");
        await pbx.Scenario.HangUpAsync(second);
        Assert.Equal(next, (await client.ReceiveAsync<CtipRecordingEnded>()).RecordingId);
    }
}
