namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The direction and outcome of a call history record, <c>HistoryCall/HType</c>.</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct HistoryCallType(string Value) : IXctipToken<HistoryCallType>
{
    /// <summary>An incoming call that was answered. Verified.</summary>
    public static HistoryCallType InCall { get; } = new("InCall");

    /// <summary>An outgoing call. Verified.</summary>
    public static HistoryCallType OutCall { get; } = new("OutCall");

    /// <summary>An incoming call that was not answered. Verified.</summary>
    public static HistoryCallType MissedCall { get; } = new("MissedCall");

    /// <inheritdoc />
    public static IReadOnlyList<HistoryCallType> KnownValues { get; } = [InCall, OutCall, MissedCall];

    /// <inheritdoc />
    public static HistoryCallType Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
