using System.Security.Cryptography;

namespace Slican.Cti.Voip;

/// <summary>Source of tags, branches, cnonces, SSRCs and sequence numbers; injectable so tests can be deterministic.</summary>
public interface IRandomSource
{
    /// <summary>A random lower-case hex string of <paramref name="length"/> characters.</summary>
    string NextHex(int length);

    /// <summary>A random 32-bit value.</summary>
    uint NextUInt32();
}

/// <summary>Cryptographic randomness: tags and branches must be unguessable (RFC 3261 §19.3).</summary>
internal sealed class DefaultRandom : IRandomSource
{
    public static DefaultRandom Instance { get; } = new();

    public string NextHex(int length)
    {
        Span<byte> bytes = stackalloc byte[(length + 1) / 2];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexString(bytes).ToLowerInvariant()[..length];
    }

    public uint NextUInt32()
    {
        Span<byte> bytes = stackalloc byte[4];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt32(bytes);
    }
}
