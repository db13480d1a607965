using System.Runtime.Intrinsics;
using System.Text;
using Slican.Cti.Protocol.Xctip;

namespace Slican.Cti.Protocol.Tests.Xctip;

/// <summary>The whole-tag matching the flat-frame scan relies on (<see cref="XctipFieldTable"/>).</summary>
public class XctipFieldTableTests
{
    private static readonly XctipFieldTable s_table = new("Id", "State", "AppInfo", "AppInfoTime", "ThirteenChars", "FourteenChars!");

    [Theory]
    [InlineData("<Id>1002</Id><St", 1, 0)]
    [InlineData("<Id>1002</Id><St", 0, 0)]
    [InlineData("<State>FREE</Sta", 0, 1)]
    [InlineData("<AppInfoTime>202", 2, 3)]
    [InlineData("<AppInfo>Back at", 3, 2)]
    [InlineData("<ThirteenChars>x", 0, 4)]
    public void Matches_a_whole_start_tag_whatever_the_hint(string window, int hint, int field)
    {
        Assert.True(s_table.TryMatchStartTag(Window(window), hint, out int matched));
        Assert.Equal(field, matched);
    }

    [Theory]
    [InlineData("<Ids>1</Ids><Sta")]
    [InlineData("<I>1</I><State>F")]
    [InlineData("<Id/><State>FREE")]
    [InlineData("<Id a='1'>2</Id>")]
    [InlineData("<AppInfoTim>x</A")]
    [InlineData("<FourteenChars!>")]
    [InlineData("</Id><State>FREE")]
    public void Declines_anything_but_an_exact_known_start_tag(string window)
    {
        Assert.False(s_table.TryMatchStartTag(Window(window), 0, out int field));
        Assert.Equal(-1, field);
    }

    [Fact]
    public void Matches_end_tags_exactly()
    {
        Assert.True(s_table.MatchesEndTag(Window("</Id><State>FREE"), 0));
        Assert.True(s_table.MatchesEndTag(Window("</ThirteenChars>"), 4));
        Assert.False(s_table.MatchesEndTag(Window("</Idx><State>FRE"), 0));
        Assert.False(s_table.MatchesEndTag(Window("</State><Id>1</I"), 0));
        Assert.False(s_table.MatchesEndTag(Window("<Id><State>FREE<"), 0));
        Assert.False(s_table.MatchesEndTag(Window("</FourteenChars!"), 5));
    }

    [Fact]
    public void Finds_names_the_tokenizer_path_reads()
    {
        Assert.Equal(3, s_table.IndexOf("AppInfoTime"u8));
        Assert.Equal(5, s_table.IndexOf("FourteenChars!"u8));
        Assert.Equal(-1, s_table.IndexOf("AppInfoTim"u8));
        Assert.Equal(-1, s_table.IndexOf(""u8));
        Assert.Equal(6, s_table.Count);
    }

    private static Vector128<byte> Window(string text) => Vector128.Create(Encoding.ASCII.GetBytes(text.PadRight(16, 'x'))[..16]);
}
