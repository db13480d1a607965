using System.Globalization;
using Slican.Cti.Client;

namespace ChatBot;

/// <summary>
/// What the bot says to a message: <c>help</c>, <c>time</c>, <c>echo X</c> and <c>who is X</c> (an extension or a
/// name, answered from the synchronised phone book and the live presence roster). Pure lookups on the client's
/// caches: answering never sends a request to the PBX, so a chatty conference cannot slow the bot down.
/// </summary>
internal sealed class BotCommands
{
    /// <summary>The help text, also the reply to anything the bot does not understand.</summary>
    public const string Help = "I understand: help, time, echo <text>, who is <extension or name>.";

    private readonly CtiClient _client;
    private readonly TimeProvider _time;

    public BotCommands(CtiClient client, TimeProvider time)
    {
        _client = client;
        _time = time;
    }

    /// <summary>The reply to <paramref name="text"/> (a direct message, or a conference post with the mention removed).</summary>
    public string Answer(string text)
    {
        string command = text.Trim();
        if (command.Equals("help", StringComparison.OrdinalIgnoreCase)) return Help;
        if (command.Equals("time", StringComparison.OrdinalIgnoreCase))
        {
            return "It is " + _time.GetLocalNow().ToString("HH:mm, dddd d MMMM yyyy", CultureInfo.InvariantCulture) + ".";
        }

        if (command.StartsWith("echo ", StringComparison.OrdinalIgnoreCase)) return command[5..].Trim();
        if (command.StartsWith("who is ", StringComparison.OrdinalIgnoreCase)) return WhoIs(command[7..].Trim().TrimEnd('?'));
        return $"Sorry, I do not know \"{command}\". {Help}";
    }

    private string WhoIs(string query)
    {
        if (query.Length == 0) return "Who is who? Try: who is 202";

        // An extension: the phone book gives the name, the roster what the person is doing right now.
        var contact = _client.PhoneBook.FindByExtension(query);
        if (contact is not null)
        {
            var presence = _client.Presence.FindByExtension(query);
            return $"{query} is {contact.Name}" + (presence is null ? "." : ": " + Describe(presence) + ".");
        }

        // A name: the first few matches in the phone book.
        var found = _client.PhoneBook.Search(query, maxResults: 3);
        if (found.Count == 0) return $"I found nobody called \"{query}\".";
        return string.Join("; ", found.Select(c => $"{c.Name}: {c.Extension ?? c.DefaultNumber ?? "no number"}"));
    }

    private static string Describe(SubscriberPresence p)
    {
        var parts = new List<string>
        {
            p.PhoneState?.Value switch
            {
                "RINGING" => "phone ringing",
                "BUSY" or "OFFHOOK" => "on a call",
                "OUTOFORDER" => "phone out of order",
                _ => "phone free",
            },
        };
        if (p.Dnd) parts.Add("do not disturb");
        parts.Add(p.AppState?.Value switch
        {
            "AVAILABLE" => "available",
            "BUSY" => "busy",
            "BRB" => "away",
            null or "UNAVAILABLE" => "not logged in to MessengerCTI",
            var other => "status " + other.ToLowerInvariant(),
        });
        if (!string.IsNullOrEmpty(p.Description)) parts.Add($"\"{p.Description}\"");
        return string.Join(", ", parts);
    }
}
