using System.Collections.Concurrent;
using System.Net;
using Slican.Cti.Doorphone.Doors;
using Slican.Cti.Voip;
using Slican.Cti.Voip.Calls;

namespace Slican.Cti.Doorphone.Tests.Doors;

/// <summary>The DTMF door code sent by <see cref="SipCallDoorDtmfSender"/> between two of our SIP agents on loopback.</summary>
public sealed class SipCallDoorDtmfSenderTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private static SipUserAgent Agent() => new(new SipUserAgentOptions
    {
        LocalAddress = IPAddress.Loopback,
        SipPort = 0,
        RtpPortMin = 0,
        RtpPortMax = 0,
    });

    /// <summary>The doorphone calls the app; the app answers. Returns (doorphone side, app side).</summary>
    private static async Task<(SipCall Doorphone, SipCall App)> DoorphoneCallsAsync(SipUserAgent doorphone, SipUserAgent app)
    {
        var incoming = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.IncomingCall += c => incoming.TrySetResult(c);
        var account = new SipAccount { Registrar = "127.0.0.1", Port = app.LocalEndPoint.Port, UserName = "250" };
        var atDoor = await doorphone.CallAsync(account, "201").WaitAsync(Guard);
        var atApp = await incoming.Task.WaitAsync(Guard);
        await atApp.AnswerAsync().WaitAsync(Guard);
        await atDoor.WaitForAnswerAsync().WaitAsync(Guard);
        return (atDoor, atApp);
    }

    [Fact]
    public async Task The_door_code_reaches_the_doorphone_by_rfc4733_in_order()
    {
        await using var doorphone = Agent();
        await using var app = Agent();
        var (atDoor, atApp) = await DoorphoneCallsAsync(doorphone, app);
        var digits = new ConcurrentQueue<char>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        atDoor.DtmfReceived += (_, d) =>
        {
            digits.Enqueue(d);
            if (digits.Count == 4)
            {
                all.TrySetResult();
            }
        };
        var sender = new SipCallDoorDtmfSender { Mode = DtmfMode.Rfc4733 };
        sender.Attach(1050, atApp);

        await sender.SendDtmfAsync(1050, "*12#", CancellationToken.None).WaitAsync(Guard);

        await all.Task.WaitAsync(Guard);
        Assert.Equal(['*', '1', '2', '#'], digits.ToArray());
        Assert.Equal(4, atDoor.Media!.GetStatistics().DtmfReceived);

        await atDoor.HangUpAsync().WaitAsync(Guard);
        await atApp.Ended.WaitAsync(Guard);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendDtmfAsync(1050, "*12#", CancellationToken.None));
        Assert.DoesNotContain("*12#", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_call_or_with_a_bad_code_nothing_is_sent_and_the_code_is_not_echoed()
    {
        var sender = new SipCallDoorDtmfSender();
        var none = await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendDtmfAsync(1050, "4711", CancellationToken.None));
        Assert.Contains("1050", none.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4711", none.Message, StringComparison.Ordinal);

        var bad = await Assert.ThrowsAsync<ArgumentException>(() => sender.SendDtmfAsync(1050, "47x1", CancellationToken.None));
        Assert.DoesNotContain("47x1", bad.Message, StringComparison.Ordinal);
        Assert.False(sender.Detach(1050));
    }
}
