using Slican.Cti.Voip.Calls;
using Slican.Cti.Voip.Media;
using Slican.Cti.Voip.Rtp;
using Slican.Cti.Voip.Tests.Support;

namespace Slican.Cti.Voip.Tests.Calls;

/// <summary>Two (or three) of our agents on loopback: call features beyond what the external peers script easily.</summary>
public sealed class LoopbackCallTests
{
    private static SipAccount AccountFor(SipUserAgent callee, string user, bool tcp = false) => new()
    {
        Registrar = "127.0.0.1",
        Port = tcp ? callee.LocalTcpEndPoint!.Port : callee.LocalEndPoint.Port,
        UserName = user,
        Transport = tcp ? Slican.Cti.Voip.Sip.Transport.SipTransportKind.Tcp : Slican.Cti.Voip.Sip.Transport.SipTransportKind.Udp,
    };

    private static async Task<(SipCall Caller, SipCall Callee)> ConnectAsync(SipUserAgent a, SipUserAgent b, SipCallOptions? options = null, bool tcp = false)
    {
        var incoming = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(SipCall c) => incoming.TrySetResult(c);
        b.IncomingCall += Handler;
        var caller = await a.CallAsync(AccountFor(b, "201", tcp), "204", options);
        var callee = await incoming.Task.WaitAsync(TestAgents.Guard);
        b.IncomingCall -= Handler;
        await callee.AnswerAsync();
        await caller.WaitForAnswerAsync().WaitAsync(TestAgents.Guard);
        return (caller, callee);
    }

    [Fact]
    public async Task Hold_and_resume_by_reinvite_are_detected_by_the_far_end_and_stop_media()
    {
        await using var a = TestAgents.Loopback();
        await using var b = TestAgents.Loopback();
        var (caller, callee) = await ConnectAsync(a, b);
        var held = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        callee.RemoteHoldChanged += (_, h) => held.TrySetResult(h);

        await caller.HoldAsync().WaitAsync(TestAgents.Guard);
        Assert.True(await held.Task.WaitAsync(TestAgents.Guard));
        Assert.True(caller.IsLocalHold);
        Assert.True(callee.IsRemoteHold);
        Assert.Equal(MediaDirection.SendOnly, caller.Media!.Direction);
        Assert.Equal(MediaDirection.RecvOnly, callee.Media!.Direction);

        var resumed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        callee.RemoteHoldChanged += (_, h) => resumed.TrySetResult(h);
        await caller.ResumeAsync().WaitAsync(TestAgents.Guard);
        Assert.False(await resumed.Task.WaitAsync(TestAgents.Guard));
        Assert.Equal(MediaDirection.SendRecv, caller.Media.Direction);
        Assert.Equal(MediaDirection.SendRecv, callee.Media.Direction);
        await caller.HangUpAsync().WaitAsync(TestAgents.Guard);
        Assert.True((await callee.Ended.WaitAsync(TestAgents.Guard)).ByRemote);
    }

    [Fact]
    public async Task Dtmf_goes_both_ways_by_rfc4733_and_by_sip_info()
    {
        await using var a = TestAgents.Loopback();
        await using var b = TestAgents.Loopback();
        var (caller, callee) = await ConnectAsync(a, b);
        var atCallee = new System.Collections.Concurrent.ConcurrentQueue<char>();
        var atCaller = new System.Collections.Concurrent.ConcurrentQueue<char>();
        var calleeGot2 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calleeGot3 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callerGot1 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        callee.DtmfReceived += (_, d) =>
        {
            atCallee.Enqueue(d);
            if (atCallee.Count == 2) { calleeGot2.TrySetResult(); }
            if (atCallee.Count == 3) { calleeGot3.TrySetResult(); }
        };
        caller.DtmfReceived += (_, d) => { atCaller.Enqueue(d); callerGot1.TrySetResult(); };

        await caller.SendDtmfAsync('1').WaitAsync(TestAgents.Guard);
        await caller.SendDtmfAsync('#', DtmfMode.Rfc4733).WaitAsync(TestAgents.Guard);

        // RTP events and SIP INFO arrive on different sockets and threads: under load an INFO sent after the last RTP
        // end packet can still be handled first, so the order is only defined once the RTP digits have landed.
        await calleeGot2.Task.WaitAsync(TestAgents.Guard);
        await caller.SendDtmfAsync('7', DtmfMode.SipInfo).WaitAsync(TestAgents.Guard);
        await callee.SendDtmfAsync('9').WaitAsync(TestAgents.Guard);
        await calleeGot3.Task.WaitAsync(TestAgents.Guard);
        await callerGot1.Task.WaitAsync(TestAgents.Guard);
        Assert.Equal(['1', '#', '7'], atCallee.ToArray());
        Assert.Equal(['9'], atCaller.ToArray());
        Assert.Equal(2, callee.Media!.GetStatistics().DtmfReceived);
        await caller.HangUpAsync();
    }

    [Fact]
    public async Task A_call_over_tcp_carries_audio_and_ends_with_bye()
    {
        await using var a = TestAgents.Loopback(tcp: true);
        await using var b = TestAgents.Loopback(tcp: true);
        var heard = new ToneWaiter(1000);
        var (caller, callee) = await ConnectAsync(a, b, new SipCallOptions { Sink = heard }, tcp: true);
        callee.Media!.Source = new ToneSource(1000);
        await heard.Detected.WaitAsync(TestAgents.Guard);
        await callee.HangUpAsync().WaitAsync(TestAgents.Guard);
        Assert.True((await caller.Ended.WaitAsync(TestAgents.Guard)).ByRemote);
    }

    [Fact]
    public async Task Cancelling_a_ringing_call_ends_both_sides_with_487()
    {
        await using var a = TestAgents.Loopback();
        await using var b = TestAgents.Loopback();
        var incoming = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        b.IncomingCall += c => incoming.TrySetResult(c);
        var ringing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var caller = await a.CallAsync(AccountFor(b, "201"), "204");
        caller.StateChanged += (_, s) => { if (s == SipCallState.Ringing) { ringing.TrySetResult(); } };
        var callee = await incoming.Task.WaitAsync(TestAgents.Guard);
        if (caller.State != SipCallState.Ringing)
        {
            await ringing.Task.WaitAsync(TestAgents.Guard);
        }

        await caller.HangUpAsync().WaitAsync(TestAgents.Guard);
        Assert.Equal(487, (await caller.Ended.WaitAsync(TestAgents.Guard)).StatusCode);
        Assert.Equal(487, (await callee.Ended.WaitAsync(TestAgents.Guard)).StatusCode);
        var failure = await Assert.ThrowsAsync<SipCallFailedException>(() => caller.WaitForAnswerAsync());
        Assert.Equal(487, failure.StatusCode);
    }

    [Fact]
    public async Task A_rejected_call_reports_busy()
    {
        await using var a = TestAgents.Loopback();
        await using var b = TestAgents.Loopback();
        b.IncomingCall += c => _ = c.RejectAsync();
        var caller = await a.CallAsync(AccountFor(b, "201"), "204");
        var ex = await Assert.ThrowsAsync<SipCallFailedException>(() => caller.WaitForAnswerAsync().WaitAsync(TestAgents.Guard));
        Assert.Equal(486, ex.StatusCode);
        Assert.Equal(SipCallState.Terminated, caller.State);
    }

    [Fact]
    public async Task Call_waiting_a_second_call_rings_while_the_first_is_held_and_both_run_concurrently()
    {
        await using var a = TestAgents.Loopback();
        await using var b = TestAgents.Loopback();
        await using var c = TestAgents.Loopback();
        var (first, firstCallee) = await ConnectAsync(a, b);
        var (second, secondCallee) = await ConnectAsync(c, b);
        Assert.Equal(2, b.ActiveCalls.Count);
        await firstCallee.HoldAsync().WaitAsync(TestAgents.Guard);
        Assert.True(first.IsRemoteHold);
        Assert.Equal(SipCallState.Established, secondCallee.State);
        await secondCallee.HangUpAsync();
        await firstCallee.ResumeAsync().WaitAsync(TestAgents.Guard);
        Assert.False(first.IsRemoteHold);
        await first.HangUpAsync();
        await second.Ended.WaitAsync(TestAgents.Guard);
        await firstCallee.Ended.WaitAsync(TestAgents.Guard);
        Assert.Empty(b.ActiveCalls);
    }

    [Fact]
    public async Task Blind_transfer_makes_the_transferee_call_the_target_and_reports_200_by_notify()
    {
        await using var a = TestAgents.Loopback(); // transferor
        await using var b = TestAgents.Loopback(); // transferee
        await using var c = TestAgents.Loopback(); // target
        var (toB, atB) = await ConnectAsync(a, b);
        var atC = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        c.IncomingCall += call => { atC.TrySetResult(call); _ = call.AnswerAsync(); };
        var progress = new System.Collections.Concurrent.ConcurrentQueue<int>();
        toB.TransferProgress += (_, s) => progress.Enqueue(s);

        int status = await toB.BlindTransferAsync($"sip:205@127.0.0.1:{c.LocalEndPoint.Port}").WaitAsync(TestAgents.Guard);
        Assert.Equal(200, status);
        Assert.Contains(100, progress);
        var targetCall = await atC.Task.WaitAsync(TestAgents.Guard);
        Assert.Equal(SipCallDirection.Incoming, targetCall.Direction);
        await atB.Ended.WaitAsync(TestAgents.Guard); // the transferee hangs up the old call once transferred
        await targetCall.HangUpAsync();
    }

    [Fact]
    public async Task Attended_transfer_replaces_the_consultation_call()
    {
        await using var a = TestAgents.Loopback(); // transferor with two calls
        await using var b = TestAgents.Loopback(); // transferee
        await using var c = TestAgents.Loopback(); // target
        var (toB, atB) = await ConnectAsync(a, b);
        await toB.HoldAsync();
        var (toC, atC) = await ConnectAsync(a, c);
        var replacing = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        atB.Transferred += (_, n) => replacing.TrySetResult(n);

        int status = await toB.AttendedTransferAsync(toC).WaitAsync(TestAgents.Guard);
        Assert.Equal(200, status);
        var newCall = await replacing.Task.WaitAsync(TestAgents.Guard);
        await newCall.WaitForAnswerAsync().WaitAsync(TestAgents.Guard);
        await atC.Ended.WaitAsync(TestAgents.Guard); // replaced at the target by the INVITE with Replaces
        await toC.Ended.WaitAsync(TestAgents.Guard);
        Assert.Single(c.ActiveCalls);
        await newCall.HangUpAsync();
    }
}
