using Slican.Cti.Protocol.Xctip.Messages;

namespace DoorCamera;

/// <summary>What happened at a door.</summary>
internal enum DoorActivityKind
{
    /// <summary>A doorphone appeared, or its door or camera state changed.</summary>
    DoorChanged,

    /// <summary>A doorphone is calling (a visitor pressed the button).</summary>
    Ringing,

    /// <summary>A snapshot from the doorphone's camera was saved.</summary>
    SnapshotSaved,

    /// <summary>No snapshot: the camera could not be reached or sent no picture.</summary>
    SnapshotFailed,

    /// <summary>The call with the doorphone ended.</summary>
    CallEnded,
}

/// <summary>One line of the door log.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="SubscriberId">The doorphone.</param>
/// <param name="Text">The line to show.</param>
/// <param name="Door">The door contact now, for <see cref="DoorActivityKind.DoorChanged"/>.</param>
/// <param name="SnapshotPath">The saved file, for <see cref="DoorActivityKind.SnapshotSaved"/>.</param>
internal sealed record DoorActivity(DoorActivityKind Kind, int SubscriberId, string Text, DoorState? Door = null, string? SnapshotPath = null);
