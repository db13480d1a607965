namespace Slican.Cti.Samples.Tests;

public sealed class CrmDialerTests
{
    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        int exitCode = await CrmDialer.CrmDialerApp.RunAsync(args, new StringReader(string.Empty), output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, output.ToString());
    }

    [Fact]
    public async Task The_xctip_demo_pops_known_and_unknown_callers_transfers_and_dials()
    {
        var (exitCode, text) = await RunAsync();
        Assert.True(exitCode == 0, text);
        Assert.Contains("XCTIP: logged in as 201", text, StringComparison.Ordinal);

        // Screen pop with the contact, which number matched, and the history of that number.
        Assert.Contains("*** Incoming call from 0612345678", text, StringComparison.Ordinal);
        Assert.Contains("  Contact: Jan Kowalski\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  Company: Kowalski Sp. z o.o.", text, StringComparison.Ordinal);
        Assert.Contains("  Matched: 0612345678 (Praca)", text, StringComparison.Ordinal);
        Assert.Contains("  History: last 3 calls with this number", text, StringComparison.Ordinal);

        // Answer and quick transfer: the call leaves this phone and rings at 203.
        Assert.Contains("Transferred call", text, StringComparison.Ordinal);
        Assert.Contains("to the quick-transfer number 203", text, StringComparison.Ordinal);
        Assert.Matches(@"now rings at 203\b", text);

        // Unknown caller.
        Assert.Contains("*** Incoming call from 0987654321", text, StringComparison.Ordinal);
        Assert.Contains("  Unknown caller: no phone-book contact has 0987654321", text, StringComparison.Ordinal);
        Assert.Contains("  History: no earlier calls with this number", text, StringComparison.Ordinal);

        // Click-to-dial.
        Assert.Contains("Dialling 202 (call", text, StringComparison.Ordinal);
        Assert.Matches(@"call \d+: Connected 202", text);
        Assert.Contains("Demo finished.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ctip_demo_shows_the_clip_and_ivr_tag_deflects_answers_records_dials_and_charges()
    {
        var (exitCode, text) = await RunAsync("--protocol", "ctip");
        Assert.True(exitCode == 0, text);
        Assert.Contains("CTIP: logged in as 201", text, StringComparison.Ordinal);
        Assert.Contains("*** Incoming call from 0612345678 ***", text, StringComparison.Ordinal);
        Assert.Contains("  CLIP 0612345678; the PBX names it: Jan Kowalski, Kowalski Sp. z o.o.", text, StringComparison.Ordinal);
        Assert.Contains("CTIP has no phone book or history", text, StringComparison.Ordinal);
        Assert.Contains("Deflected the ringing call to 203", text, StringComparison.Ordinal);
        Assert.Matches(@"now rings at 203\b", text);
        Assert.Contains("  Unknown caller: CLIP 0987654321", text, StringComparison.Ordinal);
        Assert.Contains("  tagged by the IVR: IdSub=112", text, StringComparison.Ordinal);
        Assert.Contains("  connected to 0987654321", text, StringComparison.Ordinal);
        Assert.Matches(@"  recording (\d{9}) started(.|\n)*  recording \1 saved on 127\.0\.0\.1 as /rec/\1\.wav", text);
        Assert.Contains("  phone dialled 202", text, StringComparison.Ordinal);
        Assert.Contains("  connected to extension 202", text, StringComparison.Ordinal);
        Assert.Contains("  connected to 0612345678", text, StringComparison.Ordinal);
        Assert.Contains("  charge so far: 0.38", text, StringComparison.Ordinal);
        Assert.Contains("Demo finished.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--host", "127.0.0.1")]
    [InlineData("--protocol", "sip")]
    [InlineData("--bogus")]
    public async Task Bad_arguments_print_usage_and_exit_64(params string[] args)
    {
        var (exitCode, text) = await RunAsync(args);
        Assert.Equal(64, exitCode);
        Assert.Contains("--quick-transfer", text, StringComparison.Ordinal);
        Assert.Contains("--user", text, StringComparison.Ordinal);
    }
}

public sealed class CrmDialerRealPbxModeTests
{
    [Fact]
    public async Task With_host_it_runs_typed_commands_until_q()
    {
        await using var pbx = await Slican.Cti.Testing.PbxEmulator.StartAsync();
        using var output = new StringWriter();
        string[] args = ["--host", "127.0.0.1", "--port", pbx.XctipEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--user", "201", "--password", "1234", "--quick-transfer", "205"];
        var input = new StringReader("dial 202\nbogus\nanswer\nq\n");
        int exitCode = await CrmDialer.CrmDialerApp.RunAsync(args, input, output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("quick transfer: 205", text, StringComparison.Ordinal);
        Assert.Contains("Dialling 202 (call", text, StringComparison.Ordinal);
        Assert.Contains("! Nothing is ringing.", text, StringComparison.Ordinal);   // a refused command does not end the loop
        Assert.Contains(pbx.World.ActiveCalls, c => c.Dialled == "202");          // the dial really reached the PBX
    }

    [Fact]
    public async Task With_host_and_ctip_it_logs_in_on_the_ctip_port_and_runs_commands()
    {
        await using var pbx = await Slican.Cti.Testing.PbxEmulator.StartAsync(new Slican.Cti.Testing.PbxEmulatorOptions { CtipPort = 0 });
        using var output = new StringWriter();
        string[] args = ["--host", "127.0.0.1", "--port", pbx.CtipEndPoint!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--user", "201", "--password", "1234", "--protocol", "ctip"];
        var input = new StringReader("answer\ndial 202\nq\n");
        int exitCode = await CrmDialer.CrmDialerApp.RunAsync(args, input, output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("CTIP: logged in as 201", text, StringComparison.Ordinal);
        Assert.Contains("! ", text, StringComparison.Ordinal);                    // PICK with nothing ringing: NA 3, printed
        Assert.Contains("Dialling 202.", text, StringComparison.Ordinal);
        Assert.Contains(pbx.World.ActiveCalls, c => c.Dialled == "202");
    }

    [Fact]
    public async Task A_wrong_password_exits_2()
    {
        await using var pbx = await Slican.Cti.Testing.PbxEmulator.StartAsync();
        using var output = new StringWriter();
        string[] args = ["--host", "127.0.0.1", "--port", pbx.XctipEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--user", "201", "--password", "nope"];
        int exitCode = await CrmDialer.CrmDialerApp.RunAsync(args, new StringReader("q\n"), output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, exitCode);
        Assert.Contains("Login failed", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("nope", output.ToString(), StringComparison.Ordinal);
    }
}
