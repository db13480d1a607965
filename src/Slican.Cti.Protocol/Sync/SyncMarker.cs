using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Slican.Cti.Protocol.Sync;

/// <summary>
/// A sync marker: the 32-character resume token of XCTIP <c>Sync</c> rows, <c>PPxxxxxxxxRRRRRRRRTTTTTTTTUUUUCC</c>.
/// Treat it as opaque; the structure is exposed for diagnostics and for the emulator that has to mint them.
/// </summary>
/// <remarks>
/// The last two characters are a checksum: (−Σ ASCII codes of the first 30 characters) mod 256 as upper-case hex.
/// The rule held on every one of 3,839 markers captured from a real PBX (docs/protocol.md, "Sync markers"), so a
/// stored marker that fails it is corrupt and should not be sent; the PBX would answer <c>DelAll</c>+<c>WrongMarker</c>.
/// </remarks>
public readonly record struct SyncMarker
{
    /// <summary>The length of every marker.</summary>
    public const int Length = 32;

    private SyncMarker(string value) => Value = value;

    /// <summary>The marker text as on the wire.</summary>
    public string Value { get; }

    /// <summary>The two-letter prefix: the sync type (<c>B</c> book, <c>C</c> call history, <c>M</c> message history) and the row kind.</summary>
    public string Prefix => Value[..2];

    /// <summary>The sequence or version counter (inferred).</summary>
    public uint Sequence => ParseHex(2);

    /// <summary>The record id; equals <c>HId</c> for call-history rows.</summary>
    public uint RecordId => ParseHex(10);

    /// <summary>The store epoch: a Unix time that changes when the PBX's store is reset (inferred).</summary>
    public uint Epoch => ParseHex(18);

    /// <summary>The owner's subscriber id.</summary>
    public int SubscriberId => (int)uint.Parse(Value.AsSpan(26, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    /// <summary>Parses and validates a marker.</summary>
    /// <exception cref="FormatException">Not 32 ASCII hex-structured characters, or the checksum does not match.</exception>
    public static SyncMarker Parse(string value) =>
        TryParse(value, out var marker, out string? error) ? marker : throw new FormatException(error);

    /// <summary>Parses and validates a marker.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out SyncMarker marker) => TryParse(value, out marker, out _);

    private static bool TryParse(string? value, out SyncMarker marker, out string? error)
    {
        marker = default;
        if (value is null || value.Length != Length)
        {
            error = $"A sync marker has {Length} characters; got {value?.Length ?? 0}.";
            return false;
        }

        if (!char.IsAsciiLetterUpper(value[0]) || !char.IsAsciiLetterUpper(value[1]))
        {
            error = "A sync marker starts with two upper-case letters.";
            return false;
        }

        foreach (char c in value.AsSpan(2))
        {
            if (!char.IsAsciiHexDigit(c))
            {
                error = "A sync marker continues with 30 hexadecimal digits.";
                return false;
            }
        }

        if (!string.Equals(value[30..], ComputeChecksum(value.AsSpan(0, 30)), StringComparison.Ordinal))
        {
            error = "The sync marker's checksum does not match; the marker is corrupt.";
            return false;
        }

        error = null;
        marker = new SyncMarker(value);
        return true;
    }

    /// <summary>Whether <paramref name="value"/> is a well-formed marker with a valid checksum.</summary>
    public static bool IsValid(string? value) => TryParse(value, out _);

    /// <summary>Mints a marker from its parts, with the checksum.</summary>
    /// <param name="prefix">Two upper-case letters, e.g. <c>BG</c>, <c>CH</c>, <c>MH</c>.</param>
    /// <param name="sequence">The sequence counter.</param>
    /// <param name="recordId">The record id.</param>
    /// <param name="epoch">The store epoch (a Unix time).</param>
    /// <param name="subscriberId">The owner's subscriber id (0 to 0xFFFF).</param>
    public static SyncMarker Create(string prefix, uint sequence, uint recordId, uint epoch, int subscriberId)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length != 2 || !char.IsAsciiLetterUpper(prefix[0]) || !char.IsAsciiLetterUpper(prefix[1]))
        {
            throw new ArgumentException("The prefix is two upper-case letters.", nameof(prefix));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(subscriberId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(subscriberId, 0xFFFF);
        string body = string.Create(CultureInfo.InvariantCulture, $"{prefix}{sequence:X8}{recordId:X8}{epoch:X8}{subscriberId:X4}");
        return new SyncMarker(body + ComputeChecksum(body));
    }

    /// <summary>The checksum of the first 30 characters: (−Σ ASCII codes) mod 256, two upper-case hex digits.</summary>
    public static string ComputeChecksum(ReadOnlySpan<char> first30)
    {
        if (first30.Length != 30)
        {
            throw new ArgumentException("The checksum covers exactly 30 characters.", nameof(first30));
        }

        int sum = 0;
        foreach (char c in first30)
        {
            sum += c;
        }

        return ((byte)(-sum & 0xFF)).ToString("X2", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    private uint ParseHex(int start) => uint.Parse(Value.AsSpan(start, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
