using System.Net;
using System.Net.Sockets;
using System.Text;
using Slican.Cti.Voip.Calls;
using Slican.Cti.Voip.Tests.Support;

namespace Slican.Cti.Voip.Tests.Sip;

public sealed class HostileTransportTests
{
    [Fact]
    public async Task Garbage_datagrams_are_dropped_and_the_agent_still_takes_a_call()
    {
        await using var target = TestAgents.Loopback();
        await using var caller = TestAgents.Loopback();
        using var attacker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var random = new Random(7);
        var datagrams = new List<byte[]>
        {
            Encoding.ASCII.GetBytes("INVITE sip:x SIP/2.0\r\n\r\n"),
            Encoding.ASCII.GetBytes("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKnothing\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: none\r\nCSeq: 1 INVITE\r\n\r\n"), // matches nothing
            Encoding.ASCII.GetBytes("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 99999999\r\n\r\n"),
            new byte[65000],
        };
        for (int i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(1, 1500)];
            random.NextBytes(bytes);
            datagrams.Add(bytes);
        }

        foreach (var d in datagrams)
        {
            await attacker.SendToAsync(d, SocketFlags.None, target.LocalEndPoint);
        }

        var incoming = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        target.IncomingCall += c => { incoming.TrySetResult(c); _ = c.AnswerAsync(); };
        var account = new SipAccount { Registrar = "127.0.0.1", Port = target.LocalEndPoint.Port, UserName = "201" };
        var call = await caller.CallAsync(account, "204");
        await call.WaitForAnswerAsync().WaitAsync(TestAgents.Guard);
        Assert.Equal(SipCallState.Established, call.State);
        await call.HangUpAsync().WaitAsync(TestAgents.Guard);
        Assert.True(target.MalformedMessageCount >= 52, $"{target.MalformedMessageCount} malformed messages counted");
    }
}
