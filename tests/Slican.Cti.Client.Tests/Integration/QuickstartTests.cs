namespace Slican.Cti.Client.Tests.Integration;

public sealed class QuickstartTests
{
    [Fact]
    public async Task The_quickstart_runs_against_the_emulator_and_exits_0()
    {
        using var output = new StringWriter();
        int exitCode = await Quickstart.QuickstartApp.RunAsync([], output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("Logged in as 201", text, StringComparison.Ordinal);
        Assert.Contains("Incoming call from 0612345678: Jan Kowalski, Kowalski Sp. z o.o.", text, StringComparison.Ordinal);
        Assert.Contains("Dialled 202", text, StringComparison.Ordinal);
        Assert.Contains("Chat from 202: Got it, thanks!", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_print_usage_and_exit_64()
    {
        using var output = new StringWriter();
        Assert.Equal(64, await Quickstart.QuickstartApp.RunAsync(["--host", "127.0.0.1"], output, CancellationToken.None));
        Assert.Contains("--user", output.ToString(), StringComparison.Ordinal);
    }
}
