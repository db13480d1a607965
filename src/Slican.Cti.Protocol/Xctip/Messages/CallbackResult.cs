namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The outcome of a Call Center callback, <c>CallbackDone_REQ/Result</c>. Modeled (docs/protocol.md 5.5).</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct CallbackResult(string Value) : IXctipToken<CallbackResult>
{
    /// <summary>The caller was reached. Modeled.</summary>
    public static CallbackResult Done { get; } = new("Done");

    /// <summary>The callback was not answered. Modeled.</summary>
    public static CallbackResult NoAnswer { get; } = new("NoAnswer");

    /// <summary>The number was busy. Modeled.</summary>
    public static CallbackResult Busy { get; } = new("Busy");

    /// <summary>The callback was given up. Modeled.</summary>
    public static CallbackResult Cancelled { get; } = new("Cancelled");

    /// <inheritdoc />
    public static IReadOnlyList<CallbackResult> KnownValues { get; } = [Done, NoAnswer, Busy, Cancelled];

    /// <inheritdoc />
    public static CallbackResult Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
