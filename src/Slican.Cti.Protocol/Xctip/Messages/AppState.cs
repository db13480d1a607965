namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The application (presence) state a subscriber sets in MessengerCTI, <c>AppState</c>.</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct AppState(string Value) : IXctipToken<AppState>
{
    /// <summary>Available. Verified.</summary>
    public static AppState Available { get; } = new("AVAILABLE");

    /// <summary>Be right back. Verified.</summary>
    public static AppState Brb { get; } = new("BRB");

    /// <summary>Busy. Verified.</summary>
    public static AppState Busy { get; } = new("BUSY");

    /// <summary>Unavailable, or not logged in to any application. Verified.</summary>
    public static AppState Unavailable { get; } = new("UNAVAILABLE");

    /// <inheritdoc />
    public static IReadOnlyList<AppState> KnownValues { get; } = [Available, Brb, Busy, Unavailable];

    /// <inheritdoc />
    public static AppState Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
