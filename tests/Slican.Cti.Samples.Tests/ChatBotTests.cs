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
    public async Task Bad_arguments_print_usage_and_exit_64()
    {
        using var output = new StringWriter();
        Assert.Equal(64, await ChatBot.ChatBotApp.RunAsync(["--host", "127.0.0.1"], new StringReader(string.Empty), output, CancellationToken.None));
        Assert.Contains("--host needs --user and --password.", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--user", output.ToString(), StringComparison.Ordinal);
    }
}
