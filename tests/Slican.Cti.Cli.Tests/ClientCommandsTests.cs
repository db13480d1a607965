using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing;

namespace Slican.Cti.Cli.Tests;

/// <summary>Runs the real tool's <c>watch</c>, <c>dial</c> and <c>chat</c> commands against an emulator started by the test.</summary>
public class ClientCommandsTests
{
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(20);

    private static Task<PbxEmulator> StartPbx() => PbxEmulator.StartAsync(new PbxEmulatorOptions { XctipPort = 0 });

    [Fact]
    public async Task Watch_prints_a_ringing_call_driven_by_the_emulator_and_stops_cleanly_on_ctrl_c()
    {
        await using var pbx = await StartPbx();
        await using var tool = ToolProcess.Start(["watch", "--events", "calls,chat", .. ToolProcess.Connect(pbx)]);
        await tool.StderrLineAsync(l => l.Contains("watching calls, chat", StringComparison.Ordinal));

        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "201");
        string line = await tool.StdoutLineAsync(l => l.Contains("Ringing", StringComparison.Ordinal));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"CR {cr} Incoming Ringing 0612345678"), line, StringComparison.Ordinal);
        Assert.Contains("Jan Kowalski", line, StringComparison.Ordinal);

        tool.Signal("-INT");
        Assert.Equal(0, await tool.WaitForExitAsync());
        Assert.DoesNotContain("presence", tool.Stdout, StringComparison.Ordinal); // --events filters
    }

    [Fact]
    public async Task Watch_json_prints_one_json_object_per_event()
    {
        await using var pbx = await StartPbx();
        await using var tool = ToolProcess.Start(["watch", "--json", "--events", "calls", .. ToolProcess.Connect(pbx)]);
        await tool.StderrLineAsync(l => l.Contains("watching", StringComparison.Ordinal));

        int cr = await pbx.Scenario.IncomingCallAsync("0612345678", "201");
        string line = await tool.StdoutLineAsync(l => l.Contains("Ringing", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("call", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(cr, json.RootElement.GetProperty("cr").GetInt32());
        Assert.Equal("Incoming", json.RootElement.GetProperty("direction").GetString());
        Assert.Equal("0612345678", json.RootElement.GetProperty("remoteNumber").GetString());
        tool.Signal("-INT");
        Assert.Equal(0, await tool.WaitForExitAsync());
    }

    [Fact]
    public async Task Watch_demo_against_the_built_in_emulator_shows_a_call_a_presence_change_and_a_chat_then_exits_0()
    {
        var (exit, stdout, stderr) = await ToolProcess.RunAsync(["watch", "--emulator", "--demo"]);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("Incoming Ringing 0612345678", stdout, StringComparison.Ordinal);
        Assert.Contains("202 Piotr Kowalski [FREE, BRB]", stdout, StringComparison.Ordinal);
        Assert.Contains("from 202: Hello from the demo", stdout, StringComparison.Ordinal);
        Assert.Contains("Incoming Released", stdout, StringComparison.Ordinal);

        var withoutEmulator = await ToolProcess.RunAsync(["watch", "--demo", "--host", "127.0.0.1", "--user", "201", "--password", "1234"]);
        Assert.Equal(64, withoutEmulator.Exit);
        Assert.Contains("--emulator", withoutEmulator.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dial_exits_0_prints_the_call_reference_and_the_emulator_sees_the_call()
    {
        await using var pbx = await StartPbx();
        var (exit, stdout, stderr) = await ToolProcess.RunAsync(["dial", "0612345678", .. ToolProcess.Connect(pbx)]);
        Assert.True(exit == 0, stdout + stderr);
        int cr = int.Parse(stdout.Trim(), CultureInfo.InvariantCulture);
        var call = pbx.World.FindCall(cr);
        Assert.NotNull(call);
        Assert.Equal("201", call.CallerNumber);
        Assert.Equal("0612345678", call.Dialled);
        Assert.Contains("accepted", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dial_wait_connected_exits_0_once_the_far_end_answers()
    {
        await using var pbx = await StartPbx();
        await using var tool = ToolProcess.Start(["dial", "0612345678", "--wait-connected", .. ToolProcess.Connect(pbx)]);
        string crLine = await tool.StdoutLineAsync(l => l.Length > 0);
        int cr = int.Parse(crLine, CultureInfo.InvariantCulture);
        Assert.False(tool.Stderr.Contains("Connected", StringComparison.Ordinal));

        await pbx.Scenario.AnswerAsync(cr);
        Assert.Equal(0, await tool.WaitForExitAsync());
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"call {cr}: Connected"), tool.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dial_refused_by_the_pbx_or_timing_out_has_its_exit_code()
    {
        await using var pbx = await StartPbx();
        var refused = await ToolProcess.RunAsync(["dial", "06-12", .. ToolProcess.Connect(pbx)]); // not diallable: the PBX answers an error
        Assert.True(refused.Exit == 2, refused.Stdout + refused.Stderr);
        Assert.Contains("refused", refused.Stderr, StringComparison.Ordinal);

        var timedOut = await ToolProcess.RunAsync(["dial", "0612345678", "--wait-connected", "--timeout", "2", .. ToolProcess.Connect(pbx)]);
        Assert.True(timedOut.Exit == 75, timedOut.Stdout + timedOut.Stderr);
        Assert.Contains("timed out", timedOut.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_exits_77_with_a_helpful_line_and_the_password_never_shows()
    {
        await using var pbx = await StartPbx();
        const string secret = "Wr0ngSecret!";
        var viaOption = await ToolProcess.RunAsync(["dial", "202", .. ToolProcess.Connect(pbx, password: secret)]);
        Assert.Equal(77, viaOption.Exit);
        Assert.Contains("Wrong login or password for extension 201", viaOption.Stderr, StringComparison.Ordinal);
        Assert.Contains("CTI password", viaOption.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, viaOption.Stdout + viaOption.Stderr, StringComparison.Ordinal);

        string[] noPassword = ["--host", "127.0.0.1", "--port", pbx.XctipEndPoint.Port.ToString(CultureInfo.InvariantCulture), "--user", "201"];
        var viaEnvironment = await ToolProcess.RunAsync(["chat", "202", "hi", .. noPassword], new Dictionary<string, string> { ["SLICAN_CTI_PASSWORD"] = secret });
        Assert.Equal(77, viaEnvironment.Exit);
        Assert.DoesNotContain(secret, viaEnvironment.Stdout + viaEnvironment.Stderr, StringComparison.Ordinal);

        var rightFromEnvironment = await ToolProcess.RunAsync(["dial", "0612345678", .. noPassword], new Dictionary<string, string> { ["SLICAN_CTI_PASSWORD"] = "1234" });
        Assert.True(rightFromEnvironment.Exit == 0, rightFromEnvironment.Stderr);

        var missing = await ToolProcess.RunAsync(["dial", "202", .. noPassword]);
        Assert.Equal(64, missing.Exit);
        Assert.Contains("SLICAN_CTI_PASSWORD", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_pbx_exits_69()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var result = await ToolProcess.RunAsync(["dial", "202", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--user", "201", "--password", "1234"]);
        Assert.Equal(69, result.Exit);
        Assert.Contains("No connection to the PBX", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_delivers_a_message_the_ledger_records_to_the_recipient_and_waits_until_it_is_read()
    {
        await using var pbx = await StartPbx();
        await using var recipient = await CtiClient.ConnectAsync(new CtiClientOptions { Host = "127.0.0.1", Port = pbx.XctipEndPoint.Port, User = "202", Password = "1234", SyncHistory = false });
        using var inbox = recipient.Chat.Subscribe();

        var sent = await ToolProcess.RunAsync(["chat", "202", "Meeting moved to 11:00", .. ToolProcess.Connect(pbx)]);
        Assert.True(sent.Exit == 0, sent.Stdout + sent.Stderr);
        var delivered = await pbx.Ledger.WaitForAsync(e => e.Extension == "202" && e.Xctip is SmsReceiveEvent { Text: "Meeting moved to 11:00" }).WaitAsync(s_guard);
        Assert.Equal("201", ((SmsReceiveEvent)delivered.Message).Number);
        Assert.Equal("Meeting moved to 11:00", (await inbox.ReadAsync().AsTask().WaitAsync(s_guard)).Text);

        // From standard input, and --wait-read returns once 202 has read it.
        await using var tool = ToolProcess.Start(["chat", "202", "-", "--wait-read", .. ToolProcess.Connect(pbx)], stdin: "Lunch?\n");
        var message = await inbox.ReadAsync().AsTask().WaitAsync(s_guard);
        Assert.Equal("Lunch?", message.Text);
        await tool.StderrLineAsync(l => l.Contains("waiting until it is read", StringComparison.Ordinal));
        await recipient.Chat.MarkReadAsync("201");
        Assert.Equal(0, await tool.WaitForExitAsync());
    }

    [Fact]
    public async Task Chat_listen_prints_incoming_messages()
    {
        await using var pbx = await StartPbx();
        await using var tool = ToolProcess.Start(["chat", "--listen", "--json", "--count", "1", .. ToolProcess.Connect(pbx)]);
        await tool.StderrLineAsync(l => l.Contains("listening", StringComparison.Ordinal));
        await pbx.Scenario.SendChatAsync("203", "201", "Call me back");
        Assert.Equal(0, await tool.WaitForExitAsync());
        using var json = JsonDocument.Parse(tool.Stdout.Trim());
        Assert.Equal("203", json.RootElement.GetProperty("peer").GetString());
        Assert.Equal("Call me back", json.RootElement.GetProperty("text").GetString());

        var usage = await ToolProcess.RunAsync(["chat", "202", .. ToolProcess.Connect(pbx)]);
        Assert.Equal(64, usage.Exit);
    }
}
