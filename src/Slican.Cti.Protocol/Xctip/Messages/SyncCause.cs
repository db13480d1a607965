namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>Why the PBX sent a <c>DelAll</c> row, the Sync row's <c>Cause</c>.</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct SyncCause(string Value) : IXctipToken<SyncCause>
{
    /// <summary>The client sent an empty marker: here is everything. Verified; meaning inferred.</summary>
    public static SyncCause EmptyMarker { get; } = new("EmptyMarker");

    /// <summary>The marker is unknown, stale or from another epoch. Verified; meaning inferred.</summary>
    public static SyncCause WrongMarker { get; } = new("WrongMarker");

    /// <summary>Too many changes since the marker to send as deltas. Verified; meaning inferred.</summary>
    public static SyncCause Overflow { get; } = new("Overflow");

    /// <summary>A PBX-side event deleted the data, e.g. a remote wipe of history. Verified; meaning inferred.</summary>
    public static SyncCause Event { get; } = new("Event");

    /// <inheritdoc />
    public static IReadOnlyList<SyncCause> KnownValues { get; } = [EmptyMarker, WrongMarker, Overflow, Event];

    /// <inheritdoc />
    public static SyncCause Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
