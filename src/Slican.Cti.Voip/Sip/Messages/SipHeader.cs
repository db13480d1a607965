namespace Slican.Cti.Voip.Sip.Messages;

/// <summary>One header field as it appeared on the wire (compact names expanded), unknown ones included.</summary>
/// <param name="Name">Field name, e.g. <c>Via</c> or <c>X-Custom</c>.</param>
/// <param name="Value">Field value with surrounding whitespace trimmed and folding removed.</param>
public readonly record struct SipHeader(string Name, string Value)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Value}";
}
