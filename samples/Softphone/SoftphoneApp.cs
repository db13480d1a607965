using System.Net;
using Slican.Cti.Client;
using Slican.Cti.Samples;
using Slican.Cti.Voip;
using Slican.Cti.Voip.Calls;
using Slican.Cti.Voip.Cti;
using Slican.Cti.Voip.Media;
using Slican.Cti.Voip.Registration;
using Slican.Cti.Voip.Sip.Transport;

// The sample's namespace is "Softphone", so the SDK's Softphone class is named through an alias.
using VoipSoftphone = Slican.Cti.Voip.Softphone;

namespace Softphone;

/// <summary>The softphone sample: start a softphone, call, play, record, send DTMF, hang up. Callable from tests.</summary>
public static class SoftphoneApp
{
    /// <summary>Exit code when the CTI login, the SIP registration or the account's VoIP licence is refused.</summary>
    public const int ExitAccountRefused = 2;

    /// <summary>The tone played when no --play file is given: 1 kHz, as the far end can recognise it.</summary>
    public const double ToneHz = 1000;

    /// <summary>Runs the sample; returns the process exit code (0 done, 64 usage, 2 account refused, 1 call or other failure).</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (!SoftphoneSettings.TryParse(args, out var settings, out string? error))
        {
            await output.WriteLineAsync(error + Environment.NewLine + SoftphoneSettings.Usage);
            return 64;
        }

        // Call events arrive on the SIP and media threads: keep the console writes from interleaving.
        output = TextWriter.Synchronized(output);
        SampleSession? session = null;
        DemoFarEnd? farEnd = null;
        try
        {
            // What we say: a WAV file, or a tone (2 s in the demo, 3 s otherwise).
            var audio = new MemoryAudioSource(settings.Play is { } playPath
                ? await WavReader.ReadAsync(playPath, cancellationToken)
                : Tone(ToneHz, TimeSpan.FromSeconds(settings.IsDemo ? 2 : 3)));

            VoipSoftphone phone;
            string target;
            if (settings.Registrar is { } registrar)
            {
                // SIP only: the account is typed in (no CTI connection).
                phone = await VoipSoftphone.StartAsync(new SoftphoneOptions
                {
                    RegistrarHost = registrar,
                    RegistrarPort = settings.RegistrarPort,
                    UserName = settings.Connection.Options.User,
                    Password = NullIfEmpty(settings.Connection.Options.Password) ?? Environment.GetEnvironmentVariable("SLICAN_SIP_PASSWORD"),
                }, cancellationToken: cancellationToken);
                target = settings.Target!;
            }
            else
            {
                // From a CTI login: the logged-in subscriber's number, name, PBX address and RTP ports become the
                // SIP account, so the user types nothing twice. StartSoftphoneAsync refuses (VoipNotEnabledException)
                // before any SIP traffic when the subscriber has no VoIP licence.
                session = await SampleSession.StartAsync(settings.Connection, output, "201", cancellationToken);
                var me = session.Client.LogInfo!;
                await output.WriteLineAsync($"Logged in as {me.Number} {me.Name} (VoIP {(me.HasVoip ? "enabled" : "not enabled")}, PBX {me.PbxType ?? "?"})");
                Func<SoftphoneOptions, SoftphoneOptions>? demoOnly = null;
                if (session.IsDemo)
                {
                    // The emulator speaks CTI only, so a second user agent plays the called phone. The softphone keeps
                    // everything it derived from the login and only calls that agent directly, without registering.
                    farEnd = new DemoFarEnd(output);
                    var far = farEnd.EndPoint;
                    demoOnly = o => o with { RegistrarHost = far.Address.ToString(), RegistrarPort = far.Port, Register = false, LocalAddress = IPAddress.Loopback, RtpPortMin = 0, RtpPortMax = 0 };
                }

                phone = await session.Client.StartSoftphoneAsync(settings.SipPassword, demoOnly, cancellationToken: cancellationToken);
                target = settings.Target ?? "204";
            }

            await using (phone)
            {
                await output.WriteLineAsync(phone.Registration is { } r
                    ? $"Registered {phone.Account.AddressOfRecord} for {r.GrantedExpires} s (RTP ports {phone.Options.RtpPortMin}-{phone.Options.RtpPortMax})"
                    : $"Softphone {phone.Account.AddressOfRecord} \"{phone.Account.DisplayName}\" started without registering (demo)");
                return await CallAsync(phone, target, audio, settings, farEnd, input, output, cancellationToken);
            }
        }
        catch (CtiLoginException ex)
        {
            await output.WriteLineAsync("CTI login failed: " + ex.Message);
            return ExitAccountRefused;
        }
        catch (VoipNotEnabledException ex)
        {
            await output.WriteLineAsync("No softphone: " + ex.Message);
            return ExitAccountRefused;
        }
        catch (SipRegistrationException ex)
        {
            await output.WriteLineAsync($"SIP registration refused ({ex.StatusCode}): {ex.Message}");
            return ExitAccountRefused;
        }
        catch (SipCallFailedException ex)
        {
            await output.WriteLineAsync("Call failed: " + ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is CtiException or SipTransportException or TimeoutException or IOException or WavFormatException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync("Error: " + ex.Message);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is the normal way to stop against a real PBX; the call was hung up on the way out.
            await output.WriteLineAsync("Stopped.");
            return 0;
        }
        finally
        {
            if (farEnd is not null) await farEnd.DisposeAsync();
            if (session is not null) await session.DisposeAsync();
        }
    }

    private static async Task<int> CallAsync(VoipSoftphone phone, string target, MemoryAudioSource audio, SoftphoneSettings settings, DemoFarEnd? farEnd, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var recorder = new WavFileSink(settings.Record);
        SipCall? call = null;
        try
        {
            await output.WriteLineAsync($"Calling {target}...");
            call = await phone.CallAsync(target, new SipCallOptions { Source = audio, Sink = recorder }, cancellationToken);
            call.StateChanged += (_, state) => output.WriteLine($"  call is {state}");
            call.DtmfReceived += (_, digit) => output.WriteLine($"  received DTMF {digit}");
            call.RemoteHoldChanged += (_, held) => output.WriteLine(held ? "  the far end put us on hold" : "  the far end resumed");
            await call.WaitForAnswerAsync(cancellationToken);
            await output.WriteLineAsync($"Answered: {call.Media!.Codec}, playing {(settings.Play ?? $"a {ToneHz:0} Hz tone")}, recording to {settings.Record}");

            string digits = settings.Dtmf ?? (farEnd is not null ? "123#" : string.Empty);
            await SendDtmfAsync(call, digits, output, cancellationToken);
            if (farEnd is not null)
            {
                // RFC 4733 events travel as RTP: wait until the far end has decoded every digit.
                await farEnd.DigitsReceivedAsync(digits.Length).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                await Task.WhenAny(audio.Completion, call.Ended).WaitAsync(cancellationToken);
            }
            else
            {
                await TalkAsync(call, audio, input, output, cancellationToken);
            }

            await call.HangUpAsync(cancellationToken);
            var end = await call.Ended.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            var stats = call.Media.GetStatistics();
            await output.WriteLineAsync($"Call ended: {end.Reason}{(end.ByRemote ? " (by the far end)" : string.Empty)}. RTP sent {stats.PacketsSent}, received {stats.PacketsReceived}, lost {stats.PacketsLost}, jitter {stats.JitterMs:0.0} ms.");
        }
        finally
        {
            if (call is { State: not SipCallState.Terminated })
            {
                await call.HangUpAsync(CancellationToken.None);
            }

            // Disposing the sink writes the WAV header's final lengths.
            await recorder.DisposeAsync();
        }

        await output.WriteLineAsync($"Recorded {recorder.Seconds:0.0} s of the far end to {settings.Record}");
        return 0;
    }

    /// <summary>
    /// The call against a real PBX: until the audio has been played, the far end hangs up or the user types q, each
    /// input line is a command: digits are sent as DTMF, h holds, r resumes. End of input just waits for the audio.
    /// </summary>
    private static async Task TalkAsync(SipCall call, MemoryAudioSource audio, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("Type digits to send DTMF, h to hold, r to resume, q to hang up.");
        Task<string?>? nextLine = input.ReadLineAsync(cancellationToken).AsTask();
        while (true)
        {
            var finished = Task.WhenAny(audio.Completion, call.Ended);
            var first = await (nextLine is null ? finished : Task.WhenAny(finished, nextLine)).WaitAsync(cancellationToken);
            if (first != nextLine)
            {
                return;
            }

            string? line = (await nextLine)?.Trim();
            nextLine = line is null ? null : input.ReadLineAsync(cancellationToken).AsTask();
            switch (line)
            {
                case null or "":
                    break;
                case "q":
                    return;
                case "h":
                    await call.HoldAsync(cancellationToken);
                    await output.WriteLineAsync("  on hold (the far end hears nothing from us)");
                    break;
                case "r":
                    await call.ResumeAsync(cancellationToken);
                    await output.WriteLineAsync("  resumed");
                    break;
                default:
                    if (line.All(SoftphoneSettings.IsDtmfDigit))
                    {
                        await SendDtmfAsync(call, line, output, cancellationToken);
                    }
                    else
                    {
                        await output.WriteLineAsync($"  unknown command '{line}': digits, h, r or q");
                    }

                    break;
            }
        }
    }

    private static async Task SendDtmfAsync(SipCall call, string digits, TextWriter output, CancellationToken cancellationToken)
    {
        foreach (char digit in digits)
        {
            // RFC 4733 events when the far end offered telephone-event, SIP INFO otherwise.
            await call.SendDtmfAsync(digit, DtmfMode.Auto, cancellationToken);
            await output.WriteLineAsync($"  sent DTMF {digit}");
        }
    }

    private static short[] Tone(double hz, TimeSpan length)
    {
        var samples = new short[(int)(AudioFormat.SampleRate * length.TotalSeconds)];
        new ToneSource(hz).ReadFrame(samples);
        return samples;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
