// Softphone: register as a Slican PBX VoIP subscriber, call a number, play a WAV file, record the other side to a
// WAV file, hang up.
//
//   dotnet run --project samples/Softphone -- --registrar 192.168.1.10 --user 201 --password secret --target 204 \
//       --play hello.wav --record answer.wav
//
//   dotnet run --project samples/Softphone -- --demo
//       runs both ends in this process on 127.0.0.1: a second user agent answers and plays a 440 Hz tone.
//
// WAV files must be 8 kHz, mono, 16-bit PCM (sox in.wav -r 8000 -c 1 -b 16 out.wav).
using System.Net;
using Slican.Cti.Voip;
using Slican.Cti.Voip.Calls;
using Slican.Cti.Voip.Media;

var arguments = ParseArguments(args);
if (arguments is null)
{
    Console.Error.WriteLine("usage: Softphone --registrar <host> [--port 5060] --user <number> [--password <pw>] --target <number> [--play in.wav] [--record out.wav] [--seconds 20]");
    Console.Error.WriteLine("       Softphone --demo [--record out.wav]");
    return 64;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var demoPeer = arguments.ContainsKey("demo") ? await DemoPeer.StartAsync() : null;
var options = demoPeer is null
    ? new SoftphoneOptions
    {
        RegistrarHost = arguments["registrar"],
        RegistrarPort = arguments.TryGetValue("port", out var p) ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : 5060,
        UserName = arguments["user"],
        Password = arguments.GetValueOrDefault("password") ?? Environment.GetEnvironmentVariable("SLICAN_SIP_PASSWORD"),
    }
    : new SoftphoneOptions
    {
        RegistrarHost = "127.0.0.1",
        RegistrarPort = demoPeer.Port,
        UserName = "201",
        Register = false, // the demo peer is a phone, not a registrar
        LocalAddress = IPAddress.Loopback,
    };
string target = demoPeer is null ? arguments["target"] : "204";

// What we say: a WAV file, or a three-second 1 kHz tone.
short[] samples = arguments.TryGetValue("play", out var playPath)
    ? await WavReader.ReadAsync(playPath)
    : Tone(1000, seconds: 3);
var source = new MemoryAudioSource(samples);
await using var recorder = new WavFileSink(arguments.GetValueOrDefault("record") ?? "recorded.wav");

await using var phone = await Softphone.StartAsync(options, cancellationToken: stop.Token);
Console.WriteLine($"Calling {target} as {phone.Account.AddressOfRecord}...");
var call = await phone.CallAsync(target, new SipCallOptions { Source = source, Sink = recorder }, stop.Token);
call.StateChanged += (_, state) => Console.WriteLine($"  call is {state}");
call.DtmfReceived += (_, digit) => Console.WriteLine($"  DTMF {digit}");
try
{
    await call.WaitForAnswerAsync(stop.Token);
}
catch (SipCallFailedException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

// Talk until our audio has been played (or the far end hangs up, or the time limit).
var limit = Task.Delay(TimeSpan.FromSeconds(arguments.TryGetValue("seconds", out var s) ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 20), stop.Token);
await Task.WhenAny(source.Completion, call.Ended, limit);
await call.HangUpAsync();
var end = await call.Ended;
var stats = call.Media!.GetStatistics();
Console.WriteLine($"Done: {end.Reason}. Recorded {recorder.Seconds:0.0} s. RTP sent {stats.PacketsSent}, received {stats.PacketsReceived}, lost {stats.PacketsLost}, jitter {stats.JitterMs:0.0} ms.");
return 0;

static short[] Tone(double hz, int seconds)
{
    var buffer = new short[AudioFormat.SampleRate * seconds];
    new ToneSource(hz).ReadFrame(buffer);
    return buffer;
}

static Dictionary<string, string>? ParseArguments(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    for (int i = 0; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal))
        {
            return null;
        }

        string name = args[i][2..];
        if (name == "demo")
        {
            result[name] = "true";
        }
        else if (i + 1 < args.Length)
        {
            result[name] = args[++i];
        }
        else
        {
            return null;
        }
    }

    bool demo = result.ContainsKey("demo");
    return demo || (result.ContainsKey("registrar") && result.ContainsKey("user") && result.ContainsKey("target")) ? result : null;
}

/// <summary>The far end of --demo: a second user agent on loopback that answers and plays a 440 Hz tone.</summary>
internal sealed class DemoPeer : IAsyncDisposable
{
    private readonly SipUserAgent _agent;

    private DemoPeer(SipUserAgent agent) => _agent = agent;

    public int Port => _agent.LocalEndPoint.Port;

    public static Task<DemoPeer> StartAsync()
    {
        var agent = new SipUserAgent(new SipUserAgentOptions { LocalAddress = IPAddress.Loopback, SipPort = 0, RtpPortMin = 0, RtpPortMax = 0 });
        agent.IncomingCall += call =>
        {
            call.Media!.Source = new ToneSource(440);
            _ = call.AnswerAsync();
        };
        return Task.FromResult(new DemoPeer(agent));
    }

    public ValueTask DisposeAsync() => _agent.DisposeAsync();
}
