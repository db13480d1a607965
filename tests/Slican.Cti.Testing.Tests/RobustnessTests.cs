using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Tests;

public sealed class RobustnessTests
{
    [Fact]
    public async Task Unknown_module_and_message_get_Unknown_message_in_their_module()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "202");

        await client.SendRawAsync("<XCTIP><Weather><Forecast_REQ><CId>55</CId></Forecast_REQ></Weather></XCTIP>");
        var a = await client.ReceiveAsync<XctipAnswer>(x => x.CId == 55);
        Assert.Equal("Weather", a.Module);
        Assert.Equal(PbxErrors.UnknownMessage, a.Error);

        await client.SendRawAsync("<XCTIP><Status><Dance_REQ><CId>56</CId></Dance_REQ></Status></XCTIP>");
        a = await client.ReceiveAsync<XctipAnswer>(x => x.CId == 56);
        Assert.Equal("Status", a.Module);
        Assert.Equal(PbxErrors.UnknownMessage, a.Error);

        // A PBX-to-client message sent by a client is not a request either.
        await client.SendAsync(new StatusRefreshEvent { Id = 1001 });
        a = await client.ReceiveAsync<XctipAnswer>(x => x.Module == "Status");
        Assert.Equal(PbxErrors.UnknownMessage, a.Error);
    }

    [Fact]
    public async Task Missing_required_children_get_Malformed_message()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.LoginAsync(pbx, "201");
        Assert.Equal(PbxErrors.MalformedMessage, (await client.RequestAsync(new SyncRequest { Marker = "", Limit = 5 })).Error);
        Assert.Equal(PbxErrors.MalformedMessage, (await client.RequestAsync(new MakeCallRequest())).Error);
        Assert.Equal(PbxErrors.MalformedMessage, (await client.RequestAsync(new AnswerCallRequest())).Error);
        Assert.Equal(PbxErrors.MalformedMessage, (await client.RequestAsync(new SmsSendRequest { Type = SmsType.Internal, Text = "x" })).Error);
        Assert.Equal(PbxErrors.MalformedMessage, (await client.RequestAsync(new StatusUpdateRequest())).Error);
        Assert.Equal(PbxErrors.MalformedMessage, (await client.RequestAsync(new MakeCallRequest { Number = "20x" })).Error);
    }

    [Fact]
    public async Task Garbage_and_broken_frames_are_answered_and_the_session_reads_on_while_others_are_unaffected()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var bad = await XctipTestClient.LoginAsync(pbx, "202");
        await using var good = await XctipTestClient.LoginAsync(pbx, "203");
        Assert.True((await good.RequestAsync(new StatusRegisterRequest())).IsSuccess);

        await bad.SendRawAsync("this is not xml at all <<<>>>");
        await bad.SendRawAsync("<XCTIP><Status><Update_REQ><CId>1</CId><AppInfo>&nonsense;</AppInfo></Update_REQ></Status></XCTIP>");
        await bad.SendRawAsync("<!DOCTYPE x><XCTIP></XCTIP>");
        var error = await bad.ReceiveAsync<XctipAnswer>(a => a.Module == "Stream");
        Assert.Equal(PbxErrors.MalformedMessage, error.Error);

        // The bad session still works...
        var ok = await bad.RequestAsync(new StatusUpdateRequest { AppState = AppState.Brb, AppInfo = "Po awarii" });
        Assert.True(ok.IsSuccess);
        // ...and the good one saw only the real change.
        var change = await good.ReceiveAsync<StatusChangeEvent>(c => c.Id == 1002 && c.AppInfo is not null);
        Assert.Equal("Po awarii", change.AppInfo);
        Assert.Equal(0, good.ProtocolErrors);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_frame_does_not_disturb_others()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var good = await XctipTestClient.LoginAsync(pbx, "203");
        var bad = await XctipTestClient.LoginAsync(pbx, "202");
        await bad.SendRawAsync("<XCTIP><Status><Update_REQ><CId>9</CId><AppIn");
        await bad.DisposeAsync();

        Assert.True((await good.RequestAsync(new StatusRegisterRequest())).IsSuccess);
        var refresh = await good.ReceiveAsync<StatusRefreshEvent>(r => r.Id == 1001);
        Assert.Equal(PhoneState.Free, refresh.State);
    }

    [Fact]
    public async Task Frames_split_at_every_byte_and_several_per_read_are_understood()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await XctipTestClient.ConnectAsync(pbx.XctipEndPoint);
        byte[] bytes = [.. XctipCodec.ToBytes(new MakeLogRequest { CId = 1, Login = "202", Pass = "1234" }), .. XctipCodec.ToBytes(new WatchdogTest()), .. XctipCodec.ToBytes(new WatchdogTest())];
        foreach (byte b in bytes[..40])
        {
            await client.SendRawAsync(((char)b).ToString());
        }

        await client.SendRawAsync(System.Text.Encoding.UTF8.GetString(bytes[40..]));
        Assert.IsType<LogInfoAnswer>(await client.NextAsync());
        Assert.IsType<XctipAnswer>(await client.NextAsync());
        Assert.IsType<WatchdogOk>(await client.NextAsync());
        Assert.IsType<WatchdogOk>(await client.NextAsync());
    }
}
