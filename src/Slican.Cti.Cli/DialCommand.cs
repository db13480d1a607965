using System.CommandLine;
using System.Globalization;
using Slican.Cti.Client;

namespace Slican.Cti.Cli;

/// <summary>
/// <c>slican-cti dial</c>: click-to-dial from the command line. Logs in, asks the PBX to call a number from the
/// user's phone, prints the call reference on stdout (progress on stderr) and optionally waits until the call is
/// answered.
/// </summary>
internal static class DialCommand
{
    public static Command Create()
    {
        var connection = new ClientConnectionOptions();
        var number = new Argument<string>("number") { Description = "The number to call, as dialled on the phone (outside numbers with the outside-line prefix, e.g. 0612345678)." };
        var waitConnected = new Option<bool>("--wait-connected") { Description = "Wait until the far end answers (exit 0), or the call ends unanswered (exit 2)." };
        var timeout = new Option<double>("--timeout") { HelpName = "SECONDS", Description = "Give up after this many seconds, login included (exit 75).", DefaultValueFactory = _ => 30 };
        var command = new Command("dial", "Call a number from your phone through the PBX (click-to-dial; desk phones ring first). Prints the call reference on stdout, progress on stderr. Exit codes: 0 accepted (or answered, with --wait-connected), 2 the PBX refused or the call ended unanswered, 64 usage, 69 PBX unreachable or connection lost, 75 timeout, 77 login refused (password, licence, CTI access, certificate).")
        {
            number, waitConnected, timeout,
        };
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            double seconds = result.GetValue(timeout);
            if (seconds <= 0 || double.IsNaN(seconds))
            {
                return await ClientConnection.Fail(ExitCodes.Usage, "--timeout must be a positive number of seconds.").ConfigureAwait(false);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
            try
            {
                var (opened, exit) = await ClientConnection.OpenAsync(result, connection, deadline.Token).ConfigureAwait(false);
                if (opened is null)
                {
                    return exit;
                }

                await using (opened.ConfigureAwait(false))
                {
                    return await DialAsync(opened.Client, result.GetValue(number)!, result.GetValue(waitConnected), deadline.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return await ClientConnection.Fail(ExitCodes.Timeout, string.Create(CultureInfo.InvariantCulture, $"timed out after {seconds} s (--timeout).")).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return await ClientConnection.Fail(ExitCodes.Interrupted, "interrupted.").ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> DialAsync(CtiClient client, string number, bool waitConnected, CancellationToken ct)
    {
        // Subscribe before dialling: the PBX's reply precedes the call's events.
        using var calls = client.Calls.Subscribe();
        int cr;
        try
        {
            await ClientConnection.Progress($"dialling {number}…").ConfigureAwait(false);
            cr = await client.Calls.DialAsync(number, ct).ConfigureAwait(false);
        }
        catch (CtiException ex)
        {
            return await ClientConnection.Fail(ex).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return await ClientConnection.Fail(ExitCodes.Usage, ex.Message).ConfigureAwait(false);
        }

        await Console.Out.WriteLineAsync(cr.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        await ClientConnection.Progress(string.Create(CultureInfo.InvariantCulture, $"the PBX accepted the call: call reference {cr}")).ConfigureAwait(false);
        if (!waitConnected)
        {
            return ExitCodes.Ok;
        }

        await foreach (var e in calls.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (e.Call.CR != cr)
            {
                continue;
            }

            await ClientConnection.Progress($"call {cr}: {e.Call.Status}{(e.Call.RemoteName is { } name ? " (" + name + ")" : "")}").ConfigureAwait(false);
            switch (e.Call.Status)
            {
                case CallStatus.Connected:
                    return ExitCodes.Ok;
                case CallStatus.Released or CallStatus.Disconnected:
                    return await ClientConnection.Fail(ExitCodes.Refused, $"call {cr} ended before it was answered (cause {e.Call.ReleaseCause?.Value ?? "unknown"}).").ConfigureAwait(false);
            }
        }

        return await ClientConnection.Fail(ExitCodes.Unavailable, "the connection closed before the call was answered.").ConfigureAwait(false);
    }
}
