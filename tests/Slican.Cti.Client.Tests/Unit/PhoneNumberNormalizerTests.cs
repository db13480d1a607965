using Slican.Cti.Client;

namespace Slican.Cti.Client.Tests.Unit;

public sealed class PhoneNumberNormalizerTests
{
    private readonly PhoneNumberNormalizer _numbers = new();

    [Theory]
    [InlineData("+48 61 234 56 78", "48612345678")]
    [InlineData("612345678", "48612345678")]
    [InlineData("61-234-56-78", "48612345678")]
    [InlineData("0612345678", "48612345678")]
    [InlineData("0048612345678", "48612345678")]
    [InlineData("48612345678", "48612345678")]
    [InlineData("(061) 234 56 78", "48612345678")]
    [InlineData("201", "201")]
    [InlineData("+44 20 7946 0958", "442079460958")]
    public void Normalize_gives_one_key_for_every_spelling(string input, string expected) =>
        Assert.Equal(expected, _numbers.Normalize(input));

    [Theory]
    [InlineData("0612345678")]   // outside line + national, as the PBX reports
    [InlineData("612345678")]    // national
    [InlineData("0048612345678")] // international
    [InlineData("00048612345678")] // outside line + international
    [InlineData("+48612345678")]
    public void Candidates_of_a_reported_number_contain_the_stored_key(string reported) =>
        Assert.Contains("48612345678", _numbers.Candidates(reported));

    [Fact]
    public void Internal_numbers_stay_internal()
    {
        Assert.Equal(["201"], _numbers.Candidates("201"));
        Assert.True(_numbers.IsInternal("201"));
        Assert.False(_numbers.IsInternal("48612345678"));
    }

    [Fact]
    public void Empty_and_wordy_input()
    {
        Assert.Null(_numbers.Normalize("  "));
        Assert.Null(_numbers.Normalize("brak"));
        Assert.Equal("48612345678", _numbers.Normalize("612345678 wew. 12"));
    }

    [Fact]
    public void Another_dialling_plan()
    {
        var uk = new PhoneNumberNormalizer(new PhoneNumberOptions { CountryCode = "44", OutsideLinePrefix = "9", MinNationalLength = 10 });
        Assert.Contains("442079460958", uk.Candidates("92079460958"));
    }
}
