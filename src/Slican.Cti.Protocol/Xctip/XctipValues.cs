using System.Buffers.Text;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>
/// How a field's raw text becomes a typed value; one definition for <see cref="XctipElementReader"/> and for the
/// fused readers over <see cref="XctipFieldCursor"/>, so both paths give the same values.
/// </summary>
internal static class XctipValues
{
    /// <summary>An integer written in full (an optional sign, digits, nothing else).</summary>
    public static bool TryParseInt32(ReadOnlySpan<byte> raw, out int value) =>
        Utf8Parser.TryParse(raw, out value, out int used) && used == raw.Length;

    /// <summary>A <c>0</c>/<c>1</c> flag.</summary>
    public static bool TryParseFlag(ReadOnlySpan<byte> raw, out bool value)
    {
        value = raw.SequenceEqual("1"u8);
        return value || raw.SequenceEqual("0"u8);
    }

    /// <summary>A protocol word: a known value's shared instance, or any other text as received.</summary>
    public static TToken Word<TToken>(ReadOnlySpan<byte> raw, bool hasReferences, CtiEncoding encoding)
        where TToken : struct, IXctipToken<TToken> =>
        !hasReferences && XctipTokenCache<TToken>.TryMatch(raw, out var known)
            ? known
            : TToken.Create(XctipText.Decode(raw, hasReferences, encoding));
}
