namespace Slican.Cti.Client;

/// <summary>
/// The dialling plan used to compare numbers for screen pop: the phone book keeps numbers as users typed them
/// (<c>+48 61 234 56 78</c>, <c>612345678</c>) while the PBX reports callers with its outside-line prefix
/// (<c>0612345678</c>). Immutable; derive variants with <c>with</c>.
/// </summary>
public sealed record PhoneNumberOptions
{
    /// <summary>Poland: country code 48, outside-line prefix 0, international prefix 00, 9-digit national numbers.</summary>
    public static PhoneNumberOptions Default { get; } = new();

    /// <summary>The PBX's own country calling code, without <c>+</c>. Default <c>48</c>.</summary>
    public string CountryCode { get; init; } = "48";

    /// <summary>The digit(s) dialled to get an outside line, which the PBX puts in front of external numbers. Default <c>0</c>.</summary>
    public string OutsideLinePrefix { get; init; } = "0";

    /// <summary>The international access prefix. Default <c>00</c>.</summary>
    public string InternationalPrefix { get; init; } = "00";

    /// <summary>The shortest national number; anything shorter without a prefix is an internal (extension) number. Default 9.</summary>
    public int MinNationalLength { get; init; } = 9;
}
