namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>A call's state in <c>Calls/Change_EV</c>.</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct CallsState(string Value) : IXctipToken<CallsState>
{
    /// <summary>A new call (ringing or being set up). Verified.</summary>
    public static CallsState NewCall { get; } = new("NewCall_ST");

    /// <summary>Talking. Verified.</summary>
    public static CallsState Connect { get; } = new("Connect_ST");

    /// <summary>The far end hung up. Verified.</summary>
    public static CallsState Disconnect { get; } = new("Disconnect_ST");

    /// <summary>The call is gone. Verified.</summary>
    public static CallsState Release { get; } = new("Release_ST");

    /// <summary>On hold. Modeled.</summary>
    public static CallsState Hold { get; } = new("Hold_ST");

    /// <summary>Transferred away. Modeled.</summary>
    public static CallsState Transfer { get; } = new("Transfer_ST");

    /// <inheritdoc />
    public static IReadOnlyList<CallsState> KnownValues { get; } = [NewCall, Connect, Disconnect, Release, Hold, Transfer];

    /// <inheritdoc />
    public static CallsState Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
