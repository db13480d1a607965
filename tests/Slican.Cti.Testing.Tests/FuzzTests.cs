using System.Text;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Tests;

/// <summary>Hostile input never takes the emulator down and never disturbs well-behaved sessions.</summary>
public sealed class FuzzTests
{
    private static readonly string[] s_fragments =
    [
        "<XCTIP>", "</XCTIP>", "<Calls>", "</Calls>", "<MakeCall_REQ>", "</MakeCall_REQ>", "<CId>", "</CId>", "7", "-1",
        "99999999999999999999", "<Number>", "</Number>", "<Sync>", "<Sync_REQ>", "<Marker>", "</Marker>", "<Limit>0</Limit>",
        "&amp;", "&bogus;", "<![CDATA[x]]>", "<!--c-->", "<?xml version=\"1.0\"?>", "<Status><Update_REQ><AppState>", "ZZZ",
        "</Update_REQ></Status>", "<SMS><Send_REQ><Number>202</Number><Text>", "ą", "</Text></Send_REQ></SMS>", "<", ">", "/",
        "<Transfer_REQ><CR>4100</CR><Mode>Blind</Mode><Number>0</Number></Transfer_REQ>", "\r\n", " ",
    ];

    [Fact]
    public async Task Random_xctip_fragments_get_answers_or_nothing_but_never_a_crash()
    {
        var log = new ErrorCountingLoggerFactory();
        await using var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { LoggerFactory = log });
        await using var good = await XctipTestClient.LoginAsync(pbx, "203");
        Assert.True((await good.RequestAsync(new StatusRegisterRequest { Id = 1001 })).IsSuccess);
        var random = new Random(1234);
        for (int round = 0; round < 4; round++)
        {
            await using var bad = await XctipTestClient.LoginAsync(pbx, round % 2 == 0 ? "201" : "202");
            var text = new StringBuilder();
            for (int i = 0; i < 400; i++)
            {
                text.Append(s_fragments[random.Next(s_fragments.Length)]);
            }

            await bad.SendRawAsync(text.ToString());

            // Garbage may leave a frame open (it then swallows input up to the frame cap, as on a real stream), so
            // the proof is elsewhere: the emulator still serves new logins and the good session.
            await using var next = await XctipTestClient.LoginAsync(pbx, "202");
            await next.DrainAsync();
        }

        await pbx.Scenario.SetPresenceAsync("201", AppState.Brb, "po teście");
        Assert.Equal("po teście", (await good.ReceiveAsync<StatusChangeEvent>(c => c.AppInfo == "po teście")).AppInfo);
        Assert.Equal(0, good.ProtocolErrors);
        Assert.True(log.Errors == 0, string.Join("\n", log.Messages));
    }

    [Fact]
    public async Task Random_ctip_lines_get_ERROR_or_NA_but_never_a_crash()
    {
        var log = new ErrorCountingLoggerFactory();
        await using var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { CtipPort = 0, LoggerFactory = log });
        await using var client = await CtipTestClient.ConnectAsync(pbx.CtipEndPoint!);
        var random = new Random(99);
        string[] words = ["aDIAL", "aREJ", "aFWD", "aLOGI", "aSMSS", "aSOK", "aDND", "aPICK", "aHANG", "aRQST", "a", "x", "201_", "G001", "T", "F", "R", "A", "9", "____", "\u0001", "ą"];
        var text = new StringBuilder();
        for (int line = 0; line < 200; line++)
        {
            int n = random.Next(1, 6);
            for (int i = 0; i < n; i++)
            {
                text.Append(words[random.Next(words.Length)]).Append(' ');
            }

            text.Append("\r\n");
        }

        await client.SendRawAsync(Encoding.Latin1.GetBytes(text.ToString()));
        await client.SendAsync(new CtipWho());
        await client.ReceiveAsync<CtipOk>(ok => ok.TryGetWhoReply(out _));
        Assert.True(log.Errors == 0, string.Join("\n", log.Messages));
    }

    [Fact]
    public async Task One_world_for_both_protocols()
    {
        await using var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { CtipPort = 0 });
        await using var monitor = await CtipTestClient.ConnectAsync(pbx.CtipEndPoint!);
        await monitor.SendAsync(new CtipLoginAll(null));
        await monitor.NextAsync<CtipOk>();
        await using var anna = await CallsTests.CallsClientAsync(pbx, "201");

        int cr = (await anna.RequestAsync(new MakeCallRequest { Number = "202" })).CR!.Value;
        Assert.Equal(CtipHookState.OffHook, (await monitor.NextAsync<CtipState>()).Hook);
        await monitor.NextAsync<CtipDialReady>();
        Assert.Equal("202", (await monitor.NextAsync<CtipEcho>()).Digits);
        var ring = await monitor.NextAsync<CtipRing>();
        Assert.Equal(("202", "/201"), (ring.Extension, ring.Caller));

        // 202 answers from its system phone over CTIP; the XCTIP session sees the connection.
        await monitor.SendAsync(new CtipPick("202"));
        await monitor.ReceiveAsync<CtipOk>();
        var connect = await anna.ReceiveAsync<CallsChangeEvent>(e => e.CallsState == CallsState.Connect);
        Assert.Equal((cr, "202"), (connect.CR!.Value, connect.Colp!.Number));
    }
}

public sealed class EveryRequestTests
{
    [Fact]
    public async Task Every_known_request_sent_empty_gets_a_reply_with_its_CId()
    {
        var log = new ErrorCountingLoggerFactory();
        await using var pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { LoggerFactory = log });
        await using var client = await XctipTestClient.LoginAsync(pbx, "201");
        var requests = XctipCodec.KnownMessages
            .Where(m => typeof(XctipRequest).IsAssignableFrom(m.Type) && m.Type != typeof(LogoutRequest) && !m.Type.IsAbstract)
            .ToList();
        Assert.True(requests.Count > 30, $"only {requests.Count} request types");
        int cid = 1000;
        var replies = new Dictionary<string, string>();
        foreach (var (module, name, type) in requests)
        {
            var request = (XctipRequest)Activator.CreateInstance(type)!;
            type.GetProperty(nameof(XctipRequest.CId))!.SetValue(request, ++cid);
            await client.SendAsync(request);
            int expected = cid;
            var reply = await client.ReceiveAsync<XctipMessage>(m => m is IXctipCorrelated c && c.CId == expected);
            replies[$"{module}/{name}"] = reply is XctipAnswer a ? a.Error ?? "ok" : reply.Name;
        }

        // Spot checks: empty requests that need data are refused, those that need none succeed.
        Assert.Equal(PbxErrors.MalformedMessage, replies["Calls/MakeCall_REQ"]);
        Assert.Equal(PbxErrors.MalformedMessage, replies["Sync/Sync_REQ"]);
        Assert.Equal("ok", replies["SMS/Register_REQ"]);
        Assert.Equal("Queues_ANS", replies["CC/Register_REQ"]);
        Assert.Equal("Services_ANS", replies["Services/Get_REQ"]);
        Assert.True(log.Errors == 0, string.Join("\n", log.Messages));
    }
}
