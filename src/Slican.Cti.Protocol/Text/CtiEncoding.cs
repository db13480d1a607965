using System.Buffers;
using System.Text;

namespace Slican.Cti.Protocol.Text;

/// <summary>
/// A character encoding the PBX can use on a CTI connection: code page 852 (the PBX default for Polish
/// letters), UTF-8, or Windows-1250/1251/1252/1253/1254/1257.
/// </summary>
/// <remarks>
/// Single-byte code pages decode and encode through fixed tables, so no <see cref="Encoding"/> provider
/// has to be registered and no lookup happens per call. Both protocols share these encodings.
/// </remarks>
public abstract class CtiEncoding
{
    /// <summary>Code page 852 (IBM852, "PBX" in CTIP), the PBX default.</summary>
    public static CtiEncoding Ibm852 { get; } = new SingleByteCtiEncoding("IBM852", 852, CodePageTables.Cp852);

    /// <summary>UTF-8 without a byte order mark.</summary>
    public static CtiEncoding Utf8 { get; } = new Utf8CtiEncoding();

    /// <summary>Windows-1250 (Central European).</summary>
    public static CtiEncoding Windows1250 { get; } = new SingleByteCtiEncoding("windows-1250", 1250, CodePageTables.Cp1250);

    /// <summary>Windows-1251 (Cyrillic).</summary>
    public static CtiEncoding Windows1251 { get; } = new SingleByteCtiEncoding("windows-1251", 1251, CodePageTables.Cp1251);

    /// <summary>Windows-1252 (Western European).</summary>
    public static CtiEncoding Windows1252 { get; } = new SingleByteCtiEncoding("windows-1252", 1252, CodePageTables.Cp1252);

    /// <summary>Windows-1253 (Greek); CTIP <c>WIN1253</c>.</summary>
    public static CtiEncoding Windows1253 { get; } = new SingleByteCtiEncoding("windows-1253", 1253, CodePageTables.Cp1253);

    /// <summary>Windows-1254 (Turkish); CTIP <c>WIN1254</c>.</summary>
    public static CtiEncoding Windows1254 { get; } = new SingleByteCtiEncoding("windows-1254", 1254, CodePageTables.Cp1254);

    /// <summary>Windows-1257 (Baltic); CTIP <c>WIN1257</c>.</summary>
    public static CtiEncoding Windows1257 { get; } = new SingleByteCtiEncoding("windows-1257", 1257, CodePageTables.Cp1257);

    /// <summary>The canonical name, as written into an XML declaration.</summary>
    public abstract string Name { get; }

    /// <summary>The Windows code page number (65001 for UTF-8).</summary>
    public abstract int CodePage { get; }

    /// <summary>Whether every character takes exactly one byte.</summary>
    public abstract bool IsSingleByte { get; }

    /// <summary>Decodes <paramref name="bytes"/> into <paramref name="chars"/>, which must hold at least <c>bytes.Length</c> characters (no supported encoding decodes to more).</summary>
    /// <returns>The number of characters written.</returns>
    public abstract int GetChars(ReadOnlySpan<byte> bytes, Span<char> chars);

    /// <summary>Decodes <paramref name="bytes"/> into a new string.</summary>
    public abstract string GetString(ReadOnlySpan<byte> bytes);

    /// <summary>
    /// Encodes as much of <paramref name="text"/> as this encoding can represent into <paramref name="output"/>,
    /// stopping before the first character it cannot.
    /// </summary>
    /// <returns>The number of characters consumed; less than the length when an unrepresentable character follows.</returns>
    public abstract int EncodeUntilUnmappable(ReadOnlySpan<char> text, IBufferWriter<byte> output);

    /// <summary>Encodes <paramref name="text"/>, writing <c>?</c> for characters this encoding cannot represent.</summary>
    public void Encode(ReadOnlySpan<char> text, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        while (!text.IsEmpty)
        {
            int done = EncodeUntilUnmappable(text, output);
            text = text[done..];
            if (text.IsEmpty)
            {
                break;
            }

            // One unrepresentable scalar (a surrogate pair counts once) becomes one question mark.
            int skip = char.IsHighSurrogate(text[0]) && text.Length > 1 && char.IsLowSurrogate(text[1]) ? 2 : 1;
            output.GetSpan(1)[0] = (byte)'?';
            output.Advance(1);
            text = text[skip..];
        }
    }

    /// <summary>Encodes <paramref name="text"/> into a new array, writing <c>?</c> for unrepresentable characters.</summary>
    public byte[] GetBytes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new ArrayBufferWriter<byte>(Math.Max(16, text.Length));
        Encode(text, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Finds an encoding by the names the PBX and XML declarations use: <c>IBM852</c>, <c>CP852</c>, <c>852</c>,
    /// <c>PBX</c>, <c>UTF-8</c>, <c>UTF8</c>, <c>windows-1250</c>, <c>WIN1250</c>, <c>CP1250</c> and so on (case-insensitive).
    /// </summary>
    public static bool TryGetByName(ReadOnlySpan<char> name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CtiEncoding? encoding)
    {
        name = name.Trim();
        Span<char> upper = stackalloc char[32];
        encoding = null;
        if (name.Length > upper.Length)
        {
            return false;
        }

        int n = 0;
        foreach (char c in name)
        {
            if (c is '-' or '_' or ' ')
            {
                continue;
            }

            upper[n++] = char.ToUpperInvariant(c);
        }

        encoding = upper[..n] switch
        {
            "IBM852" or "CP852" or "852" or "PBX" or "IBM00852" or "DOS852" or "CSPCP852" => Ibm852,
            "UTF8" => Utf8,
            "WINDOWS1250" or "WIN1250" or "CP1250" or "1250" => Windows1250,
            "WINDOWS1251" or "WIN1251" or "CP1251" or "1251" => Windows1251,
            "WINDOWS1252" or "WIN1252" or "CP1252" or "1252" => Windows1252,
            "WINDOWS1253" or "WIN1253" or "CP1253" or "1253" => Windows1253,
            "WINDOWS1254" or "WIN1254" or "CP1254" or "1254" => Windows1254,
            "WINDOWS1257" or "WIN1257" or "CP1257" or "1257" => Windows1257,
            _ => null,
        };
        return encoding is not null;
    }

    /// <summary>Finds an encoding by name, see <see cref="TryGetByName"/>.</summary>
    /// <exception cref="ArgumentException">The name is not one of the supported encodings.</exception>
    public static CtiEncoding GetByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGetByName(name, out var encoding)
            ? encoding
            : throw new ArgumentException($"Unsupported encoding '{name}'. Use IBM852, UTF-8 or windows-1250, -1251, -1252, -1253, -1254, -1257.", nameof(name));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
