using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Client;
using Slican.Cti.Testing;
using Spectre.Console.Testing;

namespace Slican.Cti.Samples.Tests;

/// <summary>The board's coalescing, on a fake clock: events that arrive within one frame interval cost one redraw.</summary>
public sealed class LiveRosterBoardTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Fifty_changes_within_one_frame_interval_are_drawn_in_one_redraw()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var client = await CtiClient.ConnectAsync(new CtiClientOptions { Host = "127.0.0.1", Port = pbx.XctipEndPoint.Port, User = "201", Password = "1234" });
        var clock = new FakeTimeProvider();
        using var console = new TestConsole().Width(160).Height(100);
        var board = new PresenceBoard.LiveRosterBoard(client.Presence, console, TimeSpan.FromMilliseconds(100), clock);

        // The board's subscription first: the client offers each event to its subscriptions in order, so once the
        // test's own subscription has seen the 50th change, the board's has been offered it too.
        using var boardChanges = client.Presence.Subscribe(capacity: 256);
        using var seen = client.Presence.Subscribe(capacity: 256);
        using var stop = new CancellationTokenSource();
        var drawing = board.RunAsync(boardChanges, stop.Token);
        await board.WaitUntilShownAsync(_ => true, CancellationToken.None).WaitAsync(Guard); // the first frame

        for (int i = 1; i <= 50; i++) await pbx.Scenario.SetPresenceAsync("208", description: $"Change {i}");
        for (int i = 1; i <= 50; i++) await seen.ReadAsync().AsTask().WaitAsync(Guard);

        // The clock has not moved: the board is still inside the frame interval. Let the interval pass. The board
        // may not have started its frame timer yet (a timer created after an Advance is due a full interval later),
        // so the interval is passed again until the frame shows; with no further changes queued that adds no frame.
        var shown = board.WaitUntilShownAsync(r => r.Single(p => p.Extension == "208").Description == "Change 50", CancellationToken.None);
        using (var guard = new CancellationTokenSource(Guard))
        {
            while (!shown.IsCompleted)
            {
                guard.Token.ThrowIfCancellationRequested();
                clock.Advance(TimeSpan.FromMilliseconds(100));
                await Task.WhenAny(shown, Task.Delay(TimeSpan.FromMilliseconds(20), guard.Token));
            }
        }

        await shown;
        Assert.Equal(2, board.Frames);
        Assert.Equal(50, board.ChangesShown);

        await stop.CancelAsync();
        await drawing.WaitAsync(Guard);
        Assert.Contains("50 changes, last: 208 ", console.Output, StringComparison.Ordinal);
    }
}
