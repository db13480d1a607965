using System.Threading.Channels;
using Slican.Cti.Client;
using Slican.Cti.Testing;

namespace Slican.Cti.Samples.Tests;

public sealed class ChatBotTests
{
    [Fact]
    public async Task The_demo_answers_chats_and_a_conference_mention_and_202_receives_every_answer()
    {
        using var output = new StringWriter();
        int exitCode = await ChatBot.ChatBotApp.RunAsync([], new StringReader(string.Empty), output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        string text = output.ToString();
        Assert.True(exitCode == 0, text);

        // What Piotr's own client received: one answer per question, and a read receipt for each question.
        Assert.Contains("202 received from 201: I understand: help, time, echo <text>, who is <extension or name>.", text, StringComparison.Ordinal);
        Assert.Contains("202 received from 201: It is ", text, StringComparison.Ordinal);
        Assert.Contains("202 received from 201: Hello, bot!", text, StringComparison.Ordinal);
        Assert.Contains("202 received from 201: 203 is Katarzyna Wiśniewska: phone free", text, StringComparison.Ordinal);
        foreach (string question in new[] { "help", "time", "echo Hello, bot!", "who is 203" })
        {
            Assert.Contains($"202 sees that 201 read \"{question}\".", text, StringComparison.Ordinal);
        }

        // In the conference the bot answered the post that mentioned it, and only that one.
        Assert.Contains("202 received in conference \"Reception team\" from 201: @202 205 is Małgorzata Jankowska: phone free, away", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lunch", text, StringComparison.Ordinal);
        Assert.Contains("The bot answered 5 messages.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Against_a_PBX_it_answers_a_question_asked_while_it_was_offline_and_quits_on_q()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        await using var piotr = await CtiClient.ConnectAsync(new CtiClientOptions { Host = "127.0.0.1", Port = pbx.XctipEndPoint.Port, User = "202", Password = "1234" });
        using var piotrInbox = piotr.Chat.Subscribe();
        await pbx.Scenario.SendChatAsync("202", "201", "echo while you were away"); // 201 is offline: the PBX keeps it

        var input = new ScriptedInput();
        using var output = new StringWriter();
        var bot = ChatBot.ChatBotApp.RunAsync(RealPbxArguments.For(pbx), input, output, CancellationToken.None);
        var answer = await piotrInbox.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("201", answer.Peer);
        Assert.Equal("while you were away", answer.Text);

        input.Type("q");
        Assert.Equal(0, await bot.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("From 202: echo while you were away", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("The bot answered 1 messages.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_login_exits_2_without_echoing_the_password()
    {
        await using var pbx = await PbxEmulator.StartAsync();
        using var output = new StringWriter();
        int exitCode = await ChatBot.ChatBotApp.RunAsync(RealPbxArguments.For(pbx, password: "not-the-password"), new StringReader(string.Empty), output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 2, output.ToString());
        Assert.Contains("Login failed: ", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_print_usage_and_exit_64()
    {
        using var output = new StringWriter();
        Assert.Equal(64, await ChatBot.ChatBotApp.RunAsync(["--host", "127.0.0.1"], new StringReader(string.Empty), output, CancellationToken.None));
        Assert.Contains("--host needs --user and --password.", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--user", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Console input the test types into line by line.</summary>
    private sealed class ScriptedInput : TextReader
    {
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

        public void Type(string line) => _lines.Writer.TryWrite(line);

        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) => await _lines.Reader.ReadAsync(cancellationToken);
    }
}
