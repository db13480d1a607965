namespace Slican.Cti.Client;

/// <summary>
/// Turns the many ways a number is written into one comparable key: external numbers become international digits
/// without <c>+</c> (<c>48612345678</c>), internal numbers stay as their digits (<c>201</c>). Used by
/// <see cref="PhoneBook.FindByNumber(string)"/> and by call screen pop.
/// </summary>
public sealed class PhoneNumberNormalizer
{
    private readonly PhoneNumberOptions _options;

    /// <summary>Creates a normaliser for a dialling plan.</summary>
    public PhoneNumberNormalizer(PhoneNumberOptions? options = null) => _options = options ?? PhoneNumberOptions.Default;

    /// <summary>
    /// The key of <paramref name="number"/> as written in a phone book (the most likely reading), or
    /// <see langword="null"/> when it holds no digits.
    /// </summary>
    public string? Normalize(string? number)
    {
        string? digits = Clean(number, out bool plus);
        if (digits is null) return null;
        if (plus) return digits;
        if (digits.StartsWith(_options.InternationalPrefix, StringComparison.Ordinal) && digits.Length > _options.InternationalPrefix.Length + 4)
            return digits[_options.InternationalPrefix.Length..];
        if (digits.Length < _options.MinNationalLength) return digits;
        if (digits.Length == _options.CountryCode.Length + _options.MinNationalLength && digits.StartsWith(_options.CountryCode, StringComparison.Ordinal)) return digits;
        if (digits.Length > _options.MinNationalLength && digits.StartsWith(_options.OutsideLinePrefix, StringComparison.Ordinal) && _options.OutsideLinePrefix.Length > 0)
            return _options.CountryCode + digits[_options.OutsideLinePrefix.Length..];
        return _options.CountryCode + digits;
    }

    /// <summary>
    /// Every plausible key of a number as a PBX reports it (with or without the outside-line prefix, national or
    /// international), most likely first. Reverse lookup tries them in order.
    /// </summary>
    public IReadOnlyList<string> Candidates(string? number)
    {
        var result = new List<string>(4);
        string? digits = Clean(number, out bool plus);
        if (digits is null) return result;
        if (plus)
        {
            result.Add(digits);
            return result;
        }

        AddCandidates(digits, result, depth: 0);
        return result;
    }

    private void AddCandidates(string digits, List<string> result, int depth)
    {
        string intl = _options.InternationalPrefix;
        string outside = _options.OutsideLinePrefix;
        if (intl.Length > 0 && digits.StartsWith(intl, StringComparison.Ordinal) && digits.Length > intl.Length + 4)
            Add(result, digits[intl.Length..]);
        if (outside.Length > 0 && depth == 0 && digits.StartsWith(outside, StringComparison.Ordinal) && digits.Length - outside.Length >= _options.MinNationalLength)
        {
            string rest = digits[outside.Length..];
            if (!rest.StartsWith(intl, StringComparison.Ordinal)) Add(result, _options.CountryCode + rest);
            AddCandidates(rest, result, depth + 1);
        }

        if (digits.Length >= _options.MinNationalLength && !digits.StartsWith(intl, StringComparison.Ordinal))
        {
            if (digits.StartsWith(_options.CountryCode, StringComparison.Ordinal) && digits.Length > _options.MinNationalLength) Add(result, digits);
            Add(result, _options.CountryCode + digits);
        }

        if (digits.Length < _options.MinNationalLength) Add(result, digits);
    }

    private static void Add(List<string> list, string value)
    {
        if (!list.Contains(value)) list.Add(value);
    }

    /// <summary>Whether a key is an internal (extension) number rather than an external one.</summary>
    public bool IsInternal(string key) => key.Length < _options.MinNationalLength;

    private static string? Clean(string? number, out bool plus)
    {
        plus = false;
        if (string.IsNullOrWhiteSpace(number)) return null;
        Span<char> buffer = stackalloc char[Math.Min(number.Length, 64)];
        int n = 0;
        foreach (char c in number)
        {
            if (char.IsAsciiDigit(c))
            {
                if (n == buffer.Length) break;
                buffer[n++] = c;
            }
            else if (c == '+' && n == 0)
            {
                plus = true;
            }
            else if (c is ' ' or '-' or '(' or ')' or '.' or '/' or '_')
            {
                continue;
            }
            else if (n > 0)
            {
                break; // "612345678 wew. 12": the number ends at the first word
            }
        }

        return n == 0 ? null : new string(buffer[..n]);
    }
}
