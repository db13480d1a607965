namespace Slican.Cti.Testing.Calls;

/// <summary>Compares phone numbers the way a PBX matches a caller against its phone book.</summary>
internal static class NumberMatcher
{
    private static readonly string[] s_mobilePrefixes = ["45", "50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"];

    /// <summary>The significant national digits: no spaces, no <c>+48</c>/<c>0048</c>, no outside-line <c>0</c>.</summary>
    public static string Normalise(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return "";
        }

        Span<char> digits = stackalloc char[number.Length];
        int n = 0;
        foreach (char c in number)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[n++] = c;
            }
        }

        var d = digits[..n];
        if (number.TrimStart().StartsWith('+') && d.StartsWith("48"))
        {
            d = d[2..];
        }
        else if (d.StartsWith("0048"))
        {
            d = d[4..];
        }

        while (d.Length > 9 && d[0] == '0')
        {
            d = d[1..];
        }

        if (d.Length == 10 && d[0] == '0')
        {
            d = d[1..];
        }

        return d.ToString();
    }

    /// <summary>Whether a number (as the PBX shows it) is a Polish mobile (<c>AreaCode</c> <c>GSM</c>).</summary>
    public static bool IsMobile(string number)
    {
        string n = Normalise(number);
        return n.Length == 9 && s_mobilePrefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>Whether the text looks like an outside number (outside-line prefix <c>0</c> or <c>+</c>).</summary>
    public static bool IsOutside(string number) => number.Length >= 3 && (number[0] == '0' || number[0] == '+');
}
