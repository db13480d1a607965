namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The condition of a call forwarding rule, <c>Fwd/Type</c>. Modeled (docs/protocol.md 5.4).</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct ForwardingType(string Value) : IXctipToken<ForwardingType>
{
    /// <summary>Unconditional forwarding. Modeled.</summary>
    public static ForwardingType All { get; } = new("All");

    /// <summary>Forward when busy. Modeled.</summary>
    public static ForwardingType Busy { get; } = new("Busy");

    /// <summary>Forward when not answered within <c>Rings</c>. Modeled.</summary>
    public static ForwardingType NoAnswer { get; } = new("NoAnswer");

    /// <inheritdoc />
    public static IReadOnlyList<ForwardingType> KnownValues { get; } = [All, Busy, NoAnswer];

    /// <inheritdoc />
    public static ForwardingType Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
