using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Samples;
using Slican.Cti.Testing;

namespace ChatBot;

/// <summary>The chat bot: answers chat messages and conference posts that mention it.</summary>
public static class ChatBotApp
{
    private static readonly string Usage = """
        Usage: dotnet run --project samples/ChatBot [-- options]

        """ + SampleSession.CommonUsage + """
          Against a real PBX the bot answers until you type q (Enter) or press Ctrl+C. Give it its own extension:
          every chat to that extension is answered by the bot.
        """;

    /// <summary>Runs the bot; returns the exit code (0 ok, 64 usage, 2 login failed, 1 other CTI error).</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (!SampleArguments.TryParseOnlyCommon(args, out var arguments, out string? error))
        {
            await output.WriteLineAsync(error + Environment.NewLine + Usage);
            return SampleConsole.Usage;
        }

        output = TextWriter.Synchronized(output); // the bot's loop and the demo both print
        return await SampleConsole.RunAsync(async () =>
        {
            // Subscribe BEFORE the login: messages written to the bot while it was offline are handed over by the PBX
            // during the login, and a subscription taken afterwards would miss them. A bot must not lose questions,
            // so the buffer is generous; if it still overflows (the bot is far slower than its users),
            // inbox.Dropped counts what was lost.
            CtiEventSubscription<ChatMessage>? subscribed = null;
            await using var session = await SampleSession.StartAsync(arguments, output, new PbxEmulatorOptions(), "201",
                beforeConnect: c => subscribed = c.Chat.Subscribe(capacity: 10_000), cancellationToken: cancellationToken);
            using var inbox = subscribed!;
            var client = session.Client;
            await output.WriteLineAsync($"Chat bot logged in as {client.LogInfo?.Number} {client.LogInfo?.Name}. {BotCommands.Help}");
            var responder = new ChatResponder(client, new BotCommands(client, TimeProvider.System), output);
            using var stopBot = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var answering = responder.RunAsync(inbox, stopBot.Token, cancellationToken);
            try
            {
                if (session.IsDemo)
                {
                    await PlayDemoAsync(session, output, cancellationToken);
                }
                else
                {
                    await CommandLoop.WaitForQuitAsync(input, cancellationToken);
                }
            }
            finally
            {
                await stopBot.CancelAsync();
                await answering;
            }

            await output.WriteLineAsync($"The bot answered {responder.Answered} messages{(inbox.Dropped > 0 ? $" ({inbox.Dropped} lost: the bot was too slow)" : string.Empty)}.");
        }, output, cancellationToken);
    }

    /// <summary>
    /// The demo: Piotr (202) logs in with his own client, as he would with MessengerCTI. Another of his devices
    /// (the emulator's scenario) writes to the bot; what proves the bot works is what Piotr's client receives: the
    /// answers and the "read" receipts. Then Piotr opens a text conference with the bot and 203 and asks there.
    /// </summary>
    private static async Task PlayDemoAsync(SampleSession session, TextWriter output, CancellationToken cancellationToken)
    {
        var scenario = session.Emulator!.Scenario;
        var bot = session.Client;
        string botNumber = bot.LogInfo!.Number;
        await using var piotr = await CtiClient.ConnectAsync(bot.Options with { User = "202", Password = "1234" }, cancellationToken);
        using var piotrInbox = piotr.Chat.Subscribe();
        using var piotrReceipts = piotr.Chat.SubscribeDelivery();
        await output.WriteLineAsync("202 Piotr Kowalski logged in with his own client.");

        foreach (string question in new[] { "help", "time", "echo Hello, bot!", "who is 203" })
        {
            int messageId = await scenario.SendChatAsync("202", botNumber, question, cancellationToken);
            var answer = await piotrInbox.NextAsync(m => m.Peer == botNumber && m.ConferenceId is null, "the bot's answer", cancellationToken);
            await output.WriteLineAsync($"202 received from {botNumber}: {answer.Text}");
            await piotrReceipts.NextAsync(r => r.MessageId == messageId && r.Status == ChatDeliveryStatus.Read, "the read receipt", cancellationToken);
            await output.WriteLineAsync($"202 sees that {botNumber} read \"{question}\".");
        }

        // A text conference: the bot keeps quiet until it is mentioned. Had it answered the first post, that answer
        // would arrive first (the bot answers in order), so the answer Piotr gets proves it ignored the chatter.
        var conference = await piotr.Chat.CreateConferenceAsync("Reception team", [botNumber, "203"], cancellationToken);
        await piotr.Chat.PostAsync(conference.Id, "Lunch at 12?", cancellationToken);
        await piotr.Chat.PostAsync(conference.Id, $"@{botNumber} who is 205", cancellationToken);
        var post = await piotrInbox.NextAsync(m => m.Peer == botNumber && m.ConferenceId == conference.Id, "the bot's conference post", cancellationToken);
        await output.WriteLineAsync($"202 received in conference \"{conference.Name}\" from {botNumber}: {post.Text}");
    }
}
