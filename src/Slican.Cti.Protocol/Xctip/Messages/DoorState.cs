namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>A doorphone's door or lock relay, <c>Door</c>.</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct DoorState(string Value) : IXctipToken<DoorState>
{
    /// <summary>Closed. Verified.</summary>
    public static DoorState Close { get; } = new("Close");

    /// <summary>Open. Inferred.</summary>
    public static DoorState Open { get; } = new("Open");

    /// <summary>Forced or held open. Modeled.</summary>
    public static DoorState Alarm { get; } = new("Alarm");

    /// <inheritdoc />
    public static IReadOnlyList<DoorState> KnownValues { get; } = [Close, Open, Alarm];

    /// <inheritdoc />
    public static DoorState Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
