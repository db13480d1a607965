using System.CommandLine;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Cli;

/// <summary>
/// <c>slican-cti watch</c>: logs in and prints live PBX events (calls, presence, chat, phone book, doors, connection
/// state) one per line until Ctrl+C, human-readable or as JSON Lines.
/// </summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var connection = new ClientConnectionOptions();
        var json = new Option<bool>("--json") { Description = "Print JSON Lines (one object per event, with \"time\" and \"type\") instead of text." };
        var events = new Option<string>("--events") { HelpName = "LIST", Description = $"Comma-separated streams to print: {string.Join(",", WatchEvent.Streams)}.", DefaultValueFactory = _ => string.Join(",", WatchEvent.Streams) };
        var demo = new Option<bool>("--demo") { Description = "With --emulator: drive a short scenario (an incoming call, a presence change, a chat message, the hang-up), print its events and exit 0." };
        var command = new Command("watch", "Print live PBX events (calls, presence, chat, phone book, doors, connection) one per line until Ctrl+C. Progress goes to stderr, events to stdout. Exit codes: 0 stopped by Ctrl+C (or --demo done), 64 usage, 69 PBX unreachable, 75 --demo events did not arrive, 77 login refused (password, licence, CTI access, certificate).")
        {
            json, events, demo,
        };
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var selected = result.GetValue(events)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).ToHashSet();
            if (selected.FirstOrDefault(s => !WatchEvent.Streams.Contains(s)) is { } unknown)
            {
                return await ClientConnection.Fail(ExitCodes.Usage, $"unknown event stream '{unknown}': use {string.Join(", ", WatchEvent.Streams)}.").ConfigureAwait(false);
            }

            bool runDemo = result.GetValue(demo);
            if (runDemo && !result.GetValue(connection.Emulator))
            {
                return await ClientConnection.Fail(ExitCodes.Usage, "--demo drives the in-process emulator: add --emulator.").ConfigureAwait(false);
            }

            var (opened, exit) = await ClientConnection.OpenAsync(result, connection, cancellationToken).ConfigureAwait(false);
            if (opened is null)
            {
                return exit;
            }

            // Ctrl+C and SIGTERM are the normal way to stop watching: handle them here so the exit code is 0, not 130.
            using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                interrupted.Cancel();
            }

            cancellationToken = interrupted.Token;
            await using (opened.ConfigureAwait(false))
            {
                var output = new WatchOutput(result.GetValue(json));
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var pumps = Subscribe(opened.Client, selected, output, stop.Token);
                await ClientConnection.Progress($"watching {string.Join(", ", WatchEvent.Streams.Where(selected.Contains))}{(runDemo ? "" : "; Ctrl+C to stop")}").ConfigureAwait(false);
                var printer = output.RunAsync(stop.Token);
                int code = ExitCodes.Ok;
                try
                {
                    if (runDemo)
                    {
                        code = await RunDemoAsync(opened, selected, output, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C: the normal way to stop watching.
                }

                await stop.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(pumps).ConfigureAwait(false);
                await printer.ConfigureAwait(false);
                return code;
            }
        });
        return command;
    }

    private static List<Task> Subscribe(CtiClient client, HashSet<string> selected, WatchOutput output, CancellationToken ct)
    {
        var time = TimeProvider.System;
        var pumps = new List<Task>();
        void Pump<T>(CtiEventSubscription<T> subscription, Func<T, DateTimeOffset, WatchEvent> map) =>
            pumps.Add(PumpAsync(subscription, e => output.Post(map(e, time.GetLocalNow())), ct));

        if (selected.Contains("connection"))
        {
            Pump(client.SubscribeConnectionState(), WatchEvent.Connection);
            Pump(client.SubscribeResynchronised(), WatchEvent.Resynchronised);
        }

        if (selected.Contains("calls"))
        {
            Pump(client.Calls.Subscribe(), WatchEvent.Call);
        }

        if (selected.Contains("presence"))
        {
            Pump(client.Presence.Subscribe(), WatchEvent.Presence);
        }

        if (selected.Contains("chat"))
        {
            Pump(client.Chat.Subscribe(), WatchEvent.Chat);
            Pump(client.Chat.SubscribeDelivery(), WatchEvent.ChatDelivery);
        }

        if (selected.Contains("phonebook"))
        {
            Pump(client.PhoneBook.Subscribe(), WatchEvent.PhoneBook);
        }

        if (selected.Contains("doors"))
        {
            Pump(client.Doors.Subscribe(), WatchEvent.Door);
        }

        return pumps;
    }

    private static async Task PumpAsync<T>(CtiEventSubscription<T> subscription, Action<T> post, CancellationToken ct)
    {
        using (subscription)
        {
            try
            {
                await foreach (var item in subscription.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    post(item);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // stopping
            }
        }
    }

    /// <summary>
    /// Drives the emulator through a short scenario aimed at the logged-in user and waits until each event it
    /// causes has been printed, so the output is complete when the command exits.
    /// </summary>
    private static async Task<int> RunDemoAsync(ClientConnection connection, HashSet<string> selected, WatchOutput output, CancellationToken ct)
    {
        var pbx = connection.Emulator!;
        string me = connection.Client.LogInfo?.Number ?? connection.Client.Options.User;
        string peer = me == "202" ? "203" : "202";
        const string demoText = "Hello from the demo";
        try
        {
            int cr = await pbx.Scenario.IncomingCallAsync("0612345678", me, ct).ConfigureAwait(false);
            await Expect("calls", e => e.Payload is CallEvent { Call.Status: CallStatus.Ringing } c && c.Call.CR == cr).ConfigureAwait(false);

            await pbx.Scenario.SetPresenceAsync(peer, AppState.Brb, "Back at 14:00", ct).ConfigureAwait(false);
            await Expect("presence", e => e.Payload is PresenceChange p && p.Current.Extension == peer && p.Current.AppState == AppState.Brb).ConfigureAwait(false);

            await pbx.Scenario.SendChatAsync(peer, me, demoText, ct).ConfigureAwait(false);
            await Expect("chat", e => e.Payload is ChatMessage { IsOutgoing: false, Text: demoText }).ConfigureAwait(false);

            await pbx.Scenario.HangUpAsync(cr, null, ct).ConfigureAwait(false);
            await Expect("calls", e => e.Payload is CallEvent { Call.Status: CallStatus.Released } c && c.Call.CR == cr).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (TimeoutException ex)
        {
            return await ClientConnection.Fail(ExitCodes.Timeout, ex.Message).ConfigureAwait(false);
        }

        async Task Expect(string stream, Func<WatchEvent, bool> match)
        {
            if (!selected.Contains(stream))
            {
                return;
            }

            try
            {
                await output.WaitForPrintedAsync(match, ct).WaitAsync(TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"the demo's {stream} event did not arrive within 10 s.");
            }
        }
    }

    /// <summary>
    /// Serialises the events of every stream onto stdout, one line each, and lets <c>--demo</c> wait until an event
    /// has actually been printed.
    /// </summary>
    private sealed class WatchOutput(bool json)
    {
        private readonly Channel<WatchEvent> _queue = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Lock _gate = new();
        private readonly List<WatchEvent> _printed = [];
        private readonly List<(Func<WatchEvent, bool> Match, TaskCompletionSource Done)> _waiters = [];

        public void Post(WatchEvent e) => _queue.Writer.TryWrite(e);

        public async Task RunAsync(CancellationToken ct)
        {
            var stdout = Console.Out;
            try
            {
                await foreach (var e in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    await stdout.WriteLineAsync(json ? e.ToJson() : e.ToHuman()).ConfigureAwait(false);
                    await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    Printed(e);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // print what is already queued, then stop
                while (_queue.Reader.TryRead(out var e))
                {
                    await stdout.WriteLineAsync(json ? e.ToJson() : e.ToHuman()).ConfigureAwait(false);
                }

                await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        public Task WaitForPrintedAsync(Func<WatchEvent, bool> match, CancellationToken ct)
        {
            lock (_gate)
            {
                if (_printed.Any(match))
                {
                    return Task.CompletedTask;
                }

                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((match, done));
                return done.Task.WaitAsync(ct);
            }
        }

        private void Printed(WatchEvent e)
        {
            lock (_gate)
            {
                _printed.Add(e);
                for (int i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_waiters[i].Match(e))
                    {
                        _waiters[i].Done.TrySetResult();
                        _waiters.RemoveAt(i);
                    }
                }
            }
        }
    }
}
