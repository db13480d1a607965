using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slican.Cti.Client;

namespace Slican.Cti.Cli;

/// <summary>
/// One live event as <c>watch</c> prints it: a human-readable line, or a JSON object (one per line, JSON Lines) with
/// <c>time</c>, <c>type</c> and the event's fields. <see cref="Payload"/> keeps the SDK object for <c>--demo</c>.
/// </summary>
internal sealed record WatchEvent(string Type, DateTimeOffset Time, string Text, JsonObject Fields, object Payload)
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The stream names <c>--events</c> accepts, in the order they are listed in help.</summary>
    public static readonly string[] Streams = ["presence", "calls", "chat", "phonebook", "doors", "connection"];

    public string ToHuman() => string.Create(CultureInfo.InvariantCulture, $"{Time:HH:mm:ss} {Type,-10} {Text}");

    public string ToJson()
    {
        var o = new JsonObject { ["time"] = Time.ToString("O", CultureInfo.InvariantCulture), ["type"] = Type };
        foreach (var (key, value) in Fields)
        {
            if (value is not null)
            {
                o[key] = value.DeepClone(); // absent rather than null keeps the lines short
            }
        }

        return o.ToJsonString(s_json);
    }

    public static WatchEvent Call(CallEvent e, DateTimeOffset now)
    {
        var c = e.Call;
        return new("call", now, $"{c} [{e.Previous?.ToString() ?? "new"} -> {c.Status}]{(c.Contact is { } m ? " contact: " + m.Contact.Name : "")}", new JsonObject
        {
            ["cr"] = c.CR,
            ["direction"] = c.Direction.ToString(),
            ["status"] = c.Status.ToString(),
            ["previous"] = e.Previous?.ToString(),
            ["remoteNumber"] = c.RemoteNumber,
            ["remoteName"] = c.RemoteName,
            ["contact"] = c.Contact?.Contact.Name,
            ["contactId"] = c.Contact?.Contact.Id,
            ["releaseCause"] = c.ReleaseCause?.Value,
            ["releaseInferred"] = c.ReleaseInferred ? true : null,
        }, e);
    }

    public static WatchEvent Presence(PresenceChange e, DateTimeOffset now)
    {
        var p = e.Current;
        return new("presence", now, p.ToString(), new JsonObject
        {
            ["id"] = p.Id,
            ["extension"] = p.Extension,
            ["name"] = p.Name,
            ["phoneState"] = p.PhoneState?.Value,
            ["dnd"] = p.Dnd,
            ["appState"] = p.AppState?.Value,
            ["previousAppState"] = e.Previous?.AppState?.Value,
            ["previousPhoneState"] = e.Previous?.PhoneState?.Value,
            ["description"] = p.Description,
        }, e);
    }

    public static WatchEvent Chat(ChatMessage m, DateTimeOffset now) =>
        new("chat", now, m.ToString() + (m.Recovered ? " (recovered)" : ""), new JsonObject
        {
            ["peer"] = m.Peer,
            ["outgoing"] = m.IsOutgoing,
            ["text"] = m.Text,
            ["conferenceId"] = m.ConferenceId,
            ["messageId"] = m.MessageId,
            ["recovered"] = m.Recovered ? true : null,
        }, m);

    public static WatchEvent ChatDelivery(ChatDeliveryUpdate u, DateTimeOffset now) =>
        new("chat-status", now, $"message {u.MessageId} to {u.Peer}: {u.Status?.Value}", new JsonObject
        {
            ["messageId"] = u.MessageId,
            ["peer"] = u.Peer,
            ["status"] = u.Status?.Value,
        }, u);

    public static WatchEvent PhoneBook(PhoneBookChange e, DateTimeOffset now) =>
        new("phonebook", now, $"{e.Kind} {e.Contact?.ToString() ?? e.Group?.Name ?? ""}".TrimEnd(), new JsonObject
        {
            ["kind"] = e.Kind.ToString(),
            ["contactId"] = e.Contact?.Id,
            ["contact"] = e.Contact?.Name,
            ["number"] = e.Contact?.DefaultNumber,
            ["groupId"] = e.Group?.Id,
            ["group"] = e.Group?.Name,
        }, e);

    public static WatchEvent Door(Slican.Cti.Client.Doorphone d, DateTimeOffset now) =>
        new("door", now, $"{d.Extension} {d.Name}: door {d.Door?.Value ?? "unknown"}, camera {(d.HasCamera ? "available" : "unavailable")}", new JsonObject
        {
            ["subscriberId"] = d.SubscriberId,
            ["extension"] = d.Extension,
            ["name"] = d.Name,
            ["door"] = d.Door?.Value,
            ["camera"] = d.HasCamera,
        }, d);

    public static WatchEvent Connection(CtiConnectionStateChangedEventArgs e, DateTimeOffset now) =>
        new("connection", now, e.ToString(), new JsonObject
        {
            ["previous"] = e.Previous.ToString(),
            ["state"] = e.Current.ToString(),
            ["error"] = e.Error?.Message,
        }, e);

    public static WatchEvent Resynchronised(CtiResynchronisedEventArgs e, DateTimeOffset now) =>
        new("resync", now, string.Create(CultureInfo.InvariantCulture, $"back after {e.Outage.TotalSeconds:0.0} s ({e.Attempts} attempts); {e.PhoneBookRows} phone-book rows, {e.RecoveredChatMessages} chat messages recovered, {e.CallsEndedDuringOutage} calls ended meanwhile"), new JsonObject
        {
            ["outageSeconds"] = e.Outage.TotalSeconds,
            ["attempts"] = e.Attempts,
            ["phoneBookReset"] = e.PhoneBookReset,
            ["phoneBookRows"] = e.PhoneBookRows,
            ["recoveredChatMessages"] = e.RecoveredChatMessages,
            ["callsEndedDuringOutage"] = e.CallsEndedDuringOutage,
        }, e);
}
