using System.Text;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Protocol.Tests.Xctip;

public class XctipTimestampTests
{
    [Theory]
    [InlineData("2026-11-20 08:15:00", 2026, 11, 20, 8, 15, 0)]
    [InlineData("2024-02-29 23:59:59", 2024, 2, 29, 23, 59, 59)]
    [InlineData("0001-01-01 00:00:00", 1, 1, 1, 0, 0, 0)]
    public void Parses_the_pbx_format(string text, int y, int mo, int d, int h, int mi, int s)
    {
        Assert.True(XctipTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(new DateTime(y, mo, d, h, mi, s), value);
        Assert.Equal(DateTimeKind.Unspecified, value.Kind);
    }

    [Theory]
    [InlineData("2025-02-29 10:00:00")] // not a leap year
    [InlineData("2026-13-01 10:00:00")]
    [InlineData("2026-11-20 24:00:00")]
    [InlineData("2026-11-20T08:15:00")]
    [InlineData("2026-11-20 8:15:00")]
    [InlineData("2026-11-20 08:15:0x")]
    [InlineData("")]
    public void Rejects_anything_else(string text) =>
        Assert.False(XctipTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void An_impossible_date_is_kept_as_an_unknown_element()
    {
        var change = Assert.IsType<StatusChangeEvent>(Assert.Single(XctipCodec.Decode(
            "<XCTIP><Status><Change_EV><Id>1</Id><AppInfoTime>2026-02-30 10:00:00</AppInfoTime></Change_EV></Status></XCTIP>"u8)));
        Assert.Null(change.AppInfoTime);
        Assert.Equal(new XctipElement("AppInfoTime", "2026-02-30 10:00:00"), Assert.Single(change.Unknown));
    }
}

public class XctipTimestampPropertyTests
{
    /// <summary>The hand-made day arithmetic agrees with <see cref="DateTime"/> on every valid and invalid date.</summary>
    [FsCheck.Xunit.Property(MaxTest = 2000)]
    public void Agrees_with_DateTime_for_any_digits(ushort year, byte month, byte day, byte hour, byte minute, byte second)
    {
        int y = year % 10000, mo = month % 14, d = day % 33, h = hour % 26, mi = minute % 62, s = second % 62;
        string text = $"{y:D4}-{mo:D2}-{d:D2} {h:D2}:{mi:D2}:{s:D2}";
        bool valid = y >= 1 && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo) && h < 24 && mi < 60 && s < 60;
        Assert.Equal(valid, XctipTimestamp.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out var value));
        if (valid)
        {
            Assert.Equal(new DateTime(y, mo, d, h, mi, s, DateTimeKind.Unspecified), value);
        }
    }
}
