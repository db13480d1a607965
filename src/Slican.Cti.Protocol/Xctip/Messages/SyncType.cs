namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The kind of data a Sync message or row is about, <c>SyncType</c>.</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct SyncType(string Value) : IXctipToken<SyncType>
{
    /// <summary>The phone book (groups and contacts). Verified.</summary>
    public static SyncType Book { get; } = new("Book");

    /// <summary>Call history. Verified.</summary>
    public static SyncType HistoryCall { get; } = new("HistoryCall");

    /// <summary>Message (chat) history. Verified.</summary>
    public static SyncType HistoryMsg { get; } = new("HistoryMsg");

    /// <summary>The Call Center callback list. Modeled (docs/protocol.md 5.5).</summary>
    public static SyncType CCCallback { get; } = new("CCCallback");

    /// <inheritdoc />
    public static IReadOnlyList<SyncType> KnownValues { get; } = [Book, HistoryCall, HistoryMsg, CCCallback];

    /// <inheritdoc />
    public static SyncType Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
