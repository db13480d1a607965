namespace Slican.Cti.Protocol.Xctip;

/// <summary>
/// The XCTIP timestamp, <c>YYYY-MM-DD HH:MM:SS</c> in PBX local time. Parsed by hand: it is in every presence and
/// history row, and <see cref="DateTime.TryParseExact(string, string, IFormatProvider, System.Globalization.DateTimeStyles, out DateTime)"/>
/// cost more than the rest of a presence event's decoding.
/// </summary>
internal static class XctipTimestamp
{
    public const int Length = 19;

    /// <summary>Parses exactly <c>YYYY-MM-DD HH:MM:SS</c> (ASCII) into a <see cref="DateTimeKind.Unspecified"/> time.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTime value)
    {
        value = default;
        if (text.Length != Length || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!TryDigits(text[..4], out int year) || !TryDigits(text.Slice(5, 2), out int month) || !TryDigits(text.Slice(8, 2), out int day)
            || !TryDigits(text.Slice(11, 2), out int hour) || !TryDigits(text.Slice(14, 2), out int minute) || !TryDigits(text.Slice(17, 2), out int second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (byte b in digits)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }
}
