using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>Which way a call goes, seen from the user.</summary>
public enum CallDirection
{
    /// <summary>Not determinable from what the PBX sent.</summary>
    Unknown,

    /// <summary>Someone calls the user.</summary>
    Incoming,

    /// <summary>The user calls someone.</summary>
    Outgoing,
}

/// <summary>Where a call is in its life.</summary>
public enum CallStatus
{
    /// <summary>An incoming call is ringing (<c>NewCall_ST</c>).</summary>
    Ringing,

    /// <summary>An outgoing call is being set up (<c>NewCall_ST</c>).</summary>
    Dialling,

    /// <summary>Talking (<c>Connect_ST</c>).</summary>
    Connected,

    /// <summary>On hold at the user's side (<c>Hold_ST</c>).</summary>
    Held,

    /// <summary>The far end cleared; the call is ending (<c>Disconnect_ST</c>).</summary>
    Disconnected,

    /// <summary>Handed over by a transfer (<c>Transfer_ST</c>); a release follows.</summary>
    Transferred,

    /// <summary>Gone (<c>Release_ST</c>); see <see cref="CtiCall.ReleaseCause"/>.</summary>
    Released,
}

/// <summary>
/// A snapshot of one of the user's calls, with the far party resolved for screen pop: the number as the PBX
/// reported it, the name the PBX or the phone book gives, and the matched phone-book contact.
/// </summary>
public sealed record CtiCall
{
    /// <summary>The call reference, stable for the call's life; use it with the control methods.</summary>
    public int CR { get; init; }

    /// <summary>Incoming or outgoing.</summary>
    public CallDirection Direction { get; init; }

    /// <summary>The current status.</summary>
    public CallStatus Status { get; init; }

    /// <summary>The other party's number as the PBX reports it (external numbers with the outside-line prefix, e.g. <c>0612345678</c>).</summary>
    public string? RemoteNumber { get; init; }

    /// <summary>The other party's name: the PBX's label, or the matched contact's name.</summary>
    public string? RemoteName { get; init; }

    /// <summary>The phone-book contact matching <see cref="RemoteNumber"/>, for screen pop.</summary>
    public ContactMatch? Contact { get; init; }

    /// <summary>The calling party as sent.</summary>
    public CallParty? Calling { get; init; }

    /// <summary>The called party as sent.</summary>
    public CallParty? Called { get; init; }

    /// <summary>The connected party as sent (who actually answered).</summary>
    public CallParty? Connected { get; init; }

    /// <summary>Why the call ended, once <see cref="Status"/> is <see cref="CallStatus.Released"/>.</summary>
    public ReleaseCause? ReleaseCause { get; init; }

    /// <summary>Whether the release was inferred by the client (the call vanished during an outage) rather than reported.</summary>
    public bool ReleaseInferred { get; init; }

    /// <summary>When the client first saw the call.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it was answered.</summary>
    public DateTimeOffset? ConnectedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Whether the call is still going.</summary>
    public bool IsActive => Status is not CallStatus.Released;

    /// <inheritdoc />
    public override string ToString() =>
        $"CR {CR} {Direction} {Status} {RemoteNumber}{(RemoteName is null ? string.Empty : " (" + RemoteName + ")")}{(ReleaseCause is { } c ? " cause " + c.Value : string.Empty)}";
}

/// <summary>A call changed status.</summary>
/// <param name="Call">The call now.</param>
/// <param name="Previous">The status before, or <see langword="null"/> for a new call.</param>
public sealed record CallEvent(CtiCall Call, CallStatus? Previous)
{
    /// <inheritdoc />
    public override string ToString() => $"{Previous?.ToString() ?? "new"} -> {Call}";
}
