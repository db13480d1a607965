using System.Threading.Channels;
using Slican.Cti.Voip.Calls;
using Slican.Cti.Voip.Media;
using Slican.Cti.Voip.Rtp;
using Slican.Cti.Voip.Tests.Support;

namespace Slican.Cti.Voip.Tests.Interop;

/// <summary>
/// Hold/resume and attended transfer against sipp, a third-party SIP implementation: the scenarios in Interop/sipp
/// check what we send (direction attributes, Refer-To with Replaces, NOTIFY sipfrag, the Replaces header) and answer
/// the way a phone or PBX would.
/// </summary>
[Collection(InteropPeers.Name)]
public sealed class SippHoldTransferTests
{
    private static SipAccount Via(int port) => new() { Registrar = "127.0.0.1", Port = port, UserName = "201" };

    [Fact]
    public async Task We_hold_sipp_with_sendonly_it_answers_recvonly_and_resume_with_sendrecv_brings_the_audio_back()
    {
        int port = PeerProcess.FreeUdpPort();
        await using var sipp = Sipp.Start($"-sf \"{Sipp.ScenarioPath("uas_hold.xml")}\" -rtp_echo", port, $"-mp {PeerProcess.FreeRtpPort()} -m 1");
        await using var agent = TestAgents.Loopback();
        var before = new ToneWaiter(1000);
        var call = await agent.CallAsync(Via(port), "held", new SipCallOptions { Source = new ToneSource(1000), Sink = before });
        await Sipp.Guard(sipp, call.WaitForAnswerAsync());
        await Sipp.Guard(sipp, before.Detected); // sipp echoes our tone

        await Sipp.Guard(sipp, call.HoldAsync()); // sipp checks a=sendonly and SDP version 2
        Assert.True(call.IsLocalHold);
        Assert.Equal(MediaDirection.SendOnly, call.Media!.Direction); // from sipp's a=recvonly

        await Sipp.Guard(sipp, call.ResumeAsync()); // sipp checks a=sendrecv and SDP version 3
        Assert.False(call.IsLocalHold);
        Assert.Equal(MediaDirection.SendRecv, call.Media.Direction);
        var after = new ToneWaiter(1000);
        call.Media.Sink = after;
        await Sipp.Guard(sipp, after.Detected); // the echo is played again after the resume

        await call.HangUpAsync().WaitAsync(TestAgents.Guard);
        Assert.True(await sipp.WaitForExitAsync(TestAgents.Guard) == 0, Sipp.Describe(sipp));
    }

    [Fact]
    public async Task Sipp_holds_us_we_detect_it_and_hold_back_with_inactive_then_both_resume()
    {
        await using var agent = TestAgents.Loopback();
        var holdChanges = Channel.CreateUnbounded<bool>();
        var answered = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.IncomingCall += call =>
        {
            call.RemoteHoldChanged += (_, held) => holdChanges.Writer.TryWrite(held);
            _ = Task.Run(async () =>
            {
                await call.AnswerAsync();
                answered.TrySetResult(call);
            });
        };

        await using var sipp = Sipp.Start($"-sf \"{Sipp.ScenarioPath("uac_hold.xml")}\" 127.0.0.1:{agent.LocalEndPoint.Port} -s 201", PeerProcess.FreeUdpPort(), $"-mp {PeerProcess.FreeRtpPort()} -m 1");
        var call = await Sipp.Guard(sipp, answered.Task);

        // sipp's re-INVITE with a=sendonly: remote hold, we only receive (our answer recvonly is checked by sipp).
        Assert.True(await Sipp.Guard(sipp, holdChanges.Reader.ReadAsync().AsTask()));
        Assert.True(call.IsRemoteHold);
        Assert.Equal(MediaDirection.RecvOnly, call.Media!.Direction);

        // Held, we hold too: sipp checks that our offer is a=inactive (RFC 3264 §8.4), not sendonly.
        await Sipp.Guard(sipp, call.HoldAsync());
        Assert.True(call.IsLocalHold);

        // sipp resumes (a=sendrecv): we still hold it, so we send only (sipp checks our answer a=sendonly).
        Assert.False(await Sipp.Guard(sipp, holdChanges.Reader.ReadAsync().AsTask()));
        Assert.False(call.IsRemoteHold);
        Assert.Equal(MediaDirection.SendOnly, call.Media.Direction);

        await Sipp.Guard(sipp, call.ResumeAsync()); // sipp checks a=sendrecv
        Assert.Equal(MediaDirection.SendRecv, call.Media.Direction);

        var end = await Sipp.Guard(sipp, call.Ended);
        Assert.True(end.ByRemote);
        Assert.True(await sipp.WaitForExitAsync(TestAgents.Guard) == 0, Sipp.Describe(sipp));
    }

    [Fact]
    public async Task Attended_transfer_to_sipp_sends_refer_with_the_consultation_dialog_in_replaces_follows_notify_and_leaves()
    {
        int transfereePort = PeerProcess.FreeUdpPort();
        int targetPort = PeerProcess.FreeUdpPort();
        await using var transferee = Sipp.Start($"-sf \"{Sipp.ScenarioPath("uas_transferee.xml")}\"", transfereePort, $"-mp {PeerProcess.FreeRtpPort()} -m 1");
        await using var target = Sipp.Start("-sn uas", targetPort, $"-mp {PeerProcess.FreeRtpPort()} -m 1");
        await using var agent = TestAgents.Loopback();

        var original = await agent.CallAsync(Via(transfereePort), "transferee");
        await Sipp.Guard(transferee, original.WaitForAnswerAsync());
        var consultation = await agent.CallAsync(Via(targetPort), "target");
        await Sipp.Guard(target, consultation.WaitForAnswerAsync());
        var progress = new System.Collections.Concurrent.ConcurrentQueue<int>();
        original.TransferProgress += (_, status) => progress.Enqueue(status);

        int final = await Sipp.Guard(transferee, original.AttendedTransferAsync(consultation));
        Assert.Equal(200, final);
        Assert.Equal([100, 200], progress.ToArray());
        var end = await Sipp.Guard(transferee, original.Ended);
        Assert.False(end.ByRemote);
        Assert.Equal("transferred", end.Reason);
        Assert.True(await transferee.WaitForExitAsync(TestAgents.Guard) == 0, Sipp.Describe(transferee));

        // sipp's own log of the REFER: Refer-To names the target's Contact and the consultation dialog as the
        // target sees it (RFC 3891: to-tag = the target's tag, from-tag = ours).
        string referTo = HeaderValue(ReceivedRequest(transferee, "REFER"), "Refer-To");
        Assert.Contains($"127.0.0.1:{targetPort}", referTo, StringComparison.Ordinal);
        string replaces = Uri.UnescapeDataString(referTo[(referTo.IndexOf("?Replaces=", StringComparison.Ordinal) + 10)..].TrimEnd('>'));
        string[] parts = replaces.Split(';');
        Assert.Equal(consultation.CallId, parts[0]);
        string toTag = Assert.Single(parts, p => p.StartsWith("to-tag=", StringComparison.Ordinal))[7..];
        string fromTag = Assert.Single(parts, p => p.StartsWith("from-tag=", StringComparison.Ordinal))[9..];

        await consultation.HangUpAsync().WaitAsync(TestAgents.Guard);
        Assert.True(await target.WaitForExitAsync(TestAgents.Guard) == 0, Sipp.Describe(target));
        string answer = SentResponse(target, "200", "INVITE");
        Assert.Equal(consultation.CallId, HeaderValue(answer, "Call-ID"));
        Assert.EndsWith(";tag=" + toTag, HeaderValue(answer, "To"), StringComparison.Ordinal); // the tag sipp gave the consultation
        Assert.EndsWith(";tag=" + fromTag, HeaderValue(answer, "From"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sipp_transfers_us_with_replaces_we_invite_the_target_with_a_replaces_header_notify_and_hang_up()
    {
        await using var agent = TestAgents.Loopback();
        int targetPort = PeerProcess.FreeUdpPort();
        await using var target = Sipp.Start($"-sf \"{Sipp.ScenarioPath("uas_replaces_target.xml")}\"", targetPort, $"-mp {PeerProcess.FreeRtpPort()} -m 1");
        var answered = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        var transferred = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.IncomingCall += call =>
        {
            call.Transferred += (_, next) => transferred.TrySetResult(next);
            _ = Task.Run(async () =>
            {
                await call.AnswerAsync();
                answered.TrySetResult(call);
            });
        };

        await using var transferor = Sipp.Start(
            $"-sf \"{Sipp.ScenarioPath("uac_transferor.xml")}\" 127.0.0.1:{agent.LocalEndPoint.Port} -s 201 -key target_port {targetPort}",
            PeerProcess.FreeUdpPort(),
            $"-mp {PeerProcess.FreeRtpPort()} -m 1");
        var original = await Sipp.Guard(transferor, answered.Task);
        var next = await Sipp.Guard(transferor, transferred.Task);
        await Sipp.Guard(target, next.WaitForAnswerAsync()); // sipp checked the Replaces header before answering
        Assert.Equal(targetPort, next.RemoteUri.Port);

        var end = await Sipp.Guard(transferor, original.Ended); // we leave the transferor once the target answered
        Assert.False(end.ByRemote);
        Assert.True(await transferor.WaitForExitAsync(TestAgents.Guard) == 0, Sipp.Describe(transferor));

        await next.HangUpAsync().WaitAsync(TestAgents.Guard);
        Assert.True(await target.WaitForExitAsync(TestAgents.Guard) == 0, Sipp.Describe(target));
    }

    /// <summary>The messages sipp logged (-trace_msg), one string per message.</summary>
    private static IEnumerable<(string Direction, string Text)> LoggedMessages(PeerProcess sipp)
    {
        foreach (var file in Directory.GetFiles(sipp.OwnedDirectory!, "*_messages.log"))
        {
            // Each entry starts with "----------------------------------------------- <time>" then "UDP message
            // received|sent ..." and the message itself.
            foreach (var block in File.ReadAllText(file).Split("----------------------------------------------- ", StringSplitOptions.RemoveEmptyEntries))
            {
                var lines = block.Split('\n');
                string direction = lines.Length > 1 && lines[1].Contains("received", StringComparison.Ordinal) ? "received" : "sent";
                yield return (direction, string.Join('\n', lines.Skip(2)).Trim());
            }
        }
    }

    private static string ReceivedRequest(PeerProcess sipp, string method) =>
        LoggedMessages(sipp).FirstOrDefault(m => m.Direction == "received" && m.Text.StartsWith(method + " ", StringComparison.Ordinal)).Text
        ?? throw new Xunit.Sdk.XunitException($"sipp did not log a received {method}:\n{Sipp.Describe(sipp)}");

    private static string SentResponse(PeerProcess sipp, string status, string method) =>
        LoggedMessages(sipp).FirstOrDefault(m => m.Direction == "sent" && m.Text.StartsWith("SIP/2.0 " + status, StringComparison.Ordinal)
            && HeaderValue(m.Text, "CSeq").EndsWith(method, StringComparison.Ordinal)).Text
        ?? throw new Xunit.Sdk.XunitException($"sipp did not log a sent {status} for {method}:\n{Sipp.Describe(sipp)}");

    private static string HeaderValue(string message, string name) =>
        message.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim()
        ?? throw new Xunit.Sdk.XunitException($"no {name} header in:\n{message}");
}
