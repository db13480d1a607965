using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Samples;
using Slican.Cti.Testing;
using Spectre.Console;

namespace PresenceBoard;

/// <summary>The presence board: a live table of the roster that follows presence events.</summary>
public static class PresenceBoardApp
{
    private static readonly string Usage = """
        Usage: dotnet run --project samples/PresenceBoard [-- options]

        """ + SampleSession.CommonUsage + """
          Against a real PBX the board runs until you type q (Enter) or press Ctrl+C.
        """;

    private static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan DemoGuard = TimeSpan.FromSeconds(10);

    /// <summary>Runs the board; returns the exit code (0 ok, 64 usage, 2 login failed, 1 other CTI error).</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(console);
        if (!SampleArguments.TryParseOnlyCommon(args, out var arguments, out string? error))
        {
            console.WriteLine(error + Environment.NewLine + Usage);
            return SampleConsole.Usage;
        }

        var output = console.Profile.Out.Writer;
        return await SampleConsole.RunAsync(async () =>
        {
            await using var session = await SampleSession.StartAsync(arguments, output, "201", cancellationToken);
            var client = session.Client;
            console.MarkupLine(Markup.Escape($"Logged in as {client.LogInfo?.Number} {client.LogInfo?.Name}; {client.Presence.Roster.Count} subscribers in the roster."));

            // Subscribe before anything can change. The board only needs to know THAT something changed (it redraws
            // from client.Presence.Roster), so a small buffer that drops the oldest events is enough: a slow
            // terminal never holds up the client, and no state is lost because the roster itself is always current.
            using var changes = client.Presence.Subscribe(capacity: 256, mode: EventOverflowMode.DropOldest);
            var board = new LiveRosterBoard(client.Presence, console, FrameInterval, TimeProvider.System);
            using var stopBoard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var drawing = board.RunAsync(changes, stopBoard.Token);
            try
            {
                if (session.Emulator is { } pbx)
                {
                    await PlayDemoAsync(pbx.Scenario, client, board, cancellationToken);
                }
                else
                {
                    await CommandLoop.WaitForQuitAsync(input, cancellationToken);
                }
            }
            finally
            {
                await stopBoard.CancelAsync();
                await drawing;
            }

            console.MarkupLine($"{board.ChangesShown} presence changes shown in {board.Frames} redraws.");
        }, output, cancellationToken);
    }

    /// <summary>
    /// The demo: colleagues change their status, one switches DND on, a customer calls a desk phone, the user sets
    /// their own status, and a burst of changes shows the coalescing. Each step waits until the table shows it.
    /// </summary>
    private static async Task PlayDemoAsync(PbxScenario scenario, CtiClient client, LiveRosterBoard board, CancellationToken cancellationToken)
    {
        async Task StepAsync(Func<Task> act, string extension, Func<SubscriberPresence, bool> shown)
        {
            await act();
            using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            guard.CancelAfter(DemoGuard);
            try
            {
                await board.WaitUntilShownAsync(roster => roster.FirstOrDefault(p => p.Extension == extension) is { } p && shown(p), guard.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CtiException($"The board did not show the change of {extension} within {DemoGuard.TotalSeconds:0} s.");
            }
        }

        await StepAsync(() => scenario.SetPresenceAsync("202", AppState.Brb, "Lunch, back at 13:00", cancellationToken), "202", p => p.AppState == AppState.Brb);
        await StepAsync(() => scenario.SetDndAsync("203", true, cancellationToken), "203", p => p.Dnd);
        await StepAsync(() => scenario.SetPresenceAsync("205", AppState.Busy, "Budget meeting", cancellationToken), "205", p => p.AppState == AppState.Busy);

        // A customer calls the desk phone 204: ringing, answered (on a call), hung up (free again).
        int cr = 0;
        await StepAsync(async () => cr = await scenario.IncomingCallAsync("0612345678", "204", cancellationToken), "204", p => p.PhoneState == PhoneState.Ringing);
        await StepAsync(() => scenario.AnswerAsync(cr, "204", cancellationToken), "204", p => p.PhoneState == PhoneState.Busy);
        await StepAsync(() => scenario.HangUpAsync(cr, ct: cancellationToken), "204", p => p.PhoneState == PhoneState.Free);

        // Our own status, set through the client like any MessengerCTI user would.
        await StepAsync(() => client.Presence.SetStatusAsync(AppState.Available, "At the reception desk", cancellationToken), client.LogInfo!.Number, p => p.AppState == AppState.Available);

        // A burst: 100 changes in a row are drawn in a handful of frames.
        const int burst = 100;
        await StepAsync(async () =>
        {
            for (int i = 1; i <= burst; i++) await scenario.SetPresenceAsync("208", description: $"Typing {i}/{burst}", ct: cancellationToken);
        }, "208", p => p.Description == $"Typing {burst}/{burst}");
    }
}
