using System.Buffers;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Ctip;

/// <summary>
/// Walks the space-separated fields of one CTIP line without splitting into strings; only the values a model
/// keeps are decoded. Every reader returns <see langword="false"/> on malformed input instead of throwing, so
/// the caller can fall back to <see cref="CtipUnknownMessage"/>. Readers accept only the canonical spelling,
/// so a typed message always writes back to the same bytes.
/// </summary>
internal ref struct CtipFields
{
    private readonly CtiEncoding _encoding;
    private ReadOnlySpan<byte> _rest;
    private bool _hasMore;

    public CtipFields(ReadOnlySpan<byte> arguments, bool hasArguments, CtiEncoding encoding)
    {
        _rest = arguments;
        _hasMore = hasArguments;
        _encoding = encoding;
    }

    /// <summary>Whether every field has been consumed.</summary>
    public readonly bool End => !_hasMore;

    /// <summary>Takes the next field, which may be empty (two spaces in a row).</summary>
    public bool TryRaw(out ReadOnlySpan<byte> token)
    {
        if (!_hasMore)
        {
            token = default;
            return false;
        }

        int space = _rest.IndexOf((byte)' ');
        if (space < 0)
        {
            token = _rest;
            _rest = default;
            _hasMore = false;
        }
        else
        {
            token = _rest[..space];
            _rest = _rest[(space + 1)..];
        }

        return true;
    }

    /// <summary>Takes the next field, which must not be empty.</summary>
    public bool Token(out ReadOnlySpan<byte> token) => TryRaw(out token) && !token.IsEmpty;

    /// <summary>Decodes a token taken with <see cref="TryRaw"/>.</summary>
    public readonly string Decode(ReadOnlySpan<byte> token) => _encoding.GetString(token);

    /// <summary>Takes a single-character field.</summary>
    public bool Char(out byte value)
    {
        if (Token(out var token) && token.Length == 1)
        {
            value = token[0];
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Takes a field as text.</summary>
    public bool String(out string value)
    {
        if (Token(out var token))
        {
            value = _encoding.GetString(token);
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary>Takes a field where a lone <c>_</c> means none.</summary>
    public bool OptionalString(out string? value)
    {
        if (Token(out var token))
        {
            value = IsNone(token) ? null : _encoding.GetString(token);
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Takes a comment field: <c>_</c> is none, other underscores are spaces.</summary>
    public bool Comment(out string? value)
    {
        value = null;
        if (!Token(out var token))
        {
            return false;
        }

        if (!IsNone(token))
        {
            value = _encoding.GetString(token).Replace('_', ' ');
        }

        return true;
    }

    /// <summary>Takes a padded extension field and returns it unpadded; rejects fields that would not pad back identically.</summary>
    public bool Extension(out string value)
    {
        value = string.Empty;
        if (!Token(out var token) || !IsCanonicalExtension(token))
        {
            return false;
        }

        value = _encoding.GetString(token.TrimEnd((byte)'_'));
        return true;
    }

    /// <summary>Takes a non-negative decimal integer without sign or leading zeros.</summary>
    public bool Int(out int value)
    {
        value = 0;
        return Token(out var token) && TryParseInt(token, out value);
    }

    /// <summary>Takes a decimal amount whose invariant formatting reproduces the field.</summary>
    public bool Decimal(out decimal value)
    {
        value = 0;
        if (!Token(out var token) || token.Length > 40
            || !System.Buffers.Text.Utf8Parser.TryParse(token, out value, out int consumed) || consumed != token.Length)
        {
            return false;
        }

        Span<byte> check = stackalloc byte[48];
        return System.Buffers.Text.Utf8Formatter.TryFormat(value, check, out int written) && check[..written].SequenceEqual(token);
    }

    /// <summary>Takes the rest of the line, spaces included; it must be present (possibly empty).</summary>
    public bool Rest(out string value)
    {
        if (!_hasMore)
        {
            value = string.Empty;
            return false;
        }

        value = _encoding.GetString(_rest);
        _rest = default;
        _hasMore = false;
        return true;
    }

    /// <summary>Takes the rest of the line as SMS text, turning <c>\n</c> into a line break and <c>\\</c> into a backslash.</summary>
    public bool SmsText(out string value)
    {
        value = string.Empty;
        if (!_hasMore)
        {
            return false;
        }

        var bytes = _rest;
        _rest = default;
        _hasMore = false;
        if (bytes.IsEmpty)
        {
            return true;
        }

        char[]? rented = null;
        Span<char> chars = bytes.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(bytes.Length));
        try
        {
            int n = _encoding.GetChars(bytes, chars);
            int w = 0;
            for (int i = 0; i < n; i++)
            {
                char c = chars[i];
                if (c == '\\')
                {
                    if (++i >= n)
                    {
                        return false;
                    }

                    c = chars[i] switch
                    {
                        'n' => '\n',
                        '\\' => '\\',
                        _ => '\0',
                    };
                    if (c == '\0')
                    {
                        return false;
                    }
                }

                chars[w++] = c;
            }

            value = new string(chars[..w]);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Takes <c>ref,part,total</c>.</summary>
    public bool SmsPart(out CtipSmsPart part)
    {
        part = default;
        return Token(out var token) && TryParsePart(token, out part);
    }

    /// <summary>Parses <c>ref,part,total</c> from a span.</summary>
    public static bool TryParsePart(ReadOnlySpan<byte> token, out CtipSmsPart part)
    {
        part = default;
        int c1 = token.IndexOf((byte)',');
        if (c1 < 0)
        {
            return false;
        }

        var tail = token[(c1 + 1)..];
        int c2 = tail.IndexOf((byte)',');
        if (c2 < 0
            || !TryParseInt(token[..c1], out int reference)
            || !TryParseInt(tail[..c2], out int index)
            || !TryParseInt(tail[(c2 + 1)..], out int total))
        {
            return false;
        }

        part = new CtipSmsPart(reference, index, total);
        return true;
    }

    /// <summary>Takes a <c>YYYY-MM-DD_HH:MM:SS</c> timestamp.</summary>
    public bool Timestamp(out DateTime value)
    {
        value = default;
        if (!Token(out var t) || t.Length != 19 || t[4] != '-' || t[7] != '-' || t[10] != '_' || t[13] != ':' || t[16] != ':')
        {
            return false;
        }

        if (!Digits(t[..4], out int year) || !Digits(t.Slice(5, 2), out int month) || !Digits(t.Slice(8, 2), out int day)
            || !Digits(t.Slice(11, 2), out int hour) || !Digits(t.Slice(14, 2), out int minute) || !Digits(t.Slice(17, 2), out int second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>Parses a canonical non-negative int: digits only, no leading zero, no overflow.</summary>
    public static bool TryParseInt(ReadOnlySpan<byte> token, out int value)
    {
        value = 0;
        if (token.IsEmpty || token.Length > 10 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        long v = 0;
        foreach (byte b in token)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            v = (v * 10) + (b - '0');
        }

        if (v > int.MaxValue)
        {
            return false;
        }

        value = (int)v;
        return true;
    }

    /// <summary>Whether a field is the lone <c>_</c> that means "none".</summary>
    public static bool IsNone(ReadOnlySpan<byte> token) => token.Length == 1 && token[0] == '_';

    /// <summary>
    /// Whether the field is a padded extension that unpads and pads back to itself: at least four characters,
    /// not all padding, and no trailing padding beyond the fourth character.
    /// </summary>
    public static bool IsCanonicalExtension(ReadOnlySpan<byte> token) =>
        token.Length >= CtipExtension.FieldWidth
        && token.IndexOfAnyExcept((byte)'_') >= 0
        && (token.Length == CtipExtension.FieldWidth || token[^1] != '_');

    private static bool Digits(ReadOnlySpan<byte> span, out int value)
    {
        value = 0;
        foreach (byte b in span)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
