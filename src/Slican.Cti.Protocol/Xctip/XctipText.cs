using System.Buffers;
using System.Text;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>Decodes XCTIP character data: the frame's encoding plus the five predefined entities and numeric references.</summary>
public static class XctipText
{
    private const int StackLimit = 512;

    /// <summary>Decodes raw character data into a string.</summary>
    /// <param name="raw">The bytes of a text token.</param>
    /// <param name="hasReferences">Whether <paramref name="raw"/> contains references (from the tokenizer); when
    /// <see langword="false"/> they are not looked for.</param>
    /// <param name="encoding">The frame's encoding.</param>
    public static string Decode(ReadOnlySpan<byte> raw, bool hasReferences, CtiEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        if (!hasReferences)
        {
            return encoding.GetString(raw);
        }

        char[]? rented = null;
        Span<char> chars = raw.Length <= StackLimit ? stackalloc char[raw.Length] : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            int count = Decode(raw, hasReferences, encoding, chars);
            return new string(chars[..count]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Decodes raw character data into <paramref name="destination"/>, which must hold <c>raw.Length</c> characters.</summary>
    /// <returns>The number of characters written.</returns>
    public static int Decode(ReadOnlySpan<byte> raw, bool hasReferences, CtiEncoding encoding, Span<char> destination)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        int count = encoding.GetChars(raw, destination);
        if (!hasReferences)
        {
            return count;
        }

        // References are ASCII in every supported encoding and always longer than what they stand for, so they
        // can be expanded in place in the decoded characters.
        var chars = destination[..count];
        int write = 0;
        int read = 0;
        while (read < chars.Length)
        {
            char c = chars[read];
            if (c != '&')
            {
                chars[write++] = c;
                read++;
                continue;
            }

            int length = MatchReference(chars[read..], out int scalar);
            if (length <= 0)
            {
                chars[write++] = c;
                read++;
                continue;
            }

            if (scalar > 0xFFFF)
            {
                var rune = new Rune(scalar);
                write += rune.EncodeToUtf16(chars[write..]);
            }
            else
            {
                chars[write++] = (char)scalar;
            }

            read += length;
        }

        return write;
    }

    /// <summary>
    /// Matches a reference at the start of <paramref name="text"/> (which starts with '&amp;').
    /// Returns its length including ';', or 0 when it is not an allowed reference.
    /// </summary>
    internal static int MatchReference(ReadOnlySpan<byte> text, out int scalar)
    {
        Span<char> chars = stackalloc char[Math.Min(text.Length, 12)];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)text[i];
        }

        return MatchReference(chars, out scalar);
    }

    private static int MatchReference(ReadOnlySpan<char> text, out int scalar)
    {
        scalar = 0;
        int semi = text[..Math.Min(text.Length, 12)].IndexOf(';');
        if (semi < 2)
        {
            return 0;
        }

        var body = text[1..semi];
        switch (body)
        {
            case "amp": scalar = '&'; return semi + 1;
            case "lt": scalar = '<'; return semi + 1;
            case "gt": scalar = '>'; return semi + 1;
            case "quot": scalar = '"'; return semi + 1;
            case "apos": scalar = '\''; return semi + 1;
        }

        if (body[0] != '#' || body.Length < 2)
        {
            return 0;
        }

        bool hex = body[1] is 'x';
        var digits = hex ? body[2..] : body[1..];
        if (digits.IsEmpty)
        {
            return 0;
        }

        int value = 0;
        foreach (char d in digits)
        {
            int v = d switch
            {
                >= '0' and <= '9' => d - '0',
                >= 'a' and <= 'f' when hex => d - 'a' + 10,
                >= 'A' and <= 'F' when hex => d - 'A' + 10,
                _ => -1,
            };
            if (v < 0)
            {
                return 0;
            }

            value = (value * (hex ? 16 : 10)) + v;
            if (value > 0x10FFFF)
            {
                return 0;
            }
        }

        if (value == 0 || value is >= 0xD800 and <= 0xDFFF)
        {
            return 0;
        }

        scalar = value;
        return semi + 1;
    }
}
