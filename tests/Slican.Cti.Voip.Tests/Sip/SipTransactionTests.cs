using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Voip.Sip.Messages;
using Slican.Cti.Voip.Sip.Transactions;
using Slican.Cti.Voip.Sip.Transport;

namespace Slican.Cti.Voip.Tests.Sip;

public sealed class SipTransactionTests
{
    private static readonly SipEndPoint Udp = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060));
    private static readonly SipEndPoint Tcp = new(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, 5060));

    private sealed class RecordingSender : ISipMessageSender
    {
        public ConcurrentQueue<SipMessage> Sent { get; } = new();

        public ValueTask SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
        {
            Sent.Enqueue(message);
            return ValueTask.CompletedTask;
        }
    }

    private static SipRequest NewRequest(string method)
    {
        var r = new SipRequest(method, "sip:204@pbx");
        r.AddHeader("Via", "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKtest1;rport");
        r.AddHeader("From", "<sip:201@pbx>;tag=a");
        r.AddHeader("To", "<sip:204@pbx>");
        r.AddHeader("Call-ID", "c1");
        r.AddHeader("CSeq", $"1 {method}");
        return r;
    }

    private static SipResponse ResponseTo(SipRequest request, int code)
    {
        var r = new SipResponse(code, "X");
        foreach (var h in request.Headers)
        {
            r.Headers.Add(h.Name == "To" ? new SipHeader("To", h.Value + ";tag=b") : h);
        }

        return r;
    }

    [Fact]
    public async Task Non_invite_over_udp_retransmits_with_timer_E_doubling_to_T2_and_times_out_with_timer_F()
    {
        var time = new FakeTimeProvider();
        var sender = new RecordingSender();
        var tx = new SipClientTransaction(NewRequest("REGISTER"), Udp, sender, SipTimerSettings.Default, time);
        await tx.StartAsync(CancellationToken.None);
        Assert.Equal(1, tx.SendCount);

        // E fires at 0.5, 1.5, 3.5, 7.5, 11.5, 15.5 ... (intervals 0.5, 1, 2, 4, 4, 4 ...)
        int[] expectedAfterSeconds = [2, 3, 3, 4, 4, 4, 4, 5];
        double[] at = [0.5, 1.0, 2.0, 4.0, 4.0, 4.0];
        int expected = 1;
        foreach (double step in at)
        {
            time.Advance(TimeSpan.FromSeconds(step));
            expected++;
            Assert.Equal(expected, tx.SendCount);
        }

        _ = expectedAfterSeconds;
        time.Advance(TimeSpan.FromSeconds(32 - 15.5));
        var ex = await Assert.ThrowsAsync<SipTimeoutException>(() => tx.FinalResponse);
        Assert.Contains("REGISTER", ex.Message, StringComparison.Ordinal);
        Assert.Equal(SipClientTransactionState.Terminated, tx.State);
    }

    [Fact]
    public async Task Invite_over_udp_stops_timer_A_on_provisional_and_acks_a_non_2xx_final_itself()
    {
        var time = new FakeTimeProvider();
        var sender = new RecordingSender();
        var provisional = new List<int>();
        var request = NewRequest("INVITE");
        var tx = new SipClientTransaction(request, Udp, sender, SipTimerSettings.Default, time, r => provisional.Add(r.StatusCode));
        await tx.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(0.5));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, tx.SendCount); // A doubles: 0.5, 1.0
        tx.OnResponse(ResponseTo(request, 180));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, tx.SendCount);
        Assert.Equal([180], provisional);

        tx.OnResponse(ResponseTo(request, 486));
        var final = await tx.FinalResponse;
        Assert.Equal(486, final.StatusCode);
        var ack = Assert.IsType<SipRequest>(sender.Sent.Last());
        Assert.Equal("ACK", ack.Method);
        Assert.Equal("z9hG4bKtest1", ack.TopVia.Branch);
        Assert.Equal("b", ack.To.Tag);

        tx.OnResponse(ResponseTo(request, 486)); // retransmitted final: ACK again, not delivered twice
        Assert.Equal(2, sender.Sent.Count(m => m is SipRequest { Method: "ACK" }));
        time.Advance(TimeSpan.FromSeconds(32));
        Assert.Equal(SipClientTransactionState.Terminated, tx.State);
    }

    [Fact]
    public async Task Reliable_transport_never_retransmits()
    {
        var time = new FakeTimeProvider();
        var sender = new RecordingSender();
        var tx = new SipClientTransaction(NewRequest("OPTIONS"), Tcp, sender, SipTimerSettings.Default, time);
        await tx.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, tx.SendCount);
        time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<SipTimeoutException>(() => tx.FinalResponse);
    }

    [Fact]
    public async Task Server_invite_retransmits_non_2xx_with_timer_G_until_ack_and_answers_retransmitted_requests()
    {
        var time = new FakeTimeProvider();
        var sender = new RecordingSender();
        var request = NewRequest("INVITE");
        var tx = new SipServerTransaction(request, Udp, sender, SipTimerSettings.Default, time);
        await tx.SendResponseAsync(tx.CreateResponse(180, "Ringing", "t1"));
        tx.OnRetransmittedRequest();
        Assert.Equal(2, sender.Sent.Count(m => m is SipResponse { StatusCode: 180 }));

        await tx.SendResponseAsync(tx.CreateResponse(486, "Busy Here", "t1"));
        time.Advance(TimeSpan.FromSeconds(0.5));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, sender.Sent.Count(m => m is SipResponse { StatusCode: 486 }));
        tx.OnAck();
        Assert.Equal(SipServerTransactionState.Confirmed, tx.State);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(3, sender.Sent.Count(m => m is SipResponse { StatusCode: 486 }));
        time.Advance(TimeSpan.FromSeconds(1)); // timer I = T4
        Assert.Equal(SipServerTransactionState.Terminated, tx.State);
    }

    [Fact]
    public async Task Server_invite_without_ack_gives_up_after_timer_H()
    {
        var time = new FakeTimeProvider();
        var sender = new RecordingSender();
        var tx = new SipServerTransaction(NewRequest("INVITE"), Udp, sender, SipTimerSettings.Default, time);
        await tx.SendResponseAsync(tx.CreateResponse(603, "Decline", "t"));
        for (int i = 0; i < 319; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(SipServerTransactionState.Completed, tx.State);
        time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(SipServerTransactionState.Terminated, tx.State);
        Assert.Equal(11, sender.Sent.Count); // the 603 and G at 0.5, 1.5, 3.5, 7.5, 11.5 ... 31.5 s
    }

    [Fact]
    public void Responses_go_to_the_source_port_when_rport_was_asked_and_to_the_via_port_otherwise()
    {
        var source = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("127.0.0.9"), 40000));
        var withRport = NewRequest("OPTIONS");
        withRport.SetHeader("Via", "SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK1;rport=40000;received=127.0.0.9");
        Assert.Equal(40000, SipServerTransaction.ComputeResponseDestination(withRport, source).EndPoint.Port);
        var without = NewRequest("OPTIONS");
        without.SetHeader("Via", "SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK1;received=127.0.0.9");
        var d = SipServerTransaction.ComputeResponseDestination(without, source);
        Assert.Equal(5070, d.EndPoint.Port);
        Assert.Equal(IPAddress.Parse("127.0.0.9"), d.EndPoint.Address);
    }
}
