using Slican.Cti.Client;
using Slican.Cti.Samples;
using Slican.Cti.Testing;

namespace Quickstart;

/// <summary>The quickstart's steps, callable from tests.</summary>
public static class QuickstartApp
{
    private const string Usage = """
        Usage: dotnet run --project samples/Quickstart [-- options]
          --dial NUMBER            number to dial (emulator default: 202)
          --chat EXT               extension to send a chat message to (emulator default: 202)
        """;

    /// <summary>Runs the quickstart; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (!TryParse(args, out var settings, out string? error))
        {
            await output.WriteLineAsync(error + Environment.NewLine + Usage + Environment.NewLine + SampleSession.CommonUsage);
            return 64;
        }

        PbxEmulator? pbx = null;
        try
        {
            var options = settings.Options;
            if (settings.Host is null)
            {
                pbx = await PbxEmulator.StartAsync(ct: cancellationToken);
                options = options with { Host = "127.0.0.1", Port = pbx.XctipEndPoint.Port, User = "201", Password = "1234" };
                await output.WriteLineAsync($"Started the PBX emulator on {pbx.XctipEndPoint} (use --host for a real PBX).");
            }

            await using var client = await CtiClient.ConnectAsync(options, cancellationToken);
            var me = client.LogInfo!;
            await output.WriteLineAsync($"Logged in as {me.Number} {me.Name} (licence {me.Licence?.Value ?? "?"}, PBX {me.PbxType ?? "?"} {me.Firmware})");

            // 1. Phone book: synchronised by ConnectAsync.
            await output.WriteLineAsync($"Phone book: {client.PhoneBook.Count} contacts in {client.PhoneBook.Groups.Count} groups, {client.PhoneBook.Favourites.Count} favourites");

            // 2. Roster.
            var roster = client.Presence.Roster;
            await output.WriteLineAsync($"Roster ({roster.Count} subscribers):");
            foreach (var p in roster.Take(6)) await output.WriteLineAsync("  " + p);
            if (roster.Count > 6) await output.WriteLineAsync($"  … and {roster.Count - 6} more");

            using var calls = client.Calls.Subscribe();

            // 3. Screen pop (the emulator simulates a customer calling in).
            if (pbx is not null)
            {
                int cr = await pbx.Scenario.IncomingCallAsync("0612345678", me.Number, cancellationToken);
                var ringing = await NextAsync(calls, e => e.Call.CR == cr && e.Call.Status == CallStatus.Ringing, cancellationToken);
                var contact = ringing.Call.Contact;
                await output.WriteLineAsync($"Incoming call from {ringing.Call.RemoteNumber}: " +
                    (contact is null ? "no contact matches" : $"{contact.Contact.Name} (phone book: {contact.Phone?.Number ?? contact.Contact.Extension})"));
                await pbx.Scenario.HangUpAsync(cr, ct: cancellationToken);
                var ended = await NextAsync(calls, e => e.Call.CR == cr && e.Call.Status == CallStatus.Released, cancellationToken);
                await output.WriteLineAsync($"  caller hung up (cause {ended.Call.ReleaseCause?.Value ?? "?"})");
            }

            // 4. Click-to-dial.
            string? dial = settings.Dial ?? (pbx is not null ? "202" : null);
            if (dial is not null)
            {
                int cr = await client.Calls.DialAsync(dial, cancellationToken);
                var dialling = await NextAsync(calls, e => e.Call.CR == cr, cancellationToken);
                await output.WriteLineAsync($"Dialled {dial}: call {cr} is {dialling.Call.Status}{(dialling.Call.RemoteName is { } n ? " to " + n : string.Empty)}");
                await client.Calls.HangUpAsync(cr, cancellationToken);
                await NextAsync(calls, e => e.Call.CR == cr && e.Call.Status == CallStatus.Released, cancellationToken);
                await output.WriteLineAsync("  hung up");
            }

            // 5. Chat.
            string? chatTo = settings.ChatTo ?? (pbx is not null ? "202" : null);
            if (chatTo is not null)
            {
                using var inbox = client.Chat.Subscribe();
                await client.Chat.SendAsync(chatTo, "Hello from the Slican.Cti quickstart", cancellationToken: cancellationToken);
                await output.WriteLineAsync($"Chat to {chatTo}: sent");
                if (pbx is not null)
                {
                    await pbx.Scenario.SendChatAsync(chatTo, me.Number, "Got it, thanks!", cancellationToken);
                    var reply = await inbox.ReadAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                    await output.WriteLineAsync($"Chat from {reply.Peer}: {reply.Text}");
                }
            }

            var stats = client.GetStats();
            await output.WriteLineAsync($"Done: {stats.FramesReceived} frames in, {stats.FramesSent} out, average round trip {stats.AverageRoundTrip.TotalMilliseconds:0.0} ms.");
            return 0;
        }
        catch (CtiLoginException ex)
        {
            await output.WriteLineAsync("Login failed: " + ex.Message);
            return 2;
        }
        catch (CtiException ex)
        {
            await output.WriteLineAsync("Error: " + ex.Message);
            return 1;
        }
        finally
        {
            if (pbx is not null) await pbx.DisposeAsync();
        }
    }

    private static async Task<CallEvent> NextAsync(CtiEventSubscription<CallEvent> calls, Func<CallEvent, bool> match, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await foreach (var e in calls.WithCancellation(timeout.Token))
        {
            if (match(e)) return e;
        }

        throw new CtiException("The call event did not arrive.");
    }

    private sealed record Settings(CtiClientOptions Options, string? Host, string? Dial, string? ChatTo);

    private static bool TryParse(string[] args, out Settings settings, out string? error)
    {
        settings = new Settings(new CtiClientOptions(), null, null, null);
        if (!SampleArguments.TryParse(args, out var connection, out error))
        {
            if (error.Length == 0) error = "Slican.Cti quickstart.";
            return false;
        }

        string? dial = null, chat = null;
        var rest = connection.Rest;
        for (int i = 0; i < rest.Count; i++)
        {
            string? Value() => i + 1 < rest.Count ? rest[++i] : null;
            switch (rest[i])
            {
                case "--dial": dial = Value(); break;
                case "--chat": chat = Value(); break;
                default: error = $"Unknown option '{rest[i]}'."; return false;
            }
        }

        settings = new Settings(connection.Options, connection.Host, dial, chat);
        return true;
    }
}
