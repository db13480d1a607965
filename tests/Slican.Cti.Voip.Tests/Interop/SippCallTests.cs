using System.Net;
using Slican.Cti.Voip.Calls;
using Slican.Cti.Voip.Media;
using Slican.Cti.Voip.Tests.Support;

namespace Slican.Cti.Voip.Tests.Interop;

[Collection(InteropPeers.Name)]
public sealed class SippCallTests
{
    [Fact]
    public async Task Calls_sipp_uas_sends_a_paced_tone_gets_it_back_through_rtp_echo_and_hangs_up_with_bye()
    {
        int port = PeerProcess.FreeUdpPort();
        int mediaPort = PeerProcess.FreeRtpPort();
        await using var sipp = Sipp.Start("-sn uas -rtp_echo", port, $"-mp {mediaPort} -m 1");
        await using var agent = TestAgents.Loopback();
        var account = new SipAccount { Registrar = "127.0.0.1", Port = port, UserName = "201" };
        var heard = new ToneWaiter(1000);
        var call = await agent.CallAsync(account, "service", new SipCallOptions { Source = new ToneSource(1000), Sink = heard });
        await call.WaitForAnswerAsync().WaitAsync(TestAgents.Guard);
        Assert.Equal(SipCallState.Established, call.State);
        Assert.Equal(G711Law.MuLaw, call.Media!.Codec); // sipp's built-in uas answers PCMU only

        await heard.Detected.WaitAsync(TestAgents.Guard);
        await heard.WaitFramesAsync(25).WaitAsync(TestAgents.Guard);
        var stats = call.Media.GetStatistics();
        Assert.True(stats.PacketsSent >= 25 && stats.PacketsReceived >= 20, $"sent {stats.PacketsSent}, received {stats.PacketsReceived}");

        await call.HangUpAsync().WaitAsync(TestAgents.Guard);
        var end = await call.Ended.WaitAsync(TestAgents.Guard);
        Assert.False(end.ByRemote);
        Assert.True(await sipp.WaitForExitAsync(TestAgents.Guard) == 0, Sipp.Describe(sipp));
    }

    [Fact]
    public async Task Early_media_from_a_183_is_heard_before_the_answer()
    {
        int port = PeerProcess.FreeUdpPort();
        int mediaPort = PeerProcess.FreeRtpPort();
        await using var sipp = Sipp.Start($"-sf \"{Sipp.ScenarioPath("uas_early_media.xml")}\" -rtp_echo", port, $"-mp {mediaPort} -m 1");
        await using var agent = TestAgents.Loopback();
        var account = new SipAccount { Registrar = "127.0.0.1", Port = port, UserName = "201" };
        var heard = new ToneWaiter(1000);
        var states = new System.Collections.Concurrent.ConcurrentQueue<SipCallState>();
        var call = await agent.CallAsync(account, "service", new SipCallOptions { Source = new ToneSource(1000), Sink = heard });
        call.StateChanged += (_, s) => states.Enqueue(s);
        await Sipp.Guard(sipp, heard.Detected);
        Assert.Equal(SipCallState.EarlyMedia, call.State); // heard through the 183's media, not yet answered
        await Sipp.Guard(sipp, call.WaitForAnswerAsync());
        Assert.Equal(SipCallState.Established, states.Last());
        await call.HangUpAsync().WaitAsync(TestAgents.Guard);
        Assert.True(await sipp.WaitForExitAsync(TestAgents.Guard) == 0, Sipp.Describe(sipp));
    }

    [Fact]
    public async Task Sipp_uac_calls_us_sends_dtmf_by_rfc4733_and_by_info_and_hangs_up()
    {
        await using var agent = TestAgents.Loopback();
        int mediaPort = PeerProcess.FreeRtpPort();
        int sippPort = PeerProcess.FreeUdpPort();
        var digits = new System.Collections.Concurrent.ConcurrentQueue<char>();
        var twoDigits = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.IncomingCall += call =>
        {
            call.DtmfReceived += (_, d) =>
            {
                digits.Enqueue(d);
                if (digits.Count >= 2)
                {
                    twoDigits.TrySetResult();
                }
            };
            _ = Task.Run(async () =>
            {
                await call.AnswerAsync();
                answered.TrySetResult(call);
            });
        };

        await using var sipp = Sipp.Start($"-sf \"{Sipp.ScenarioPath("uac_dtmf.xml")}\" 127.0.0.1:{agent.LocalEndPoint.Port} -s 204", sippPort, $"-mp {mediaPort} -m 1");
        var call = await Sipp.Guard(sipp, answered.Task);
        Assert.Equal(SipCallDirection.Incoming, call.Direction);
        Assert.Equal("sipp caller", call.RemoteDisplayName);
        await Sipp.Guard(sipp, twoDigits.Task);
        Assert.Equal(['1', '5'], digits.ToArray());

        var end = await call.Ended.WaitAsync(TestAgents.Guard);
        Assert.True(end.ByRemote);
        Assert.True(await sipp.WaitForExitAsync(TestAgents.Guard) == 0, Sipp.Describe(sipp));
    }
}
