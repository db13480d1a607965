namespace Slican.Cti.Protocol.Ctip;

/// <summary>
/// Why the PBX refused a request (<c>NA</c> code). Codes not listed here (the spec defines no 104 or 105) are kept
/// as the cast integer.
/// </summary>
#pragma warning disable CA1008 // NA without a code is modelled as null, not as a zero member.
public enum CtipNaReason
#pragma warning restore CA1008
{
    /// <summary>Not logged in; on TCP, drop the connection and reconnect.</summary>
    NotLoggedIn = 1,

    /// <summary>The handset is on-hook.</summary>
    HandsetOnHook = 2,

    /// <summary>There is no call.</summary>
    NoCall = 3,

    /// <summary>Target busy or unavailable; for GSM, the module is busy sending, so retry.</summary>
    Busy = 4,

    /// <summary>The subscriber is being called by a group.</summary>
    CalledByGroup = 5,

    /// <summary>Cannot transfer to an outside number.</summary>
    CannotTransferOutside = 6,

    /// <summary>No such number.</summary>
    NoSuchNumber = 7,

    /// <summary>No transfer permission.</summary>
    NoTransferPermission = 8,

    /// <summary>Service parameters not available.</summary>
    ServiceParametersUnavailable = 9,

    /// <summary>Cannot register a malicious call.</summary>
    CannotRegisterMaliciousCall = 10,

    /// <summary>Wrong access key.</summary>
    WrongKey = 11,

    /// <summary>No access key.</summary>
    NoKey = 12,

    /// <summary>No such account.</summary>
    NoSuchAccount = 13,

    /// <summary>The number has no system phone.</summary>
    NoSystemPhone = 14,

    /// <summary>The number is not a subscriber.</summary>
    NotASubscriber = 15,

    /// <summary>Dialling impossible.</summary>
    DiallingImpossible = 16,

    /// <summary>Subscriber disabled or faulty.</summary>
    SubscriberDisabled = 17,

    /// <summary>The phone is locked.</summary>
    PhoneLocked = 18,

    /// <summary>CTI application not permitted (PBX configuration CTI=0).</summary>
    CtiNotPermitted = 19,

    /// <summary>Too many wrong-key attempts.</summary>
    TooManyWrongKeys = 20,

    /// <summary>GSM module busy; command refused.</summary>
    GsmModuleBusy = 21,

    /// <summary>SMS text too long.</summary>
    SmsTooLong = 22,

    /// <summary>GSM line (translation) faulty or initialising; retry after 30 s or more.</summary>
    GsmLineFaulty = 23,

    /// <summary>An analog or SIP phone cannot be lifted remotely; use DIAL instead.</summary>
    UseDial = 24,

    /// <summary>CTI not permitted in the CTI Server PC application.</summary>
    CtiServerNotPermitted = 101,

    /// <summary>CTI Server not registered.</summary>
    CtiServerNotRegistered = 102,

    /// <summary>CTI Server has no link to the PBX.</summary>
    CtiServerNoPbxLink = 103,

    /// <summary>PBX firmware incompatible with CTI Server.</summary>
    CtiServerIncompatibleFirmware = 106,

    /// <summary>Disconnected because someone else logged in to this GSM module.</summary>
    GsmLoginTakenOver = 107,
}
