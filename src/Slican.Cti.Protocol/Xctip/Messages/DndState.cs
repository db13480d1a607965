namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>Do-not-disturb, <c>DndStat</c>.</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct DndState(string Value) : IXctipToken<DndState>
{
    /// <summary>DND on. Verified.</summary>
    public static DndState On { get; } = new("On");

    /// <summary>DND off. Inferred.</summary>
    public static DndState Off { get; } = new("Off");

    /// <inheritdoc />
    public static IReadOnlyList<DndState> KnownValues { get; } = [On, Off];

    /// <inheritdoc />
    public static DndState Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
