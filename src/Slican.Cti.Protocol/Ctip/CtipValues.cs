namespace Slican.Cti.Protocol.Ctip;

/// <summary>Handset state in <c>STAT</c>; the wire uses one letter.</summary>
public enum CtipHookState
{
    /// <summary><c>h</c>: on-hook, idle.</summary>
    OnHook,

    /// <summary><c>H</c>: off-hook, in use.</summary>
    OffHook,

    /// <summary><c>o</c>: out of order, e.g. the handset was left off after a call.</summary>
    OutOfOrder,
}

/// <summary>The seven service flags of <c>STAT</c> (upper-case letter on the wire = on).</summary>
[Flags]
public enum CtipServices
{
    /// <summary>No service active.</summary>
    None = 0,

    /// <summary><c>F</c>: call forwarding on.</summary>
    Forward = 1,

    /// <summary><c>D</c>: do-not-disturb on.</summary>
    DoNotDisturb = 2,

    /// <summary><c>L</c>: phone locked.</summary>
    Locked = 4,

    /// <summary><c>A</c>: another account's privileges are registered.</summary>
    Account = 8,

    /// <summary><c>P</c>: a call is parked.</summary>
    Parked = 16,

    /// <summary><c>C</c>: call(s) waiting.</summary>
    CallWaiting = 32,

    /// <summary><c>Q</c>: a queue (callback) request is active.</summary>
    Queue = 64,
}

/// <summary>When a forwarding (<c>FWD</c>) applies.</summary>
public enum CtipForwardCondition
{
    /// <summary><c>R</c>: no reply.</summary>
    NoReply,

    /// <summary><c>B</c>: busy.</summary>
    Busy,

    /// <summary><c>I</c>: immediately.</summary>
    Immediate,

    /// <summary><c>N</c>: while do-not-disturb is on.</summary>
    DoNotDisturb,
}

/// <summary>Which calls a forwarding (<c>FWD</c>) applies to.</summary>
public enum CtipForwardScope
{
    /// <summary><c>A</c>: all calls.</summary>
    All,

    /// <summary><c>O</c>: outside calls only.</summary>
    Outside,

    /// <summary><c>I</c>: internal calls only.</summary>
    Internal,

    /// <summary><c>T</c>: transferred (held) calls.</summary>
    Transferred,

    /// <summary><c>G</c>: group calls.</summary>
    Group,
}

/// <summary>SMS class and delivery-report choice (<c>SMSS</c>, <c>SMSG</c>).</summary>
public enum CtipSmsType
{
    /// <summary><c>N</c>: normal, with delivery report.</summary>
    Normal,

    /// <summary><c>F</c>: flash, with delivery report.</summary>
    Flash,

    /// <summary><c>n</c>: normal, no delivery report (protocol 12.01+).</summary>
    NormalNoReport,

    /// <summary><c>f</c>: flash, no delivery report (protocol 12.01+).</summary>
    FlashNoReport,
}

/// <summary>SMS data coding (<c>C&lt;n&gt;</c> in <c>SMSS</c>); other numbers are kept as the cast integer.</summary>
public enum CtipSmsCoding
{
    /// <summary><c>C0</c>: the module chooses.</summary>
    Auto = 0,

    /// <summary><c>C1</c>: GSM 7-bit alphabet.</summary>
    Gsm7Bit = 1,

    /// <summary><c>C2</c>: 16-bit, for national characters.</summary>
    Ucs2 = 2,
}

/// <summary>Phone type reported in the extension LOGI reply.</summary>
#pragma warning disable CA1008 // The wire has no type 0.
public enum CtipPhoneType
#pragma warning restore CA1008
{
    /// <summary><c>1</c>: analog phone.</summary>
    Analog = 1,

    /// <summary><c>2</c>: Slican CTS system phone.</summary>
    SystemCts = 2,
}

/// <summary>
/// Position of an SMS in a multipart message (<c>ref,part,total</c>); <c>0,1,1</c> is a single-part message.
/// Every part of one message shares the reference.
/// </summary>
/// <param name="Reference">Message reference, 0–255.</param>
/// <param name="Part">This part's number, from 1.</param>
/// <param name="Total">Number of parts.</param>
public readonly record struct CtipSmsPart(int Reference, int Part, int Total)
{
    /// <summary>The marker of a single-part message, <c>0,1,1</c>.</summary>
    public static CtipSmsPart SinglePart => new(0, 1, 1);
}
