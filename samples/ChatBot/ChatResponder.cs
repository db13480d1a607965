using Slican.Cti.Client;

namespace ChatBot;

/// <summary>
/// The bot's loop: reads incoming messages, answers direct messages (and marks them read, so the sender sees
/// "read"), and answers conference posts only when they mention the bot (<c>@201</c> or <c>@bot</c>), so it does
/// not chatter in every group conversation.
/// </summary>
internal sealed class ChatResponder
{
    private readonly CtiClient _client;
    private readonly BotCommands _commands;
    private readonly TextWriter _log;
    private readonly string[] _mentions;

    public ChatResponder(CtiClient client, BotCommands commands, TextWriter log)
    {
        _client = client;
        _commands = commands;
        _log = log;
        _mentions = ["@" + client.LogInfo!.Number, "@bot"];
    }

    /// <summary>Messages answered so far.</summary>
    public int Answered { get; private set; }

    /// <summary>
    /// Answers messages from <paramref name="inbox"/> until <paramref name="stop"/> is cancelled; the answer in
    /// progress is finished first (only <paramref name="abort"/> cuts it short). Take the subscription before the
    /// bot logs in, so that no message is missed. Messages recovered from history after a reconnect
    /// (<see cref="ChatMessage.Recovered"/>) were never answered, so they are answered like live ones.
    /// </summary>
    public async Task RunAsync(CtiEventSubscription<ChatMessage> inbox, CancellationToken stop, CancellationToken abort)
    {
        try
        {
            await foreach (var message in inbox.WithCancellation(stop))
            {
                if (message.IsOutgoing) continue;
                try
                {
                    await AnswerAsync(message, abort);
                }
                catch (CtiRequestFailedException ex)
                {
                    // One refused reply (e.g. the sender has no MessengerCTI) must not stop the bot.
                    await _log.WriteLineAsync($"  could not answer {message.Peer}: {ex.Message}");
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task AnswerAsync(ChatMessage message, CancellationToken cancellationToken)
    {
        if (message.ConferenceId is int conference)
        {
            string? mention = _mentions.FirstOrDefault(m => message.Text.Contains(m, StringComparison.OrdinalIgnoreCase));
            if (mention is null) return; // group talk that is not for the bot
            string question = message.Text.Replace(mention, string.Empty, StringComparison.OrdinalIgnoreCase);
            string reply = $"@{message.Peer} {_commands.Answer(question)}";
            await _log.WriteLineAsync($"Conference {conference}, {message.Peer}: {message.Text}");
            await _client.Chat.PostAsync(conference, reply, cancellationToken);
            await _log.WriteLineAsync($"  answered in conference {conference}: {reply}");
        }
        else
        {
            string reply = _commands.Answer(message.Text);
            await _log.WriteLineAsync($"From {message.Peer}{(message.Recovered ? " (recovered after a reconnect)" : string.Empty)}: {message.Text}");
            await _client.Chat.SendAsync(message.Peer, reply, cancellationToken: cancellationToken);
            await _client.Chat.MarkReadAsync(message.Peer, cancellationToken);
            await _log.WriteLineAsync($"  answered {message.Peer}: {reply}");
        }

        Answered++;
    }
}
