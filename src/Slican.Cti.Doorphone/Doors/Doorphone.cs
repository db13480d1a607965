using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Doorphone.Doors;

/// <summary>
/// One DPH.IP doorphone (or a phone with an associated camera) as the PBX reports it. Immutable: every change
/// produces a new instance, delivered by <see cref="DoorphoneDirectory.Changed"/>.
/// </summary>
/// <param name="SubscriberId">The PBX subscriber Id.</param>
/// <param name="Door">The door contact (<c>Close</c>, <c>Open</c>, <c>Alarm</c>...), null when the device reports none.</param>
/// <param name="HasCamera">True when a camera is associated (the Status field <c>Camera</c>=1).</param>
public sealed record Doorphone(int SubscriberId, DoorState? Door, bool HasCamera)
{
    /// <summary>True when the door contact reports open.</summary>
    public bool IsDoorOpen => Door == DoorState.Open;

    /// <summary>True when the door alarm is active (door forced or held open too long).</summary>
    public bool IsAlarm => Door == DoorState.Alarm;
}

/// <summary>A doorphone changed.</summary>
public sealed class DoorphoneChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public DoorphoneChangedEventArgs(Doorphone? previous, Doorphone current)
    {
        Previous = previous;
        Current = current;
    }

    /// <summary>The state before, null when the doorphone was first seen.</summary>
    public Doorphone? Previous { get; }

    /// <summary>The new state.</summary>
    public Doorphone Current { get; }

    /// <summary>True when the door field changed.</summary>
    public bool DoorChanged => Previous?.Door != Current.Door;

    /// <summary>True when the camera flag changed.</summary>
    public bool CameraChanged => Previous?.HasCamera != Current.HasCamera;
}

/// <summary>How a door was opened.</summary>
public enum DoorOpenMethod
{
    /// <summary>By the CTI request (<c>Door/Open_REQ</c>).</summary>
    Cti,

    /// <summary>By the DTMF code in the call with the doorphone.</summary>
    Dtmf,
}

/// <summary>The outcome of <see cref="DoorphoneDirectory.OpenDoorAsync"/>.</summary>
/// <param name="Method">CTI request or DTMF fallback.</param>
/// <param name="Confirmed">True when the door contact reported <c>Open</c> within the confirmation time; false when the door has no contact sensor or it did not report.</param>
public sealed record DoorOpenResult(DoorOpenMethod Method, bool Confirmed);

/// <summary>The door could not be opened by any configured way.</summary>
public sealed class DoorOpenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DoorOpenException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DoorOpenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DoorOpenException()
        : base("The door could not be opened.")
    {
    }
}
