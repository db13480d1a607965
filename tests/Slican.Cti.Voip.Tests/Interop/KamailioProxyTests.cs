using Slican.Cti.Voip.Calls;
using Slican.Cti.Voip.Media;
using Slican.Cti.Voip.Tests.Support;

namespace Slican.Cti.Voip.Tests.Interop;

/// <summary>kamailio as registrar and record-routing proxy between our agent and baresip.</summary>
[Collection(InteropPeers.Name)]
public sealed class KamailioProxyTests
{
    [Fact]
    public async Task Both_register_at_kamailio_we_call_baresip_through_it_hear_its_tone_and_bye_follows_the_route_set()
    {
        await using var kamailioPeer = await StartKamailioAsync();
        var kamailio = kamailioPeer.Process;
        int port = kamailioPeer.Port;

        await using var baresip = await BaresipPeer.StartAsync(700, account: $"<sip:baresip@127.0.0.1:{port}>;regint=60");
        await Guarded(kamailio, baresip.WaitForOutputAsync("200 OK"));

        await using var agent = TestAgents.Loopback();
        var account = new SipAccount { Registrar = "127.0.0.1", Port = port, UserName = "201" };
        await using var registration = await agent.RegisterAsync(account).WaitAsync(TestAgents.Guard);
        Assert.True(registration.IsRegistered);

        var heard = new ToneWaiter(700);
        var call = await agent.CallAsync(account, "baresip", new SipCallOptions { Source = new ToneSource(1000), Sink = heard });
        await Guarded(kamailio, call.WaitForAnswerAsync());
        Assert.Single(call.Dialog!.RouteSet); // kamailio record-routed the INVITE
        await Guarded(kamailio, heard.Detected);

        await call.HangUpAsync().WaitAsync(TestAgents.Guard);
        await Guarded(kamailio, kamailio.WaitForOutputAsync("in-dialog BYE follows the route set", TestAgents.Guard));
        await Guarded(kamailio, baresip.WaitForOutputAsync("session closed"));
    }

    [Fact]
    public async Task Baresip_calls_our_registered_number_through_kamailio_and_we_hear_its_tone()
    {
        await using var kamailio = await StartKamailioAsync();
        await using var agent = TestAgents.Loopback();
        var account = new SipAccount { Registrar = "127.0.0.1", Port = kamailio.Port, UserName = "201" };
        await using var registration = await agent.RegisterAsync(account).WaitAsync(TestAgents.Guard);
        var incoming = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        var heard = new ToneWaiter(700);
        agent.IncomingCall += c =>
        {
            c.Media!.Sink = heard;
            incoming.TrySetResult(c);
            _ = c.AnswerAsync();
        };

        await using var baresip = await BaresipPeer.StartAsync(700, dial: $"sip:201@127.0.0.1:{kamailio.Port}");
        var call = await Guarded(kamailio.Process, incoming.Task);
        await Guarded(kamailio.Process, heard.Detected);
        Assert.Single(call.Dialog!.RouteSet);
        await call.HangUpAsync().WaitAsync(TestAgents.Guard);
        await Guarded(kamailio.Process, baresip.WaitForOutputAsync("session closed"));
    }

    private sealed record Kamailio(PeerProcess Process, int Port) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }

    private static async Task<Kamailio> StartKamailioAsync()
    {
        int port = PeerProcess.FreeUdpPort();
        string dir = Path.Combine(Path.GetTempPath(), "slican-kamailio-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string cfg = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Interop", "kamailio", "kamailio.cfg"))).Replace("LISTEN_PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(dir, "kamailio.cfg"), cfg);
        var process = PeerProcess.Start("kamailio", $"-f \"{dir}/kamailio.cfg\" -DD -E -P \"{dir}/kamailio.pid\" -Y \"{dir}\"", dir);
        process.OwnedDirectory = dir;
        try
        {
            await process.WaitForOutputAsync("Listening on", TestAgents.Guard);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new Kamailio(process, port);
    }

    private static async Task<T> Guarded<T>(PeerProcess kamailio, Task<T> task)
    {
        try
        {
            return await task.WaitAsync(TestAgents.Guard);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("Timed out. kamailio said:\n" + kamailio.Output);
        }
    }

    private static async Task Guarded(PeerProcess kamailio, Task task)
    {
        try
        {
            await task.WaitAsync(TestAgents.Guard);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("Timed out. kamailio said:\n" + kamailio.Output);
        }
    }
}
