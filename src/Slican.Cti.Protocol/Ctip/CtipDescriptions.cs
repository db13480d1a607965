using System.Globalization;

namespace Slican.Cti.Protocol.Ctip;

/// <summary>English descriptions of CTIP numeric codes, for logs and user interfaces.</summary>
public static class CtipDescriptions
{
    /// <summary>Describes a release cause; numbers outside the spec list give "unknown cause N".</summary>
    public static string GetDescription(this CtipReleaseCause cause) => cause switch
    {
        CtipReleaseCause.NormalClearing => "normal clearing",
        CtipReleaseCause.PhoneLocked => "phone locked",
        CtipReleaseCause.CallTimeLimitExceeded => "call-time limit exceeded",
        CtipReleaseCause.ChargeLimitExceeded => "charge limit exceeded",
        CtipReleaseCause.NoPermission => "no permission for the call",
        CtipReleaseCause.ServiceAccepted => "service accepted",
        CtipReleaseCause.ServiceRejected => "service rejected",
        CtipReleaseCause.DiallingTimeout => "dialling timeout",
        CtipReleaseCause.InvalidNumber => "invalid number",
        CtipReleaseCause.RejectedByCalledParty => "rejected by the called party",
        CtipReleaseCause.CalledPartyBusy => "called party busy",
        CtipReleaseCause.CalledPartyOutOfOrder => "called party out of order",
        CtipReleaseCause.ClirNotPermitted => "CLIR not permitted",
        CtipReleaseCause.UrgentCallNotPermitted => "urgent call not permitted",
        CtipReleaseCause.PrivateCallNotPermitted => "private call not permitted",
        CtipReleaseCause.UrgentRingNotPermitted => "urgent ring not permitted",
        CtipReleaseCause.ServiceActive => "service active",
        CtipReleaseCause.ServiceInactive => "service inactive",
        CtipReleaseCause.NoSuchService => "no such service",
        CtipReleaseCause.NoAnswer => "no answer",
        CtipReleaseCause.CallForwarded => "call forwarded",
        CtipReleaseCause.CallIntercepted => "call intercepted (picked up elsewhere)",
        CtipReleaseCause.CalledPartyDnd => "called party has do-not-disturb on",
        CtipReleaseCause.OutsideCallLimitExceeded => "outside-call limit exceeded",
        CtipReleaseCause.WakeUpServiceExecuted => "wake-up service executed",
        _ => "unknown cause " + ((int)cause).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Describes an NA reason; codes outside the spec list give "unknown NA code N".</summary>
    public static string GetDescription(this CtipNaReason reason) => reason switch
    {
        CtipNaReason.NotLoggedIn => "not logged in",
        CtipNaReason.HandsetOnHook => "handset on-hook",
        CtipNaReason.NoCall => "no call",
        CtipNaReason.Busy => "target busy or unavailable (GSM: module busy, retry)",
        CtipNaReason.CalledByGroup => "subscriber is being called by a group",
        CtipNaReason.CannotTransferOutside => "cannot transfer to an outside number",
        CtipNaReason.NoSuchNumber => "no such number",
        CtipNaReason.NoTransferPermission => "no transfer permission",
        CtipNaReason.ServiceParametersUnavailable => "service parameters not available",
        CtipNaReason.CannotRegisterMaliciousCall => "cannot register a malicious call",
        CtipNaReason.WrongKey => "wrong access key",
        CtipNaReason.NoKey => "no access key",
        CtipNaReason.NoSuchAccount => "no such account",
        CtipNaReason.NoSystemPhone => "number has no system phone",
        CtipNaReason.NotASubscriber => "number is not a subscriber",
        CtipNaReason.DiallingImpossible => "dialling impossible",
        CtipNaReason.SubscriberDisabled => "subscriber disabled or faulty",
        CtipNaReason.PhoneLocked => "phone locked",
        CtipNaReason.CtiNotPermitted => "CTI application not permitted (PBX configuration CTI=0)",
        CtipNaReason.TooManyWrongKeys => "too many wrong-key attempts",
        CtipNaReason.GsmModuleBusy => "GSM module busy, command refused",
        CtipNaReason.SmsTooLong => "SMS text too long",
        CtipNaReason.GsmLineFaulty => "GSM line faulty or initialising",
        CtipNaReason.UseDial => "analog or SIP phone cannot be lifted, use DIAL",
        CtipNaReason.CtiServerNotPermitted => "CTI not permitted in the CTI Server application",
        CtipNaReason.CtiServerNotRegistered => "CTI Server not registered",
        CtipNaReason.CtiServerNoPbxLink => "CTI Server has no link to the PBX",
        CtipNaReason.CtiServerIncompatibleFirmware => "PBX firmware incompatible with CTI Server",
        CtipNaReason.GsmLoginTakenOver => "disconnected: someone else logged in to this GSM module",
        _ => "unknown NA code " + ((int)reason).ToString(CultureInfo.InvariantCulture),
    };
}
