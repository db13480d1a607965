namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>How <c>Calls/Transfer_REQ</c> hands a call over, <c>Mode</c>. Modeled (docs/protocol.md 5.3).</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct TransferMode(string Value) : IXctipToken<TransferMode>
{
    /// <summary>Redirect the call at once; the user's leg ends. Modeled.</summary>
    public static TransferMode Blind { get; } = new("Blind");

    /// <summary>Ring the target and hand the call over without the user talking to it. Modeled.</summary>
    public static TransferMode Unannounced { get; } = new("Unannounced");

    /// <summary>Consultation: call the target first, then join with <c>ConsultCR</c>. Modeled.</summary>
    public static TransferMode Announced { get; } = new("Announced");

    /// <inheritdoc />
    public static IReadOnlyList<TransferMode> KnownValues { get; } = [Blind, Unannounced, Announced];

    /// <inheritdoc />
    public static TransferMode Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
