namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>Why a call ended, <c>RelCause</c>. Tokens other than <c>call_intercepted</c> are modeled on the CTIP REL causes.</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct ReleaseCause(string Value) : IXctipToken<ReleaseCause>
{
    /// <summary>Normal clearing (CTIP 1). Modeled.</summary>
    public static ReleaseCause Normal { get; } = new("normal");

    /// <summary>Invalid number (CTIP 15). Modeled.</summary>
    public static ReleaseCause InvalidNumber { get; } = new("invalid_number");

    /// <summary>Rejected by the called party (CTIP 16). Modeled.</summary>
    public static ReleaseCause Rejected { get; } = new("rejected");

    /// <summary>Called party busy (CTIP 17). Modeled.</summary>
    public static ReleaseCause Busy { get; } = new("busy");

    /// <summary>Called party out of order (CTIP 18). Modeled.</summary>
    public static ReleaseCause OutOfOrder { get; } = new("out_of_order");

    /// <summary>No answer (CTIP 35). Modeled.</summary>
    public static ReleaseCause NoAnswer { get; } = new("no_answer");

    /// <summary>Call forwarded (CTIP 38). Modeled.</summary>
    public static ReleaseCause Forwarded { get; } = new("forwarded");

    /// <summary>Picked up elsewhere in a group (CTIP 39). Verified.</summary>
    public static ReleaseCause CallIntercepted { get; } = new("call_intercepted");

    /// <summary>Called party has DND on (CTIP 40). Modeled.</summary>
    public static ReleaseCause DoNotDisturb { get; } = new("dnd");

    /// <inheritdoc />
    public static IReadOnlyList<ReleaseCause> KnownValues { get; } = [Normal, InvalidNumber, Rejected, Busy, OutOfOrder, NoAnswer, Forwarded, CallIntercepted, DoNotDisturb];

    /// <inheritdoc />
    public static ReleaseCause Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
