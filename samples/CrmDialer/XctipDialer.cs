using System.Globalization;
using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Samples;
using Slican.Cti.Testing;

namespace CrmDialer;

/// <summary>
/// The XCTIP path: the PBX sends call events with the caller's number, the client matches it against the
/// synchronised phone book (<see cref="CtiCall.Contact"/>) and keeps the call history, so a screen pop needs no
/// database of its own. Calls are controlled by their reference (<see cref="CtiCall.CR"/>).
/// </summary>
internal sealed class XctipDialer
{
    private const string Help = "Commands: dial NUMBER · answer · transfer [NUMBER] · hangup · calls · q";

    private readonly CtiClient _client;
    private readonly TextWriter _output;

    private XctipDialer(CtiClient client, TextWriter output)
    {
        _client = client;
        _output = output;
    }

    /// <summary>Logs in, then plays the demo (emulator) or runs the command loop (real PBX).</summary>
    public static async Task RunAsync(SampleArguments arguments, string? quickTransfer, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        await using var session = await SampleSession.StartAsync(arguments, output, "201", cancellationToken);
        var client = session.Client;
        var me = client.LogInfo!;
        quickTransfer ??= session.IsDemo ? CrmDialerApp.DemoQuickTransfer : null;
        client.Calls.QuickTransferNumbers = quickTransfer is null ? [] : [quickTransfer];
        await output.WriteLineAsync($"XCTIP: logged in as {me.Number} {me.Name}; phone book {client.PhoneBook.Count} contacts, call history {client.History.Calls.Count} calls; quick transfer: {quickTransfer ?? "(none)"}");

        // Subscribe before anything can ring: the subscription buffers every call event from this moment on.
        using var calls = client.Calls.Subscribe();
        if (session.IsDemo)
        {
            await new XctipDialer(client, output).PlayDemoAsync(session.Emulator!, me.Number, calls, cancellationToken);
            return;
        }

        // Interactive: events are printed by a background reader while the user types, so share one writer safely.
        var console = TextWriter.Synchronized(output);
        var dialer = new XctipDialer(client, console);
        await CommandLoop.RunAsync(input, console, Help, dialer.ExecuteAsync, [ct => CommandLoop.PrintEventsAsync(calls, dialer.OnCallEventAsync, ct)], cancellationToken);
    }

    /// <summary>Pops a new ringing call; prints any other change in one line.</summary>
    private Task OnCallEventAsync(CallEvent e) =>
        e.Previous is null && e.Call.Status == CallStatus.Ringing ? ShowScreenPopAsync(e.Call) : PrintAsync(e.Call);

    /// <summary>One command line; false when the command is unknown.</summary>
    private async Task<bool> ExecuteAsync(string line, CancellationToken cancellationToken)
    {
        string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? argument = words.Length > 1 ? words[1] : null;
        switch (words[0])
        {
            case "dial" when argument is not null:
                // Click-to-dial. The reply carries the new call's CR; its progress arrives as call events.
                int cr = await _client.Calls.DialAsync(argument, cancellationToken);
                await _output.WriteLineAsync($"Dialling {argument} (call {cr}); a desk phone may ring first (call-back).");
                return true;
            case "answer":
                var ringing = Latest(c => c.Status == CallStatus.Ringing) ?? throw new ArgumentException("Nothing is ringing.");
                await _client.Calls.AnswerAsync(ringing.CR, cancellationToken);
                return true;
            case "transfer":
                await TransferAsync(argument, cancellationToken);
                return true;
            case "hangup":
                var call = Latest(_ => true) ?? throw new ArgumentException("There is no call.");
                await _client.Calls.HangUpAsync(call.CR, cancellationToken);
                return true;
            case "calls":
                foreach (var active in _client.Calls.Active) await _output.WriteLineAsync("  " + active);
                return true;
            default:
                return false;
        }
    }

    private async Task TransferAsync(string? number, CancellationToken cancellationToken)
    {
        var call = Latest(c => c.Status is CallStatus.Connected or CallStatus.Held or CallStatus.Ringing)
            ?? throw new ArgumentException("There is no call to transfer.");
        if (call.Status == CallStatus.Ringing)
        {
            // Not answered yet: deflect it, the same as CTIP's REJ with a target.
            var quick = _client.Calls.QuickTransferNumbers;
            string target = number ?? (quick.Count > 0 ? quick[0] : null) ?? throw new ArgumentException("Say where: transfer NUMBER (or start with --quick-transfer).");
            await _client.Calls.DeflectAsync(call.CR, target, cancellationToken);
            await _output.WriteLineAsync($"Deflected call {call.CR} to {target}.");
        }
        else if (number is null)
        {
            if (_client.Calls.QuickTransferNumbers.Count == 0) throw new ArgumentException("No quick-transfer number: start with --quick-transfer NUMBER, or say transfer NUMBER.");
            await _client.Calls.QuickTransferAsync(call.CR, 0, cancellationToken);
            await _output.WriteLineAsync($"Transferred call {call.CR} to the quick-transfer number {_client.Calls.QuickTransferNumbers[0]}.");
        }
        else
        {
            await _client.Calls.TransferAsync(call.CR, number, TransferMode.Blind, cancellationToken);
            await _output.WriteLineAsync($"Transferred call {call.CR} to {number}.");
        }
    }

    /// <summary>The newest call in progress that matches; <see cref="Calls.Active"/> is a snapshot, oldest first.</summary>
    private CtiCall? Latest(Func<CtiCall, bool> match) => _client.Calls.Active.LastOrDefault(match);

    /// <summary>The screen pop: who is calling (phone book) and what happened with that number before (history).</summary>
    private async Task ShowScreenPopAsync(CtiCall call)
    {
        string number = call.RemoteNumber ?? "(number withheld)";
        await _output.WriteLineAsync($"*** Incoming call from {number} (call {call.CR}) ***");
        if (call.Contact is { } match)
        {
            var card = ContactCard.From(match, _client.PhoneBook);
            await _output.WriteLineAsync($"  Contact: {card.Name}");
            await _output.WriteLineAsync($"  Company: {card.Company ?? "-"}");
            await _output.WriteLineAsync($"  Matched: {card.MatchedNumber}");
            if (card.Groups.Length > 0) await _output.WriteLineAsync($"  Groups:  {card.Groups}");
        }
        else
        {
            await _output.WriteLineAsync($"  Unknown caller: no phone-book contact has {number}{(call.RemoteName is { } name ? $" (the PBX calls it {name})" : string.Empty)}");
        }

        // History numbers are written as the PBX reported them; compare the normalised forms (0612345678 = +48 61 234 56 78).
        string? key = _client.Numbers.Normalize(call.RemoteNumber);
        var recent = key is null ? [] : _client.History.Calls.Where(h => _client.Numbers.Normalize(h.Number) == key).Take(3).ToList();
        if (recent.Count == 0)
        {
            await _output.WriteLineAsync("  History: no earlier calls with this number");
            return;
        }

        await _output.WriteLineAsync($"  History: last {recent.Count} calls with this number");
        foreach (var h in recent)
        {
            await _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"    {h.Time:yyyy-MM-dd HH:mm}  {h.Type?.Value,-10}  {h.Duration:m\\:ss}"));
        }
    }

    private Task PrintAsync(CtiCall call)
    {
        string name = call.RemoteName is null ? string.Empty : " " + call.RemoteName;
        string cause = call.ReleaseCause is { } c ? $" (cause {c.Value})" : string.Empty;
        return _output.WriteLineAsync($"  call {call.CR}: {call.Status} {call.RemoteNumber}{name}{cause}");
    }

    /// <summary>The scripted demo: the emulator plays the callers and the colleagues, the sample plays the agent.</summary>
    private async Task PlayDemoAsync(PbxEmulator pbx, string me, CtiEventSubscription<CallEvent> calls, CancellationToken cancellationToken)
    {
        var scenario = pbx.Scenario;

        // 1. A customer in the phone book calls: pop, answer, transfer to the quick-transfer number.
        int known = await scenario.IncomingCallAsync("0612345678", me, cancellationToken);
        var ringing = await calls.NextAsync(e => e.Call.CR == known && e.Call.Status == CallStatus.Ringing, "the customer's call", cancellationToken);
        await ShowScreenPopAsync(ringing.Call);
        await RunCommandAsync("answer", cancellationToken);
        await PrintAsync((await calls.NextAsync(e => e.Call.CR == known && e.Call.Status == CallStatus.Connected, "the answered call", cancellationToken)).Call);
        await RunCommandAsync("transfer", cancellationToken);
        await PrintAsync((await calls.NextAsync(e => e.Call.CR == known && e.Call.Status == CallStatus.Released, "the transferred call leaving this phone", cancellationToken)).Call);
        await _output.WriteLineAsync($"  (emulator: call {known} now rings at {string.Join(", ", pbx.World.FindCall(known)?.RingingAt ?? [])})");

        // 2. A number nobody knows calls, and gives up before anyone answers.
        int unknown = await scenario.IncomingCallAsync("0987654321", me, cancellationToken);
        ringing = await calls.NextAsync(e => e.Call.CR == unknown && e.Call.Status == CallStatus.Ringing, "the unknown caller", cancellationToken);
        await ShowScreenPopAsync(ringing.Call);
        await scenario.HangUpAsync(unknown, ct: cancellationToken);
        await PrintAsync((await calls.NextAsync(e => e.Call.CR == unknown && e.Call.Status == CallStatus.Released, "the caller giving up", cancellationToken)).Call);

        // 3. Click-to-dial a colleague, who answers; then hang up.
        await RunCommandAsync("dial 202", cancellationToken);
        var dialling = await calls.NextAsync(e => e.Call.Direction == CallDirection.Outgoing && e.Call.RemoteNumber == "202", "the dialled call", cancellationToken);
        await scenario.AnswerAsync(dialling.Call.CR, "202", cancellationToken);
        await PrintAsync((await calls.NextAsync(e => e.Call.CR == dialling.Call.CR && e.Call.Status == CallStatus.Connected, "202 answering", cancellationToken)).Call);
        await RunCommandAsync("hangup", cancellationToken);
        await PrintAsync((await calls.NextAsync(e => e.Call.CR == dialling.Call.CR && e.Call.Status == CallStatus.Released, "the end of the call", cancellationToken)).Call);
        await _output.WriteLineAsync("Demo finished.");
    }

    /// <summary>The demo types the same commands a user would.</summary>
    private async Task RunCommandAsync(string line, CancellationToken cancellationToken)
    {
        await _output.WriteLineAsync("> " + line);
        await ExecuteAsync(line, cancellationToken);
    }
}
