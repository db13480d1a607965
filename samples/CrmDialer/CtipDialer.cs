using Slican.Cti.Client;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Samples;
using Slican.Cti.Testing;

namespace CrmDialer;

/// <summary>
/// The CTIP path (text protocol, TCP 5524), for PBXes or licences where XCTIP is not available. CTIP reports calls
/// per extension (RING/CONN/REL) without a call reference and has no phone book or history, so the pop shows the
/// caller's number (CLIP) and the name the PBX itself put in the RING; commands address the extension, not a call.
/// </summary>
internal sealed class CtipDialer
{
    private const string Help = "Commands: dial NUMBER · answer · transfer [NUMBER] (deflects a ringing call) · hangup · q";

    private readonly CtipClient _ctip;
    private readonly TextWriter _output;
    private readonly string? _quickTransfer;

    private CtipDialer(CtipClient ctip, TextWriter output, string? quickTransfer)
    {
        _ctip = ctip;
        _output = output;
        _quickTransfer = quickTransfer;
    }

    /// <summary>Logs in over CTIP (<c>LOGI</c> with the extension's access key), then plays the demo or runs the command loop.</summary>
    public static async Task RunAsync(SampleArguments arguments, string? quickTransfer, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        // --user is the extension, --password its 4-digit CTIP access key (not the XCTIP password); port 5524 unless --port.
        int port = arguments.Options.Port == CtiClientOptions.DefaultPort ? CtipClientOptions.DefaultPort : arguments.Options.Port;
        var options = new CtipClientOptions { Host = arguments.Host ?? "127.0.0.1", Port = port, Extension = arguments.Options.User, Key = arguments.Options.Password };
        PbxEmulator? pbx = null;
        try
        {
            if (arguments.Host is null)
            {
                // The emulator serves CTIP only when asked to (CtipPort = 0: any free port).
                pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { CtipPort = 0 }, cancellationToken);
                options = options with { Port = pbx.CtipEndPoint!.Port, Extension = "201", Key = "1234" };
                quickTransfer ??= CrmDialerApp.DemoQuickTransfer;
                await output.WriteLineAsync($"Started the PBX emulator with CTIP on {pbx.CtipEndPoint} (use --host for a real PBX).");
            }

            await using var ctip = await CtipClient.ConnectAsync(options, cancellationToken);
            var info = ctip.LoginInfo;
            await output.WriteLineAsync($"CTIP: logged in as {options.Extension} ({info?.PbxType} {info?.SoftwareVersion}, protocol {info?.ProtocolVersion}); quick transfer: {quickTransfer ?? "(none)"}");
            await output.WriteLineAsync("CTIP carries no phone book and no call history: the pop shows the caller's number and the PBX's own name for it.");

            // Subscribe before anything can ring: the subscription buffers every event from this moment on.
            using var events = ctip.Subscribe();
            if (pbx is not null)
            {
                await new CtipDialer(ctip, output, quickTransfer).PlayDemoAsync(pbx, events, cancellationToken);
                return;
            }

            // The client reconnects by itself when the connection drops; say so, so a quiet console is not a mystery.
            using var states = ctip.SubscribeConnectionState();
            var console = TextWriter.Synchronized(output);
            var dialer = new CtipDialer(ctip, console, quickTransfer);
            await CommandLoop.RunAsync(input, console, Help, dialer.ExecuteAsync,
            [
                ct => CommandLoop.PrintEventsAsync(events, e => dialer.PrintAsync(e.Message), ct),
                ct => CommandLoop.PrintEventsAsync(states, s => console.WriteLineAsync($"Connection: {s}"), ct),
            ], cancellationToken);
        }
        finally
        {
            if (pbx is not null) await pbx.DisposeAsync();
        }
    }

    private async Task<bool> ExecuteAsync(string line, CancellationToken cancellationToken)
    {
        string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? argument = words.Length > 1 ? words[1] : null;
        switch (words[0])
        {
            case "dial" when argument is not null:
                // DIAL: on analog and SIP phones the PBX rings the user's phone first (v15 call-back).
                await _ctip.DialAsync(argument, cancellationToken: cancellationToken);
                await _output.WriteLineAsync($"Dialling {argument}.");
                return true;
            case "answer":
                // PICK lifts a CTS system phone's speakerphone; analog and SIP phones answer NA 24 (lift the handset).
                await _ctip.PickAsync(cancellationToken: cancellationToken);
                return true;
            case "transfer":
                // CTIP has no transfer of a connected call; REJ with a target deflects the call while it rings.
                string target = argument ?? _quickTransfer ?? throw new ArgumentException("Say where: transfer NUMBER (or start with --quick-transfer).");
                await _ctip.RejectAsync(target, cancellationToken: cancellationToken);
                await _output.WriteLineAsync($"Deflected the ringing call to {target} (CTIP REJ; a connected call cannot be transferred over CTIP).");
                return true;
            case "hangup":
                await _ctip.HangAsync(cancellationToken: cancellationToken);
                return true;
            default:
                return false;
        }
    }

    private async Task PrintAsync(CtipMessage message)
    {
        switch (message)
        {
            case CtipRing ring:
                await ShowScreenPopAsync(ring);
                break;
            case CtipConnected conn:
                await _output.WriteLineAsync($"  connected to {Describe(conn.Number)}");
                break;
            case CtipReleased rel:
                await _output.WriteLineAsync($"  call ended: REL {(int)rel.Cause} {rel.Cause.GetDescription()}");
                break;
            case CtipEcho echo:
                await _output.WriteLineAsync($"  phone dialled {echo.Digits}");
                break;
            case CtipUserTag tag:
                // Set by another interface, typically an IVR that already asked the caller who they are.
                await _output.WriteLineAsync($"  tagged by the IVR: {tag.Tag} (look the customer up by it)");
                break;
            case CtipCharge charge:
                await _output.WriteLineAsync(FormattableString.Invariant($"  charge so far: {charge.Amount:0.00}"));
                break;
            case CtipRecordingStarted started:
                await _output.WriteLineAsync($"  recording {started.RecordingId} started");
                break;
            case CtipRecordingCancelled cancelled:
                await _output.WriteLineAsync($"  recording {cancelled.RecordingId} cancelled");
                break;
            case CtipRecordingEnded ended:
                await _output.WriteLineAsync($"  recording {ended.RecordingId} saved on {ended.CardAddress} as {ended.Path} (fetch it by FTP with the PBX's CTIP download account)");
                break;
        }
    }

    /// <summary>The CTIP screen pop: the CLIP and the PBX's name for it (RING's comment); nothing else is available.</summary>
    private async Task ShowScreenPopAsync(CtipRing ring)
    {
        string caller = Describe(ring.Caller);
        await _output.WriteLineAsync($"*** Incoming call from {caller} ***");
        await _output.WriteLineAsync(ring.Comment is { } name
            ? $"  CLIP {caller}; the PBX names it: {name}"
            : $"  Unknown caller: CLIP {caller}, the PBX has no name for it");
        await _output.WriteLineAsync("  (CTIP has no phone book or history: look the CLIP up in your CRM, or use --protocol xctip)");
    }

    /// <summary>CTIP writes internal numbers as <c>/202</c> and an unknown number as <c>_</c> (null here).</summary>
    private static string Describe(string? number) =>
        number is null ? "(number withheld)" : CtipExtension.IsInternal(number) ? "extension " + number[1..] : number;

    /// <summary>The scripted demo on the emulator, the same story as the XCTIP one.</summary>
    private async Task PlayDemoAsync(PbxEmulator pbx, CtiEventSubscription<CtipEvent> events, CancellationToken cancellationToken)
    {
        var scenario = pbx.Scenario;

        // 1. A customer calls: pop, then send the call to the quick-transfer number while it rings.
        int known = await scenario.IncomingCallAsync("0612345678", "201", cancellationToken);
        await PrintAsync((await events.NextAsync(e => e.Message is CtipRing, "RING", cancellationToken)).Message);
        await RunCommandAsync("transfer", cancellationToken);
        await PrintAsync((await events.NextAsync(e => e.Message is CtipReleased, "REL after the deflection", cancellationToken)).Message);
        await _output.WriteLineAsync($"  (emulator: call {known} now rings at {string.Join(", ", pbx.World.FindCall(known)?.RingingAt ?? [])})");

        // 2. An unknown number calls, but the IVR it went through identified the customer (UTAG); the agent answers
        //    on the speakerphone, the PBX records the conversation, the caller hangs up and the recording is saved.
        int unknown = await scenario.IncomingCallAsync("0987654321", "201", cancellationToken);
        await PrintAsync((await events.NextAsync(e => e.Message is CtipRing, "RING", cancellationToken)).Message);
        await scenario.TagCallAsync(unknown, "IdSub=112", cancellationToken);
        await PrintAsync((await events.NextAsync(e => e.Message is CtipUserTag, "UTAG", cancellationToken)).Message);
        await RunCommandAsync("answer", cancellationToken);
        await PrintAsync((await events.NextAsync(e => e.Message is CtipConnected, "CONN", cancellationToken)).Message);
        await scenario.StartRecordingAsync(unknown, "201", cancellationToken);
        await PrintAsync((await events.NextAsync(e => e.Message is CtipRecordingStarted, "RECB", cancellationToken)).Message);
        await scenario.HangUpAsync(unknown, ct: cancellationToken);
        await PrintAsync((await events.NextAsync(e => e.Message is CtipReleased, "REL", cancellationToken)).Message);
        await PrintAsync((await events.NextAsync(e => e.Message is CtipRecordingEnded, "RECE", cancellationToken)).Message);

        // 3. Click-to-dial a colleague, who answers; then hang up.
        await RunCommandAsync("dial 202", cancellationToken);
        await PrintAsync((await events.NextAsync(e => e.Message is CtipEcho, "ECHO of the dialled digits", cancellationToken)).Message);
        var call = pbx.World.ActiveCalls.Single(c => c.CallerNumber == "201" && c.Dialled == "202");
        await scenario.AnswerAsync(call.CR, "202", cancellationToken);
        await PrintAsync((await events.NextAsync(e => e.Message is CtipConnected, "CONN", cancellationToken)).Message);
        await RunCommandAsync("hangup", cancellationToken);
        await PrintAsync((await events.NextAsync(e => e.Message is CtipReleased, "REL", cancellationToken)).Message);

        // 4. Click-to-dial a customer outside; the PBX reports the running charge of the call (AOC).
        await RunCommandAsync("dial 0612345678", cancellationToken);
        var outside = pbx.World.ActiveCalls.Single(c => c.CallerNumber == "201" && c.Dialled == "0612345678");
        await scenario.AnswerAsync(outside.CR, ct: cancellationToken);
        await PrintAsync((await events.NextAsync(e => e.Message is CtipConnected, "CONN", cancellationToken)).Message);
        await scenario.ChargeCallAsync(outside.CR, 0.38m, cancellationToken);
        await PrintAsync((await events.NextAsync(e => e.Message is CtipCharge, "AOC", cancellationToken)).Message);
        await RunCommandAsync("hangup", cancellationToken);
        await PrintAsync((await events.NextAsync(e => e.Message is CtipReleased, "REL", cancellationToken)).Message);
        await _output.WriteLineAsync("Demo finished.");
    }

    private async Task RunCommandAsync(string line, CancellationToken cancellationToken)
    {
        await _output.WriteLineAsync("> " + line);
        await ExecuteAsync(line, cancellationToken);
    }
}
