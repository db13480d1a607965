using System.Text;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>
/// A value from an open set of protocol words (<c>FREE</c>, <c>AddRow</c>, <c>NewCall_ST</c>…). Known words are
/// static properties; any other word the PBX sends is kept as it is, so a newer firmware never breaks a client.
/// </summary>
/// <typeparam name="TSelf">The token type.</typeparam>
public interface IXctipToken<TSelf>
    where TSelf : struct, IXctipToken<TSelf>
{
    /// <summary>The word exactly as on the wire.</summary>
    string Value { get; }

    /// <summary>The words the SDK knows, verified, inferred or modeled (see docs/protocol.md).</summary>
    static abstract IReadOnlyList<TSelf> KnownValues { get; }

    /// <summary>Wraps a word.</summary>
    static abstract TSelf Create(string value);
}

/// <summary>Matches token words without allocating for the known ones.</summary>
internal static class XctipTokenCache<T>
    where T : struct, IXctipToken<T>
{
    private static readonly (byte[] Bytes, T Token)[] s_known =
        [.. T.KnownValues.Select(t => (Encoding.ASCII.GetBytes(t.Value), t))];

    public static bool TryMatch(ReadOnlySpan<byte> raw, out T token)
    {
        // Length and first byte rule out nearly every other word before a full compare is called.
        foreach (var (bytes, known) in s_known)
        {
            if (bytes.Length == raw.Length && (raw.IsEmpty || bytes[0] == raw[0]) && raw.SequenceEqual(bytes))
            {
                token = known;
                return true;
            }
        }

        token = default;
        return false;
    }

}

/// <summary>A nested part of a message (a call party, a sync row, a phone) that writes its own children.</summary>
public interface IXctipPart
{
    /// <summary>Writes the part's child elements (not its own wrapping element).</summary>
    void WriteTo(XctipWriter writer);
}
