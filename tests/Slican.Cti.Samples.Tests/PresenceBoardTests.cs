using System.Globalization;
using System.Text.RegularExpressions;
using Spectre.Console.Testing;

namespace Slican.Cti.Samples.Tests;

public sealed partial class PresenceBoardTests
{
    [Fact]
    public async Task The_demo_shows_every_presence_change_in_the_table_and_exits_0()
    {
        // Tall enough for the whole default office, so every row of every frame is in the output.
        using var console = new TestConsole().Width(160).Height(100);
        int exitCode = await PresenceBoard.PresenceBoardApp.RunAsync([], new StringReader(string.Empty), console, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        string text = console.Output;
        Assert.True(exitCode == 0, text);
        string[] lines = text.Split('\n');

        // Each change appears in a drawn row of the table (│ ext │ name │ phone │ status │ description │).
        AssertRow(lines, "201", "available", "At the reception desk");
        AssertRow(lines, "202", "away", "Lunch, back at 13:00");
        AssertRow(lines, "203", "DND");
        AssertRow(lines, "205", "busy", "Budget meeting");
        AssertRow(lines, "204", "ringing");
        AssertRow(lines, "204", "on a call");
        AssertRow(lines, "208", "Typing 100/100");
        Assert.Contains("Last change: 202 Piotr Kowalski: free, away \"Lunch, back at 13:00\"", text, StringComparison.Ordinal);

        // Coalescing: the burst of 100 changes (plus the 7 single steps) took far fewer redraws than events.
        var summary = SummaryLine().Match(text);
        Assert.True(summary.Success, text);
        int changes = int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture);
        int frames = int.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(changes >= 107, summary.Value);
        Assert.True(frames < changes / 2, summary.Value);
    }

    [Fact]
    public async Task Against_a_PBX_the_board_draws_the_roster_and_quits_on_q()
    {
        await using var pbx = await Slican.Cti.Testing.PbxEmulator.StartAsync();
        using var console = new TestConsole().Width(160).Height(100);
        int exitCode = await PresenceBoard.PresenceBoardApp.RunAsync(RealPbxArguments.For(pbx), new StringReader("q\n"), console, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, console.Output);
        AssertRow(console.Output.Split('\n'), "213", "DND"); // the default office: 213 has DND on
        Assert.Matches(SummaryLine(), console.Output);
    }

    [Fact]
    public async Task Bad_arguments_print_usage_and_exit_64()
    {
        using var console = new TestConsole();
        Assert.Equal(64, await PresenceBoard.PresenceBoardApp.RunAsync(["--frobnicate"], new StringReader(string.Empty), console, CancellationToken.None));
        Assert.Contains("Unknown option '--frobnicate'", console.Output, StringComparison.Ordinal);
        Assert.Contains("--user", console.Output, StringComparison.Ordinal);
    }

    private static void AssertRow(string[] lines, string extension, params string[] cells)
    {
        bool shown = lines.Any(line => line.StartsWith($"│ {extension} ", StringComparison.Ordinal) && cells.All(c => line.Contains(c, StringComparison.Ordinal)));
        Assert.True(shown, $"No row of {extension} showed {string.Join(", ", cells)}.");
    }

    [GeneratedRegex(@"(\d+) presence changes shown in (\d+) redraws\.")]
    private static partial Regex SummaryLine();
}
