using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Tests;

public sealed class WorldDataTests
{
    [Fact]
    public void Default_world_has_the_contract_accounts_and_is_deterministic()
    {
        var a = PbxWorldData.CreateDefault();
        var b = PbxWorldData.CreateDefault();
        Assert.Equal(a.ToJson(), b.ToJson());
        Assert.InRange(a.Subscribers.Count, 38, 45);
        Assert.InRange(a.Contacts.Count, 480, 520);
        Assert.Equal(a.Subscribers.Count, a.Subscribers.Select(s => s.Id).Distinct().Count());
        Assert.Equal(a.Contacts.Count, a.Contacts.Select(c => c.ContactId).Distinct().Count());
        var anna = a.Subscribers.Single(s => s.Extension == "201");
        Assert.Equal((1001, "CTIuserPlus", true, true, true), (anna.Id, anna.Licence, anna.Voip, anna.Camera, anna.CanEditBook));
        Assert.Equal(1040, a.Subscribers.Single(s => s.Extension == "240").Id);
        Assert.Equal("rtsp://127.0.0.1:8554/door", a.Subscribers.Single(s => s.Extension == "250").CameraUrl);
        Assert.Equal(SubscriberKind.GsmGateway, a.Subscribers.Single(s => s.Extension == "260").Kind);
        Assert.Equal(["Sprzedaż", "Serwis"], a.Queues.Select(q => q.Name).ToArray());
        Assert.Contains(a.Contacts, c => c.Name.Any(ch => "ąćęłńóśźżŁŚŻ".Contains(ch)));
        Assert.Contains(a.Contacts, c => c.Phones.Any(p => p.Number.StartsWith('+')));
    }

    [Fact]
    public async Task Json_round_trip_keeps_the_world_and_the_live_state()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await pbx.Scenario.AddContactAsync("Łukasz Źdźbło", "+48 61 000 11 22");
        await pbx.Scenario.SetPresenceAsync("202", AppState.Brb, "Na obiedzie");
        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "201");
        await pbx.Scenario.AnswerAsync(cr);
        await pbx.Scenario.HangUpAsync(cr);

        string json = pbx.World.ToData().ToJson();
        Assert.Contains("Łukasz Źdźbło", json, StringComparison.Ordinal);
        var loaded = PbxWorldData.FromJson(json);
        Assert.Equal(json, loaded.ToJson());

        string path = Path.Combine(Path.GetTempPath(), $"pbx-{Guid.NewGuid():N}.json");
        try
        {
            await loaded.SaveAsync(path);
            var fromFile = await PbxWorldData.LoadAsync(path);
            await using var second = await PbxEmulator.StartAsync(new PbxEmulatorOptions { World = fromFile });
            Assert.Equal("Na obiedzie", second.World.FindSubscriber("202")!.AppInfo);
            await using var client = await XctipTestClient.LoginAsync(second, "201");
            var (rows, _, _) = await SyncTests.SyncAllAsync(client, SyncType.HistoryCall, "", 100);
            Assert.Equal(13, rows.Count(r => r.HistoryCall is not null));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Broken_json_explains_itself()
    {
        var ex = Assert.ThrowsAny<System.Text.Json.JsonException>(() => PbxWorldData.FromJson("null"));
        Assert.Contains("PBX world", ex.Message, StringComparison.Ordinal);
    }
}
