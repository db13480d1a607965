using Slican.Cti.Voip.Calls;
using Slican.Cti.Voip.Media;
using Slican.Cti.Voip.Tests.Support;

namespace Slican.Cti.Voip.Tests.Interop;

/// <summary>
/// Audio with baresip, measured by tone detectors on both sides: baresip's own 700 Hz tone must reach us, and our
/// 1 kHz tone must appear in the audio baresip decoded (its sndfile dump), and come back to us through baresip's
/// audio loop.
/// </summary>
[Collection(InteropPeers.Name)]
public sealed class BaresipCallTests
{
    private const double OurTone = 1000;
    private const double BaresipTone = 700;

    [Fact]
    public async Task We_call_baresip_and_hear_its_tone()
    {
        await using var baresip = await BaresipPeer.StartAsync(BaresipTone);
        await using var agent = TestAgents.Loopback();
        var account = new SipAccount { Registrar = "127.0.0.1", Port = baresip.SipPort, UserName = "201" };
        var heard = new ToneWaiter(BaresipTone);
        var call = await agent.CallAsync(account, "sip:baresip@127.0.0.1:" + baresip.SipPort, new SipCallOptions { Source = new ToneSource(OurTone), Sink = heard });
        await Guard(baresip, call.WaitForAnswerAsync());
        await Guard(baresip, heard.Detected);
        await call.HangUpAsync().WaitAsync(TestAgents.Guard);
        await Guard(baresip, baresip.WaitForOutputAsync("session closed"));
    }

    [Fact]
    public async Task We_call_baresip_over_tcp_and_hear_its_tone()
    {
        await using var baresip = await BaresipPeer.StartAsync(BaresipTone);
        await using var agent = TestAgents.Loopback(tcp: true);
        var account = new SipAccount { Registrar = "127.0.0.1", Port = baresip.SipPort, UserName = "201", Transport = Slican.Cti.Voip.Sip.Transport.SipTransportKind.Tcp };
        var heard = new ToneWaiter(BaresipTone);
        var call = await agent.CallAsync(account, $"sip:baresip@127.0.0.1:{baresip.SipPort};transport=tcp", new SipCallOptions { Source = new ToneSource(OurTone), Sink = heard });
        await Guard(baresip, call.WaitForAnswerAsync());
        await Guard(baresip, heard.Detected);
        await call.HangUpAsync().WaitAsync(TestAgents.Guard);
        Assert.Null((await call.Ended.WaitAsync(TestAgents.Guard)).StatusCode);
        await Guard(baresip, baresip.WaitForOutputAsync("session closed"));
    }

    [Fact]
    public async Task We_call_baresip_and_it_decodes_our_tone()
    {
        await using var baresip = await BaresipPeer.StartAsync(toneHz: null);
        await using var agent = TestAgents.Loopback();
        var account = new SipAccount { Registrar = "127.0.0.1", Port = baresip.SipPort, UserName = "201" };
        var heard = new ToneWaiter(OurTone);
        var call = await agent.CallAsync(account, "sip:baresip@127.0.0.1:" + baresip.SipPort, new SipCallOptions { Source = new ToneSource(OurTone), Sink = heard });
        await Guard(baresip, call.WaitForAnswerAsync());
        await Guard(baresip, heard.Detected); // our tone, decoded, played into the bridge, re-encoded by baresip
        await Guard(baresip, heard.WaitFramesAsync(50)); // one more second of audio for baresip's dump
        await call.HangUpAsync().WaitAsync(TestAgents.Guard);
        await AssertBaresipDecodedOurTone(baresip);
    }

    [Fact]
    public async Task Baresip_calls_us_we_hear_its_tone_it_receives_our_stream_and_we_hang_up()
    {
        await using var agent = TestAgents.Loopback();
        var heard = new ToneWaiter(BaresipTone);
        var incoming = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.IncomingCall += c => incoming.TrySetResult(c);
        await using var baresip = await BaresipPeer.StartAsync(BaresipTone, dial: $"sip:204@127.0.0.1:{agent.LocalEndPoint.Port}");
        var call = await Guard(baresip, incoming.Task);
        Assert.Equal(SipCallDirection.Incoming, call.Direction);
        call.Media!.Source = new ToneSource(OurTone);
        call.Media.Sink = heard;
        await call.AnswerAsync();
        await Guard(baresip, heard.Detected);

        // baresip's side: it logs when our RTP arrives, and its RTCP receiver report describes our stream.
        await Guard(baresip, baresip.WaitForOutputAsync("incoming rtp for 'audio' established"));
        while (call.Media.GetStatistics().RemoteJitterMs is null)
        {
            await Guard(baresip, heard.NextFrameAsync());
        }

        var stats = call.Media.GetStatistics();
        Assert.Equal(0, stats.RemoteFractionLost);
        await call.HangUpAsync().WaitAsync(TestAgents.Guard);
        Assert.Equal(SipCallState.Terminated, call.State);
        await Guard(baresip, baresip.WaitForOutputAsync("session closed"));
    }

    [Fact]
    public async Task Baresip_receives_our_dtmf_by_rfc4733_and_by_info()
    {
        await using var baresip = await BaresipPeer.StartAsync(BaresipTone);
        await using var agent = TestAgents.Loopback();
        var account = new SipAccount { Registrar = "127.0.0.1", Port = baresip.SipPort, UserName = "201" };
        var call = await agent.CallAsync(account, "sip:baresip@127.0.0.1:" + baresip.SipPort);
        await Guard(baresip, call.WaitForAnswerAsync());
        Assert.NotNull(call.Media!.TelephoneEventPayloadType);
        await call.SendDtmfAsync('5', DtmfMode.Rfc4733).WaitAsync(TestAgents.Guard);
        await Guard(baresip, baresip.WaitForOutputAsync("received event: '5' (end=1)"));
        await call.SendDtmfAsync('7', DtmfMode.SipInfo).WaitAsync(TestAgents.Guard);
        await Guard(baresip, baresip.WaitForOutputAsync("received DTMF: '7'"));
        await call.HangUpAsync().WaitAsync(TestAgents.Guard);
    }

    [Fact]
    public async Task Baresip_accepts_our_blind_transfer_calls_the_target_and_reports_success()
    {
        await using var baresip = await BaresipPeer.StartAsync(BaresipTone);
        await using var agent = TestAgents.Loopback();
        await using var target = TestAgents.Loopback();
        var heardAtTarget = new ToneWaiter(BaresipTone);
        var atTarget = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        target.IncomingCall += c =>
        {
            c.Media!.Sink = heardAtTarget;
            atTarget.TrySetResult(c);
            _ = c.AnswerAsync();
        };
        var account = new SipAccount { Registrar = "127.0.0.1", Port = baresip.SipPort, UserName = "201" };
        var call = await agent.CallAsync(account, "sip:baresip@127.0.0.1:" + baresip.SipPort);
        await Guard(baresip, call.WaitForAnswerAsync());

        int status = await Guard(baresip, call.BlindTransferAsync($"sip:205@127.0.0.1:{target.LocalEndPoint.Port}"));
        Assert.Equal(200, status);
        var transferred = await Guard(baresip, atTarget.Task);
        await Guard(baresip, heardAtTarget.Detected); // baresip's tone now reaches the transfer target
        await transferred.HangUpAsync().WaitAsync(TestAgents.Guard);
        await call.HangUpAsync().WaitAsync(TestAgents.Guard);
    }

    private static async Task AssertBaresipDecodedOurTone(BaresipPeer baresip)
    {
        // libsndfile writes samples as they are decoded but may complete the WAV header only on close, so the
        // helper reads everything after the data chunk header rather than trusting the chunk size.
        await Guard(baresip, baresip.WaitForOutputAsync("session closed"));
        short[] decoded = baresip.ReadDecodedAudio();
        Assert.True(decoded.Length >= AudioFormat.SampleRate, $"only {decoded.Length} samples decoded by baresip");
        int tonal = 0, blocks = 0;
        for (int offset = 0; offset + 800 <= decoded.Length; offset += 800, blocks++)
        {
            if (GoertzelDetector.IsTone(decoded.AsSpan(offset, 800), OurTone))
            {
                tonal++;
            }
        }

        Assert.True(tonal >= blocks / 2 && tonal > 0, $"baresip decoded our {OurTone} Hz tone in {tonal} of {blocks} 100 ms blocks");
    }

    private static async Task<T> Guard<T>(BaresipPeer baresip, Task<T> task)
    {
        try
        {
            return await task.WaitAsync(TestAgents.Guard);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("Timed out. baresip said:\n" + baresip.Output);
        }
    }

    private static async Task Guard(BaresipPeer baresip, Task task)
    {
        try
        {
            await task.WaitAsync(TestAgents.Guard);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("Timed out. baresip said:\n" + baresip.Output);
        }
    }
}
