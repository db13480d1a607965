using System.Globalization;
using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Samples;
using Slican.Cti.Testing;

namespace AgentConsole;

/// <summary>
/// The agent's desk: <see cref="CtiClient.CallCenter"/> for queues, agent state and callbacks, and
/// <see cref="CtiClient.Calls"/> for the queue calls that ring at the agent's phone.
/// </summary>
internal sealed class AgentDesk
{
    private const string Help = """
        Commands: queues · login QUEUE · logout QUEUE · pause [REASON] · resume · answer · hangup
                  callbacks · callback ID (dial it) · done ID [done|noanswer|busy|cancelled] · q
        """;

    private readonly CtiClient _client;
    private readonly TextWriter _output;

    private AgentDesk(CtiClient client, TextWriter output)
    {
        _client = client;
        _output = output;
    }

    /// <summary>Registers for Call Center events, shows the desk, then plays the demo or runs the command loop.</summary>
    public static async Task RunAsync(SampleSession session, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var client = session.Client;

        // Subscribe before registering: the subscriptions buffer from now on, so no change between the queue
        // snapshot and the first read is lost. RegisterAsync is also repeated by the client after every reconnect.
        using var queues = client.CallCenter.SubscribeQueues();
        using var callbacks = client.CallCenter.SubscribeCallbacks();
        using var calls = client.Calls.Subscribe();
        await client.CallCenter.RegisterAsync(cancellationToken);
        await output.WriteLineAsync($"Logged in as {client.LogInfo!.Number} {client.LogInfo.Name}.");

        // Interactive mode prints live updates from background readers while the user types: share one writer safely.
        var desk = new AgentDesk(client, session.IsDemo ? output : TextWriter.Synchronized(output));
        await desk.ExecuteAsync("queues", cancellationToken);
        await desk.ExecuteAsync("callbacks", cancellationToken);
        if (session.IsDemo)
        {
            await desk.PlayDemoAsync(session.Emulator!, queues, callbacks, calls, cancellationToken);
            return;
        }

        Func<CancellationToken, Task>[] watchers =
        [
            ct => CommandLoop.PrintEventsAsync(queues, desk.PrintQueueAsync, ct),
            ct => CommandLoop.PrintEventsAsync(callbacks, desk.PrintCallbackAsync, ct),
            ct => CommandLoop.PrintEventsAsync(calls, e => desk.PrintCallAsync(e.Call), ct),
        ];
        await CommandLoop.RunAsync(input, desk._output, Help, desk.ExecuteAsync, watchers, cancellationToken);
    }

    /// <summary>One command line; false when the command is unknown.</summary>
    private async Task<bool> ExecuteAsync(string line, CancellationToken cancellationToken)
    {
        string[] words = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? argument = words.Length > 1 ? words[1] : null;
        var callCenter = _client.CallCenter;
        switch (words[0])
        {
            case "queues":
                await _output.WriteLineAsync("Queues:");
                foreach (var q in callCenter.Queues) await PrintQueueAsync(q);
                return true;
            case "login":
                await callCenter.LoginAsync(QueueId(argument), cancellationToken);
                return true;
            case "logout":
                await callCenter.LogoutAsync(QueueId(argument), cancellationToken);
                return true;
            case "pause":
                // A break applies to all of the agent's queues; the reason is for the supervisor's statistics.
                await callCenter.PauseAsync(true, argument, cancellationToken);
                return true;
            case "resume":
                await callCenter.PauseAsync(false, cancellationToken: cancellationToken);
                return true;
            case "answer":
                var ringing = _client.Calls.Active.LastOrDefault(c => c.Status == CallStatus.Ringing) ?? throw new ArgumentException("Nothing is ringing.");
                await _client.Calls.AnswerAsync(ringing.CR, cancellationToken);
                return true;
            case "hangup":
                var active = _client.Calls.Active;   // a snapshot, oldest first
                if (active.Count == 0) throw new ArgumentException("There is no call.");
                await _client.Calls.HangUpAsync(active[^1].CR, cancellationToken);
                return true;
            case "callbacks":
                var list = callCenter.Callbacks;
                await _output.WriteLineAsync($"Callback list ({list.Count}):");
                foreach (var cb in list) await PrintCallbackAsync(cb);
                return true;
            case "callback":
                var entry = Callback(argument);
                if (entry.Number is null) throw new ArgumentException($"Callback {entry.Id} has no number.");
                int cr = await _client.Calls.DialAsync(entry.Number, cancellationToken);
                await _output.WriteLineAsync($"Calling back {entry.Number} {entry.Name} (call {cr}); report the result with: done {entry.Id} RESULT");
                return true;
            case "done":
                // The result decides what the PBX does with the entry: Done closes it, NoAnswer/Busy count an
                // attempt (it fails at the queue's limit), Cancelled drops it.
                string[] parts = (argument ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var done = Callback(parts.Length > 0 ? parts[0] : null);
                var result = ResultOf(parts.Length > 1 ? parts[1] : "done");
                await callCenter.CompleteCallbackAsync(done.Id, result, cancellationToken);
                return true;
            default:
                return false;
        }
    }

    private static int QueueId(string? argument) =>
        int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? id : throw new ArgumentException("Name the queue by its number, e.g. login 1.");

    private CallbackRequest Callback(string? argument) =>
        int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out int id) && _client.CallCenter.Callbacks.FirstOrDefault(c => c.Id == id) is { } cb
            ? cb
            : throw new ArgumentException("Name a callback by its id from the `callbacks` list.");

    private static CallbackResult ResultOf(string word) => word.ToUpperInvariant() switch
    {
        "DONE" => CallbackResult.Done,
        "NOANSWER" => CallbackResult.NoAnswer,
        "BUSY" => CallbackResult.Busy,
        "CANCELLED" => CallbackResult.Cancelled,
        _ => throw new ArgumentException("The result is done, noanswer, busy or cancelled."),
    };

    private Task PrintQueueAsync(CallCenterQueueStatus q)
    {
        string me = q.LoggedIn ? (q.Paused ? "logged in, on a break" : "logged in") : "not logged in";
        return _output.WriteLineAsync($"  [queue {q.Id}] {q.Name}: {q.WaitingCalls} waiting, {q.AvailableAgents} agents free; you: {me}");
    }

    private Task PrintCallbackAsync(CallbackRequest cb) =>
        _output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  [callback {cb.Id}] queue {cb.QueueId}: {cb.Number} {cb.Name} lost {cb.Time:yyyy-MM-dd HH:mm}, {cb.Attempts} attempts, {cb.State}"));

    private Task PrintCallAsync(CtiCall call)
    {
        // A queue call is addressed to the queue's pilot number, not to the agent: show where it came in.
        string via = call.Direction != CallDirection.Outgoing && call.Called is { } called && called.Number != _client.LogInfo?.Number
            ? $" via {called.Number} {called.Comment}".TrimEnd()
            : string.Empty;
        string name = call.Contact?.Contact.Name ?? call.RemoteName ?? "unknown caller";
        return _output.WriteLineAsync($"  [call {call.CR}] {call.Status} {call.RemoteNumber} ({name}){via}");
    }

    /// <summary>The scripted demo: the emulator plays callers and colleagues, the sample plays agent 201.</summary>
    private async Task PlayDemoAsync(PbxEmulator pbx, CtiEventSubscription<CallCenterQueueStatus> queues, CtiEventSubscription<CallbackRequest> callbacks, CtiEventSubscription<CallEvent> calls, CancellationToken cancellationToken)
    {
        var scenario = pbx.Scenario;
        const int Service = 2;

        // 1. The only agent of "Serwis" logs off at the phone, then a customer calls the queue: nobody can take it.
        await _output.WriteLineAsync("(206 logs out of queue 2 at the phone; a customer calls queue 2)");
        await scenario.SetAgentLoginAsync(Service, "206", loggedIn: false, cancellationToken);
        int first = await scenario.QueueCallAsync(Service, "0600123456", cancellationToken);
        await PrintQueueAsync(await queues.NextAsync(q => q.Id == Service && q.WaitingCalls == 1 && q.AvailableAgents == 0, "the waiting call", cancellationToken));

        // 2. The agent logs in: the PBX hands the waiting call to the free agent at once.
        await RunCommandAsync($"login {Service}", cancellationToken);
        await PrintQueueAsync(await queues.NextAsync(q => q.Id == Service && q.LoggedIn, "the agent login", cancellationToken));
        await PrintCallAsync((await calls.NextAsync(e => e.Call.CR == first && e.Call.Status == CallStatus.Ringing, "the queue call ringing", cancellationToken)).Call);
        await RunCommandAsync("answer", cancellationToken);
        await PrintCallAsync((await calls.NextAsync(e => e.Call.CR == first && e.Call.Status == CallStatus.Connected, "the answered call", cancellationToken)).Call);
        await scenario.HangUpAsync(first, ct: cancellationToken);
        await PrintCallAsync((await calls.NextAsync(e => e.Call.CR == first && e.Call.Status == CallStatus.Released, "the end of the call", cancellationToken)).Call);

        // 3. A break: the next caller waits, gives up, and becomes a callback entry.
        await RunCommandAsync("pause Lunch", cancellationToken);
        await PrintQueueAsync(await queues.NextAsync(q => q.Id == Service && q.Paused, "the break", cancellationToken));
        await _output.WriteLineAsync("(a customer calls queue 2 during the break, and hangs up after a while)");
        int second = await scenario.QueueCallAsync(Service, "0612345678", cancellationToken);
        await PrintQueueAsync(await queues.NextAsync(q => q.Id == Service && q.WaitingCalls == 1, "the caller waiting", cancellationToken));
        await scenario.HangUpAsync(second, ct: cancellationToken);
        var lost = await callbacks.NextAsync(c => c.Number == "0612345678" && c.QueueId == Service && c.State == "Waiting", "the new callback entry", cancellationToken);
        await PrintCallbackAsync(lost);
        await RunCommandAsync("resume", cancellationToken);
        await PrintQueueAsync(await queues.NextAsync(q => q.Id == Service && !q.Paused, "the end of the break", cancellationToken));

        // 4. Work the callback: dial, the customer answers, hang up, report the result.
        await RunCommandAsync($"callback {lost.Id}", cancellationToken);
        var back = await calls.NextAsync(e => e.Call.Direction == CallDirection.Outgoing && e.Call.RemoteNumber == lost.Number, "the call back", cancellationToken);
        await scenario.AnswerAsync(back.Call.CR, ct: cancellationToken);
        await PrintCallAsync((await calls.NextAsync(e => e.Call.CR == back.Call.CR && e.Call.Status == CallStatus.Connected, "the customer answering", cancellationToken)).Call);
        await RunCommandAsync("hangup", cancellationToken);
        await PrintCallAsync((await calls.NextAsync(e => e.Call.CR == back.Call.CR && e.Call.Status == CallStatus.Released, "the end of the call", cancellationToken)).Call);
        await RunCommandAsync($"done {lost.Id} done", cancellationToken);
        await PrintCallbackAsync(await callbacks.NextAsync(c => c.Id == lost.Id && c.State == "Done", "the callback marked done", cancellationToken));

        // 5. End of shift.
        await RunCommandAsync($"logout {Service}", cancellationToken);
        await PrintQueueAsync(await queues.NextAsync(q => q.Id == Service && !q.LoggedIn, "the agent logout", cancellationToken));
        await _output.WriteLineAsync("Demo finished.");
    }

    /// <summary>The demo types the same commands a user would.</summary>
    private async Task RunCommandAsync(string line, CancellationToken cancellationToken)
    {
        await _output.WriteLineAsync("> " + line);
        await ExecuteAsync(line, cancellationToken);
    }
}
