using System.CommandLine;
using System.Globalization;
using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Cli;

/// <summary>
/// <c>slican-cti chat</c>: sends a MessengerCTI chat message to an extension (optionally waiting until it is read),
/// or with <c>--listen</c> prints incoming messages.
/// </summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var connection = new ClientConnectionOptions();
        var to = new Argument<string?>("to") { Description = "The extension to write to.", Arity = ArgumentArity.ZeroOrOne };
        var text = new Argument<string?>("text") { Description = "The message, or - to read it from standard input.", Arity = ArgumentArity.ZeroOrOne };
        var waitRead = new Option<bool>("--wait-read") { Description = "Wait until the recipient has read the message." };
        var listen = new Option<bool>("--listen") { Description = "Print incoming chat messages (one per line) until Ctrl+C instead of sending." };
        var json = new Option<bool>("--json") { Description = "With --listen: print JSON Lines." };
        var count = new Option<int?>("--count") { HelpName = "N", Description = "With --listen: exit 0 after this many messages." };
        var timeout = new Option<double?>("--timeout") { HelpName = "SECONDS", Description = "Give up after this many seconds, login included (exit 75). Default: 30 s when sending, none with --listen." };
        var command = new Command("chat", "Send a chat message to an extension (stored by the PBX if the recipient is offline), or print incoming messages with --listen. Progress goes to stderr. Exit codes: 0 sent (read, with --wait-read) or listening stopped, 2 the PBX refused, 64 usage, 69 PBX unreachable or connection lost, 75 timeout, 77 login refused (password, licence, CTI access, certificate).")
        {
            to, text, waitRead, listen, json, count, timeout,
        };
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            bool listening = result.GetValue(listen);
            string? recipient = result.GetValue(to);
            string? message = result.GetValue(text);
            if (!listening && (string.IsNullOrWhiteSpace(recipient) || message is null))
            {
                return await ClientConnection.Fail(ExitCodes.Usage, "say who and what: slican-cti chat TO TEXT (TEXT - reads standard input), or slican-cti chat --listen.").ConfigureAwait(false);
            }

            if (listening && recipient is not null)
            {
                return await ClientConnection.Fail(ExitCodes.Usage, "--listen prints incoming messages; it takes no TO or TEXT.").ConfigureAwait(false);
            }

            if (message == "-")
            {
                message = (await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).TrimEnd('\r', '\n');
            }

            double? seconds = result.GetValue(timeout) ?? (listening ? null : 30);
            if (seconds is <= 0 or double.NaN)
            {
                return await ClientConnection.Fail(ExitCodes.Usage, "--timeout must be a positive number of seconds.").ConfigureAwait(false);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (seconds is double s)
            {
                deadline.CancelAfter(TimeSpan.FromSeconds(s));
            }

            try
            {
                var (opened, exit) = await ClientConnection.OpenAsync(result, connection, deadline.Token).ConfigureAwait(false);
                if (opened is null)
                {
                    return exit;
                }

                await using (opened.ConfigureAwait(false))
                {
                    return listening
                        ? await ListenAsync(opened.Client, result.GetValue(json), result.GetValue(count), deadline.Token).ConfigureAwait(false)
                        : await SendAsync(opened.Client, recipient!.Trim(), message!, result.GetValue(waitRead), deadline.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return await ClientConnection.Fail(ExitCodes.Timeout, string.Create(CultureInfo.InvariantCulture, $"timed out after {seconds} s (--timeout).")).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (listening)
            {
                return ExitCodes.Ok; // Ctrl+C: the normal way to stop listening
            }
            catch (OperationCanceledException)
            {
                return await ClientConnection.Fail(ExitCodes.Interrupted, "interrupted.").ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> SendAsync(CtiClient client, string to, string text, bool waitRead, CancellationToken ct)
    {
        using var delivery = client.Chat.SubscribeDelivery();
        try
        {
            await client.Chat.SendAsync(to, text, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (CtiException ex)
        {
            return await ClientConnection.Fail(ex).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return await ClientConnection.Fail(ExitCodes.Usage, ex.Message).ConfigureAwait(false);
        }

        await ClientConnection.Progress($"sent to {to}{(waitRead ? "; waiting until it is read…" : "")}").ConfigureAwait(false);
        if (!waitRead)
        {
            return ExitCodes.Ok;
        }

        await foreach (var update in delivery.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (update.Peer != to)
            {
                continue;
            }

            await ClientConnection.Progress($"{to}: {update.Status?.Value}").ConfigureAwait(false);
            if (update.Status == ChatDeliveryStatus.Read)
            {
                return ExitCodes.Ok;
            }
        }

        return await ClientConnection.Fail(ExitCodes.Unavailable, "the connection closed before the message was read.").ConfigureAwait(false);
    }

    private static async Task<int> ListenAsync(CtiClient client, bool json, int? count, CancellationToken ct)
    {
        using var messages = client.Chat.Subscribe();
        await ClientConnection.Progress("listening for chat messages; Ctrl+C to stop").ConfigureAwait(false);
        int seen = 0;
        await foreach (var m in messages.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (m.IsOutgoing)
            {
                continue;
            }

            var e = WatchEvent.Chat(m, TimeProvider.System.GetLocalNow());
            await Console.Out.WriteLineAsync(json ? e.ToJson() : e.ToHuman()).ConfigureAwait(false);
            await Console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (count is int n && ++seen >= n)
            {
                return ExitCodes.Ok;
            }
        }

        return ExitCodes.Ok;
    }
}
