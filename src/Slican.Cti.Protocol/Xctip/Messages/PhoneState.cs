namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The phone line state, <c>Status/State</c>. Only <c>FREE</c> is verified; the others are modeled on CTIP STAT H/h/o.</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct PhoneState(string Value) : IXctipToken<PhoneState>
{
    /// <summary>Idle. Verified.</summary>
    public static PhoneState Free { get; } = new("FREE");

    /// <summary>In a call. Modeled.</summary>
    public static PhoneState Busy { get; } = new("BUSY");

    /// <summary>Ringing. Modeled.</summary>
    public static PhoneState Ringing { get; } = new("RINGING");

    /// <summary>Handset lifted, dialling. Modeled.</summary>
    public static PhoneState OffHook { get; } = new("OFFHOOK");

    /// <summary>Out of order or handset left off. Modeled.</summary>
    public static PhoneState OutOfOrder { get; } = new("OUTOFORDER");

    /// <inheritdoc />
    public static IReadOnlyList<PhoneState> KnownValues { get; } = [Free, Busy, Ringing, OffHook, OutOfOrder];

    /// <inheritdoc />
    public static PhoneState Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
