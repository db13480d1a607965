namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>What a Sync <c>Row</c> does, <c>RowType</c>.</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct RowType(string Value) : IXctipToken<RowType>
{
    /// <summary>Add a record. Verified.</summary>
    public static RowType AddRow { get; } = new("AddRow");

    /// <summary>Replace a record. Verified.</summary>
    public static RowType Update { get; } = new("Update");

    /// <summary>Drop all local data of this SyncType; the rows that follow rebuild it. Verified.</summary>
    public static RowType DelAll { get; } = new("DelAll");

    /// <summary>End of a batch; its marker is the resume point. Verified.</summary>
    public static RowType RowEnd { get; } = new("RowEnd");

    /// <summary>Delete one record. Verified client to PBX; PBX to client inferred.</summary>
    public static RowType DelRow { get; } = new("DelRow");

    /// <summary>Add a phone to an existing contact. Verified client to PBX; meaning inferred.</summary>
    public static RowType AddField { get; } = new("AddField");

    /// <inheritdoc />
    public static IReadOnlyList<RowType> KnownValues { get; } = [AddRow, Update, DelAll, RowEnd, DelRow, AddField];

    /// <inheritdoc />
    public static RowType Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
