namespace Slican.Cti.Protocol.Ctip;

/// <summary>
/// Why a call or dialling ended (<c>REL</c>). The PBX may send numbers not listed here; they are kept as the
/// cast integer, so compare with named members and fall back to the number.
/// </summary>
#pragma warning disable CA1008 // There is no cause 0 on the wire; a zero member would invent one.
public enum CtipReleaseCause
#pragma warning restore CA1008
{
    /// <summary>Normal clearing.</summary>
    NormalClearing = 1,

    /// <summary>The phone is locked.</summary>
    PhoneLocked = 2,

    /// <summary>Call-time limit exceeded.</summary>
    CallTimeLimitExceeded = 3,

    /// <summary>Charge limit exceeded.</summary>
    ChargeLimitExceeded = 4,

    /// <summary>No permission for the call.</summary>
    NoPermission = 5,

    /// <summary>Service accepted.</summary>
    ServiceAccepted = 6,

    /// <summary>Service rejected.</summary>
    ServiceRejected = 7,

    /// <summary>Dialling timed out.</summary>
    DiallingTimeout = 10,

    /// <summary>Invalid number.</summary>
    InvalidNumber = 15,

    /// <summary>Rejected by the called party.</summary>
    RejectedByCalledParty = 16,

    /// <summary>Called party busy.</summary>
    CalledPartyBusy = 17,

    /// <summary>Called party out of order.</summary>
    CalledPartyOutOfOrder = 18,

    /// <summary>CLIR (number hiding) not permitted.</summary>
    ClirNotPermitted = 25,

    /// <summary>Urgent call not permitted.</summary>
    UrgentCallNotPermitted = 26,

    /// <summary>Private call not permitted.</summary>
    PrivateCallNotPermitted = 27,

    /// <summary>Urgent ring not permitted.</summary>
    UrgentRingNotPermitted = 28,

    /// <summary>Service active.</summary>
    ServiceActive = 31,

    /// <summary>Service inactive.</summary>
    ServiceInactive = 32,

    /// <summary>No such service.</summary>
    NoSuchService = 33,

    /// <summary>No answer.</summary>
    NoAnswer = 35,

    /// <summary>The call was forwarded.</summary>
    CallForwarded = 38,

    /// <summary>The call was picked up elsewhere; sent to every group member that did not answer.</summary>
    CallIntercepted = 39,

    /// <summary>The called party has do-not-disturb on.</summary>
    CalledPartyDnd = 40,

    /// <summary>Outside-call limit exceeded.</summary>
    OutsideCallLimitExceeded = 46,

    /// <summary>Wake-up service executed.</summary>
    WakeUpServiceExecuted = 47,
}
