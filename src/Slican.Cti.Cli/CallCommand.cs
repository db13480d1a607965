using System.CommandLine;
using Slican.Cti.Voip;
using Slican.Cti.Voip.Calls;
using Slican.Cti.Voip.Media;
using Slican.Cti.Voip.Registration;
using Slican.Cti.Voip.Sip.Transport;

namespace Slican.Cti.Cli;

/// <summary>
/// <c>slican-cti call</c>: registers as a PBX VoIP subscriber, calls a number, plays a WAV file (or a tone), records
/// the other side to a WAV file and hangs up.
/// </summary>
internal static class CallCommand
{
    public const int ExitCallFailed = 2;
    public const int ExitUsage = 64;
    public const int ExitUnavailable = 69;

    public static Command Create()
    {
        var registrar = new Option<string>("--registrar", "-r") { Description = "PBX address (host or IP) for SIP.", Required = true };
        var port = new Option<int>("--port") { Description = "PBX SIP port.", DefaultValueFactory = _ => 5060 };
        var user = new Option<string>("--user", "-u") { Description = "Your VoIP subscriber number.", Required = true };
        var password = new Option<string?>("--password") { Description = "SIP password. Prefer the SLICAN_SIP_PASSWORD environment variable, which stays out of shell history." };
        var target = new Option<string>("--target", "-t") { Description = "Number or SIP URI to call.", Required = true };
        var play = new Option<string?>("--play") { Description = "WAV file to play (8 kHz, mono, 16-bit PCM). Default: a 1 kHz tone." };
        var record = new Option<string?>("--record") { Description = "WAV file to record the other side into." };
        var seconds = new Option<int>("--seconds") { Description = "Hang up after this many seconds of talk (or when the WAV ends).", DefaultValueFactory = _ => 20 };
        var localPort = new Option<int>("--local-port") { Description = "Local SIP port (0 = any free port).", DefaultValueFactory = _ => 0 };
        var publicAddress = new Option<string?>("--public-address") { Description = "Address to advertise in SIP and SDP when behind NAT with port forwarding." };
        var transport = new Option<string>("--transport") { Description = "udp or tcp.", DefaultValueFactory = _ => "udp" };
        var noRegister = new Option<bool>("--no-register") { Description = "Call without registering first (peer-to-peer or a PBX that does not require it)." };
        var command = new Command("call", "Call a number through the PBX as a VoIP subscriber: play a WAV file or a tone, record the far end, hang up. Exit codes: 0 done, 2 call failed, 64 usage, 66 unreadable WAV, 69 registration refused.")
        {
            registrar, port, user, password, target, play, record, seconds, localPort, publicAddress, transport, noRegister,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            string transportName = result.GetValue(transport)!;
            if (!transportName.Equals("udp", StringComparison.OrdinalIgnoreCase) && !transportName.Equals("tcp", StringComparison.OrdinalIgnoreCase))
            {
                await Console.Error.WriteLineAsync($"slican-cti: unknown transport '{transportName}': use udp or tcp.").ConfigureAwait(false);
                return ExitUsage;
            }

            IAudioSource source;
            MemoryAudioSource? file = null;
            if (result.GetValue(play) is { } playPath)
            {
                try
                {
                    file = new MemoryAudioSource(await WavReader.ReadAsync(playPath, cancellationToken).ConfigureAwait(false));
                    source = file;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or WavFormatException)
                {
                    await Console.Error.WriteLineAsync($"slican-cti: cannot play '{playPath}': {ex.Message}").ConfigureAwait(false);
                    return CommonOptions.ExitNoInput;
                }
            }
            else
            {
                source = new ToneSource(1000);
            }

            var options = new SoftphoneOptions
            {
                RegistrarHost = result.GetValue(registrar)!,
                RegistrarPort = result.GetValue(port),
                UserName = result.GetValue(user)!,
                Password = result.GetValue(password) ?? Environment.GetEnvironmentVariable("SLICAN_SIP_PASSWORD"),
                LocalSipPort = result.GetValue(localPort),
                PublicAddress = result.GetValue(publicAddress),
                Transport = transportName.Equals("tcp", StringComparison.OrdinalIgnoreCase) ? SipTransportKind.Tcp : SipTransportKind.Udp,
                Register = !result.GetValue(noRegister),
            };

            WavFileSink? recorder = null;
            try
            {
                recorder = result.GetValue(record) is { } recordPath ? new WavFileSink(recordPath) : null;
                await using var phone = await Softphone.StartAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"slican-cti: {(options.Register ? "registered" : "not registering")} as {phone.Account.AddressOfRecord}; calling {result.GetValue(target)}");
                var call = await phone.CallAsync(result.GetValue(target)!, new SipCallOptions { Source = source, Sink = recorder }, cancellationToken).ConfigureAwait(false);
                call.StateChanged += (_, state) => Console.WriteLine($"slican-cti: call {state}");
                await call.WaitForAnswerAsync(cancellationToken).ConfigureAwait(false);
                var talk = Task.Delay(TimeSpan.FromSeconds(result.GetValue(seconds)), cancellationToken);
                await Task.WhenAny(talk, call.Ended, file?.Completion ?? talk).ConfigureAwait(false);
                await call.HangUpAsync(CancellationToken.None).ConfigureAwait(false);
                var end = await call.Ended.ConfigureAwait(false);
                var stats = call.Media?.GetStatistics();
                Console.WriteLine($"slican-cti: call ended ({end.Reason}); RTP sent {stats?.PacketsSent}, received {stats?.PacketsReceived}, lost {stats?.PacketsLost}, jitter {stats?.JitterMs:0.0} ms");
                return 0;
            }
            catch (SipRegistrationException ex)
            {
                await Console.Error.WriteLineAsync("slican-cti: " + ex.Message).ConfigureAwait(false);
                return ExitUnavailable;
            }
            catch (Exception ex) when (ex is SipCallFailedException or SipTransportException or TimeoutException)
            {
                await Console.Error.WriteLineAsync("slican-cti: " + ex.Message).ConfigureAwait(false);
                return ExitCallFailed;
            }
            finally
            {
                if (recorder is not null)
                {
                    await recorder.DisposeAsync().ConfigureAwait(false);
                }
            }
        });
        return command;
    }
}
