using Slican.Cti.Client;
using Spectre.Console;

namespace PresenceBoard;

/// <summary>What one redraw showed.</summary>
/// <param name="Roster">The roster drawn.</param>
/// <param name="Changes">How many presence events this frame took in (0 for the first frame).</param>
internal sealed record RosterFrame(IReadOnlyList<SubscriberPresence> Roster, int Changes);

/// <summary>
/// Keeps a Spectre.Console <c>Live</c> table of the roster current. A presence event only says "something changed":
/// the roster in <see cref="Presence.Roster"/> is the truth. So the board waits out the rest of the frame interval,
/// takes in every event queued meanwhile and draws the roster once: a burst of a thousand events (a PBX restart, a
/// resync after a reconnect) costs one redraw, not a thousand.
/// </summary>
internal sealed class LiveRosterBoard
{
    private readonly Presence _presence;
    private readonly IAnsiConsole _console;
    private readonly TimeSpan _frameInterval;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly List<(Func<IReadOnlyList<SubscriberPresence>, bool> Shown, TaskCompletionSource Done)> _waiters = [];
    private IReadOnlyList<SubscriberPresence>? _lastShown;

    /// <param name="presence">The client's presence roster.</param>
    /// <param name="console">Where to draw (a terminal, or a TestConsole in tests).</param>
    /// <param name="frameInterval">At most one redraw per interval; 100 ms is smooth for a person and cheap for the terminal.</param>
    /// <param name="timeProvider">The clock for the frame interval.</param>
    public LiveRosterBoard(Presence presence, IAnsiConsole console, TimeSpan frameInterval, TimeProvider timeProvider)
    {
        _presence = presence;
        _console = console;
        _frameInterval = frameInterval;
        _time = timeProvider;
    }

    /// <summary>How many times the table was drawn.</summary>
    public int Frames { get; private set; }

    /// <summary>How many presence events the drawn frames took in.</summary>
    public int ChangesShown { get; private set; }

    /// <summary>
    /// Draws the roster, then redraws it as <paramref name="changes"/> report changes, until
    /// <paramref name="cancellationToken"/> is cancelled. Create the subscription before you start acting on the PBX,
    /// so that no change slips in between.
    /// </summary>
    public async Task RunAsync(CtiEventSubscription<PresenceChange> changes, CancellationToken cancellationToken)
    {
        var first = _presence.Roster;
        await _console.Live(RosterTable.Build(first, $"{first.Count} subscribers, waiting for changes…"))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis) // a roster taller than the terminal: show the top rows, then "…"
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async live =>
            {
                Shown(first, 0);
                var lastFrame = _time.GetTimestamp();
                try
                {
                    while (await changes.Reader.WaitToReadAsync(cancellationToken))
                    {
                        // Coalescing: let the rest of the frame interval pass, then take everything that queued up.
                        var wait = _frameInterval - _time.GetElapsedTime(lastFrame);
                        if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancellationToken);

                        int count = 0;
                        PresenceChange? last = null;
                        while (changes.Reader.TryRead(out var change))
                        {
                            count++;
                            last = change;
                        }

                        var roster = _presence.Roster;
                        string caption = last is null ? string.Empty : (count > 1 ? $"{count} changes, last: " : "Last change: ") + RosterTable.Describe(last);
                        live.UpdateTarget(RosterTable.Build(roster, caption));
                        live.Refresh();
                        lastFrame = _time.GetTimestamp();
                        Shown(roster, count);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Stopped by the user (or the demo): the last frame stays on screen.
                }
            });
    }

    /// <summary>Completes once a drawn frame satisfies <paramref name="shown"/> (at once if the last one does).</summary>
    public Task WaitUntilShownAsync(Func<IReadOnlyList<SubscriberPresence>, bool> shown, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lastShown is not null && shown(_lastShown)) return Task.CompletedTask;
            _waiters.Add((shown, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    private void Shown(IReadOnlyList<SubscriberPresence> roster, int changes)
    {
        lock (_gate)
        {
            Frames++;
            ChangesShown += changes;
            _lastShown = roster;
            foreach (var waiter in _waiters.Where(w => w.Shown(roster)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }
}
