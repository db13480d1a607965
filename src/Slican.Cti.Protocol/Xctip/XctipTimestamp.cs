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

        int year = (Pair(text[0], text[1]) * 100) + Pair(text[2], text[3]);
        int month = Pair(text[5], text[6]);
        int day = Pair(text[8], text[9]);
        int hour = Pair(text[11], text[12]);
        int minute = Pair(text[14], text[15]);
        int second = Pair(text[17], text[18]);

        // A non-digit makes its pair negative, and so the whole check fails.
        if ((year | month | day | hour | minute | second) < 0 || year < 1 || month is < 1 or > 12 || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        bool leap = (year % 4 == 0) && (year % 100 != 0 || year % 400 == 0);
        var daysToMonth = leap ? DaysToMonth366 : DaysToMonth365;
        if (day < 1 || day > daysToMonth[month] - daysToMonth[month - 1])
        {
            return false;
        }

        // The proleptic Gregorian day number, as DateTime counts it; cheaper than the validating constructor.
        int y = year - 1;
        long days = (y * 365L) + (y / 4) - (y / 100) + (y / 400) + daysToMonth[month - 1] + day - 1;
        long ticks = (days * TimeSpan.TicksPerDay) + (((hour * 3600L) + (minute * 60L) + second) * TimeSpan.TicksPerSecond);
        value = new DateTime(ticks, DateTimeKind.Unspecified);
        return true;
    }

    private static ReadOnlySpan<int> DaysToMonth365 => [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

    private static ReadOnlySpan<int> DaysToMonth366 => [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366];

    /// <summary>Two ASCII digits as a number, or a negative number when either is not a digit.</summary>
    private static int Pair(byte tens, byte ones)
    {
        uint t = (uint)(tens - '0');
        uint o = (uint)(ones - '0');
        return t > 9 || o > 9 ? -1000 : (int)((t * 10) + o);
    }
}
