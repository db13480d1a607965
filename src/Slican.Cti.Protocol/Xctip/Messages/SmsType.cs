namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The kind of an SMS module message, <c>SMS/Send_REQ</c> and <c>SMS/Receive_EV</c> <c>Type</c>.</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct SmsType(string Value) : IXctipToken<SmsType>
{
    /// <summary>A chat message to or from an extension. Verified.</summary>
    public static SmsType Internal { get; } = new("Internal");

    /// <summary>A post to a text conference; <c>Number</c> is then the conference id. Modeled (docs/protocol.md 5.7).</summary>
    public static SmsType Conference { get; } = new("Conference");

    /// <inheritdoc />
    public static IReadOnlyList<SmsType> KnownValues { get; } = [Internal, Conference];

    /// <inheritdoc />
    public static SmsType Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
