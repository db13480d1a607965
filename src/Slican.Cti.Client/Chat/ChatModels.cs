using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>A chat message to or from the user.</summary>
public sealed record ChatMessage
{
    /// <summary>The peer's extension (the sender for incoming messages, the recipient for outgoing ones).</summary>
    public string Peer { get; init; } = string.Empty;

    /// <summary>Whether the user sent it.</summary>
    public bool IsOutgoing { get; init; }

    /// <summary>The text.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>When the PBX received or delivered it (PBX local time).</summary>
    public DateTime? Time { get; init; }

    /// <summary><c>Internal</c> chat or a <c>Conference</c> post.</summary>
    public SmsType? Type { get; init; }

    /// <summary>The text conference, for conference posts.</summary>
    public int? ConferenceId { get; init; }

    /// <summary>The opaque user data the sender attached (the client puts its message id here).</summary>
    public string? UserData { get; init; }

    /// <summary>The PBX's message id when known (from history).</summary>
    public int? MessageId { get; init; }

    /// <summary>Whether the message was recovered from history after a reconnect rather than received live.</summary>
    public bool Recovered { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{(IsOutgoing ? "to" : "from")} {Peer}{(ConferenceId is int c ? " in conference " + c : string.Empty)}: {Text}";
}

/// <summary>A sent message's delivery state changed (delivered, read, displayed).</summary>
/// <param name="MessageId">The PBX's message id.</param>
/// <param name="Peer">The peer's extension.</param>
/// <param name="Status">The new state.</param>
/// <param name="Time">When.</param>
public sealed record ChatDeliveryUpdate(int? MessageId, string? Peer, ChatDeliveryStatus? Status, DateTime? Time);

/// <summary>A text conference (group chat) the user belongs to.</summary>
/// <param name="Id">The conference id.</param>
/// <param name="Name">The name.</param>
/// <param name="Members">Member extensions, the creator included.</param>
/// <param name="Deleted">Whether it was removed or the user left.</param>
public sealed record ChatConference(int Id, string Name, IReadOnlyList<string> Members, bool Deleted = false);

/// <summary>An SMS received through the PBX's GSM gateway.</summary>
/// <param name="From">The sender's number.</param>
/// <param name="Text">The text.</param>
/// <param name="Time">When it was sent (gateway time).</param>
/// <param name="GatewayId">The GSM gateway id.</param>
/// <param name="MemoryIndex">The gateway memory index (acknowledged by the client).</param>
public sealed record SmsMessage(string From, string Text, DateTime? Time, int GatewayId, int MemoryIndex);

/// <summary>What happened to an SMS the user sent.</summary>
public enum SmsDeliveryState
{
    /// <summary>The SMS centre accepted it.</summary>
    Accepted,

    /// <summary>The SMS centre rejected it.</summary>
    Rejected,

    /// <summary>Delivered to the handset.</summary>
    Delivered,

    /// <summary>Delivery failed.</summary>
    Failed,
}

/// <summary>A delivery report for a sent SMS.</summary>
/// <param name="OrderId">The SMS centre's order id (links acceptance and report).</param>
/// <param name="State">What happened.</param>
/// <param name="Number">The recipient, when reported.</param>
/// <param name="ErrorCode">The operator error code on failure.</param>
public sealed record SmsDeliveryReport(int? OrderId, SmsDeliveryState State, string? Number, int? ErrorCode);
