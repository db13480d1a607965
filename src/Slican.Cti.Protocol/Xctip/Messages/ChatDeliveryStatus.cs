namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The delivery state of a chat message, <c>SMS/Status_EV</c> <c>Status</c>. Modeled (docs/protocol.md 5.8).</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct ChatDeliveryStatus(string Value) : IXctipToken<ChatDeliveryStatus>
{
    /// <summary>Stored by the PBX and delivered to at least one of the peer's devices. Modeled.</summary>
    public static ChatDeliveryStatus Delivered { get; } = new("Delivered");

    /// <summary>The peer marked it read. Modeled.</summary>
    public static ChatDeliveryStatus Read { get; } = new("Read");

    /// <summary>Shown on the peer's screen. Modeled.</summary>
    public static ChatDeliveryStatus Displayed { get; } = new("Displayed");

    /// <inheritdoc />
    public static IReadOnlyList<ChatDeliveryStatus> KnownValues { get; } = [Delivered, Read, Displayed];

    /// <inheritdoc />
    public static ChatDeliveryStatus Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
