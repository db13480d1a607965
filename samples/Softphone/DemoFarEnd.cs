using System.Net;
using Slican.Cti.Voip;
using Slican.Cti.Voip.Calls;
using Slican.Cti.Voip.Media;

namespace Softphone;

/// <summary>
/// The demo's far end: a second SIP user agent on 127.0.0.1 standing in for the called phone. It answers, plays a
/// 440 Hz tone and prints the DTMF digits it receives. Not needed against a real PBX.
/// </summary>
internal sealed class DemoFarEnd : IAsyncDisposable
{
    /// <summary>The tone the far end plays, which the sample records.</summary>
    public const double ToneHz = 440;

    private readonly SipUserAgent _agent;
    private readonly TextWriter _output;
    private readonly object _gate = new();
    private readonly List<char> _digits = new();
    private (int Count, TaskCompletionSource Done)? _waiter;

    public DemoFarEnd(TextWriter output)
    {
        _output = output;
        _agent = new SipUserAgent(new SipUserAgentOptions { LocalAddress = IPAddress.Loopback, SipPort = 0, RtpPortMin = 0, RtpPortMax = 0 });
        _agent.IncomingCall += OnIncomingCall;
    }

    /// <summary>Where the softphone sends its INVITE.</summary>
    public IPEndPoint EndPoint => _agent.LocalEndPoint;

    /// <summary>Completes once the far end has received <paramref name="count"/> digits.</summary>
    public Task DigitsReceivedAsync(int count)
    {
        lock (_gate)
        {
            if (_digits.Count >= count)
            {
                return Task.CompletedTask;
            }

            _waiter = (count, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return _waiter.Value.Done.Task;
        }
    }

    private void OnIncomingCall(SipCall call)
    {
        _output.WriteLine($"  [far end] {call.RemoteDisplayName ?? call.RemoteUri.ToString()} is calling; answering with a {ToneHz:0} Hz tone");
        call.Media!.Source = new ToneSource(ToneHz);
        call.DtmfReceived += (_, digit) =>
        {
            _output.WriteLine($"  [far end] received DTMF {digit}");
            lock (_gate)
            {
                _digits.Add(digit);
                if (_waiter is { } w && _digits.Count >= w.Count)
                {
                    w.Done.TrySetResult();
                }
            }
        };

        // Answer off the receive loop that raised the event.
        _ = Task.Run(() => call.AnswerAsync());
    }

    public ValueTask DisposeAsync() => _agent.DisposeAsync();
}
