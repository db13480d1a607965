using System.Globalization;

namespace Slican.Cti.Voip.Sip.Messages;

/// <summary>The CSeq header: sequence number and method.</summary>
/// <param name="Number">Sequence number (32-bit unsigned per RFC 3261).</param>
/// <param name="Method">Method the sequence number belongs to.</param>
public readonly record struct SipCSeq(uint Number, string Method)
{
    /// <summary>Parses <c>"314159 INVITE"</c>.</summary>
    public static SipCSeq Parse(string text)
    {
        var parts = text.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out uint n))
        {
            throw new SipParseException("CSeq is not '<number> <method>'", 0);
        }

        return new SipCSeq(n, parts[1]);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Number.ToString(CultureInfo.InvariantCulture)} {Method}";
}
