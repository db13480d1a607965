namespace Slican.Cti.Samples.Tests;

public sealed class AgentConsoleTests
{
    [Fact]
    public async Task The_demo_logs_in_to_a_queue_takes_the_waiting_call_pauses_resumes_and_works_a_callback()
    {
        using var output = new StringWriter();
        int exitCode = await AgentConsole.AgentConsoleApp.RunAsync([], new StringReader(string.Empty), output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        string text = output.ToString();
        Assert.True(exitCode == 0, text);

        // The queues and the callback list from the PBX.
        Assert.Contains("  [queue 1] Sprzedaż: 0 waiting, 2 agents free; you: not logged in", text, StringComparison.Ordinal);
        Assert.Contains("  [callback 70] queue 1: 0612345678 Jan Kowalski, Kowalski Sp. z o.o.", text, StringComparison.Ordinal);

        // A waiting call is seen live, then handed to the agent who logs in.
        Assert.Contains("  [queue 2] Serwis: 1 waiting, 0 agents free; you: not logged in", text, StringComparison.Ordinal);
        Assert.Matches(@"\[queue 2\] Serwis: \d waiting, \d agents free; you: logged in\r?\n", text);
        Assert.Matches(@"\[call \d+\] Ringing 0600123456 \(Zofia Wójcik\) via 402", text);
        Assert.Matches(@"\[call \d+\] Connected 0600123456", text);

        // Break and back.
        Assert.Contains("you: logged in, on a break", text, StringComparison.Ordinal);
        Assert.Contains("  [queue 2] Serwis: 1 waiting, 0 agents free; you: logged in, on a break", text, StringComparison.Ordinal);
        Assert.Contains("> resume", text, StringComparison.Ordinal);

        // The lost call becomes a callback, which is called back and marked done.
        Assert.Matches(@"\[callback (\d+)\] queue 2: 0612345678 .* 0 attempts, Waiting", text);
        Assert.Matches(@"Calling back 0612345678 .*\(call \d+\)", text);
        Assert.Matches(@"\[call \d+\] Connected 0612345678", text);
        Assert.Matches(@"\[callback \d+\] queue 2: 0612345678 .* Done", text);
        Assert.Contains("  [queue 2] Serwis: 0 waiting, 0 agents free; you: not logged in", text, StringComparison.Ordinal);
        Assert.Contains("Demo finished.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_host_it_runs_typed_commands_until_q()
    {
        await using var pbx = await Slican.Cti.Testing.PbxEmulator.StartAsync();
        using var output = new StringWriter();
        string[] args = ["--host", "127.0.0.1", "--port", pbx.XctipEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--user", "201", "--password", "1234"];
        var input = new StringReader("login 1\npause Coffee\nlogin 9\ndone 71 busy\nq\n");
        int exitCode = await AgentConsole.AgentConsoleApp.RunAsync(args, input, output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("Queues:", text, StringComparison.Ordinal);
        Assert.Contains("  ! ", text, StringComparison.Ordinal);   // queue 9 does not exist: reported, the loop goes on
        Assert.True(pbx.World.FindSubscriber("201")?.Paused);
        var world = pbx.World.ToData();
        Assert.Contains("201", world.Queues.Single(q => q.QueueId == 1).LoggedInAgents);
        Assert.Equal(2, world.Callbacks.Single(c => c.CbId == 71).Attempts);   // "done 71 busy" counted an attempt
    }

    [Theory]
    [InlineData("--host", "127.0.0.1")]
    [InlineData("--bogus")]
    public async Task Bad_arguments_print_usage_and_exit_64(params string[] args)
    {
        using var output = new StringWriter();
        Assert.Equal(64, await AgentConsole.AgentConsoleApp.RunAsync(args, new StringReader(string.Empty), output, CancellationToken.None));
        Assert.Contains("--user", output.ToString(), StringComparison.Ordinal);
    }
}
