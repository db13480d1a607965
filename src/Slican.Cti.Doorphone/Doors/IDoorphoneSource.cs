using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Doorphone.Doors;

/// <summary>
/// What the doorphone model needs from the PBX connection. <c>Slican.Cti.Client</c> implements it from the Status
/// events (<c>Refresh_EV</c>/<c>Change_EV</c> fields <c>Door</c> and <c>Camera</c>), the call events, and the
/// <c>Door</c> module requests; tests implement it in a few lines. Events may be raised from any thread.
/// </summary>
public interface IDoorphoneSource
{
    /// <summary>A subscriber's door or camera field was reported (full snapshot or change).</summary>
    event EventHandler<DoorphoneStatusEventArgs>? StatusChanged;

    /// <summary>A subscriber is calling this user (incoming call, before it is answered).</summary>
    event EventHandler<DoorphoneCallEventArgs>? Ringing;

    /// <summary>A call with a subscriber ended (or was never answered).</summary>
    event EventHandler<DoorphoneCallEventArgs>? CallEnded;

    /// <summary>Sends the open-door request (<c>Door/Open_REQ</c>) and completes when the PBX acknowledged it.</summary>
    Task OpenDoorAsync(int doorphoneId, CancellationToken cancellationToken);

    /// <summary>Asks the PBX for the camera link of a subscriber (<c>Door/Camera_REQ</c> → <c>Camera_ANS</c>); null when it has none.</summary>
    Task<CameraLink?> GetCameraLinkAsync(int doorphoneId, CancellationToken cancellationToken);
}

/// <summary>
/// Sends DTMF digits in the current call with a doorphone: the fallback way to open a door when the CTI request
/// is not available (implemented over <c>Slican.Cti.Voip</c>'s RFC 4733 DTMF).
/// </summary>
public interface IDoorDtmfSender
{
    /// <summary>Sends <paramref name="digits"/> in the active call with <paramref name="doorphoneId"/>; throws when there is no such call.</summary>
    Task SendDtmfAsync(int doorphoneId, string digits, CancellationToken cancellationToken);
}

/// <summary>One report of a subscriber's door and camera fields; null = not in this report (unchanged).</summary>
public sealed class DoorphoneStatusEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public DoorphoneStatusEventArgs(int subscriberId, DoorState? door, bool? hasCamera)
    {
        SubscriberId = subscriberId;
        Door = door;
        HasCamera = hasCamera;
    }

    /// <summary>The PBX subscriber Id of the doorphone.</summary>
    public int SubscriberId { get; }

    /// <summary>The door contact state, when reported.</summary>
    public DoorState? Door { get; }

    /// <summary>Whether a camera is associated, when reported.</summary>
    public bool? HasCamera { get; }
}

/// <summary>A call from or with a subscriber.</summary>
public sealed class DoorphoneCallEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public DoorphoneCallEventArgs(int subscriberId, string? callId = null)
    {
        SubscriberId = subscriberId;
        CallId = callId;
    }

    /// <summary>The calling subscriber's Id.</summary>
    public int SubscriberId { get; }

    /// <summary>The PBX call identifier, when known.</summary>
    public string? CallId { get; }
}
