namespace Slican.Cti.Protocol.Ctip;

/// <summary>
/// Extension-number padding used by CTIP: extension fields are four characters, right-padded with <c>_</c>
/// (<c>201_</c>, <c>10__</c>); longer NCP extensions are sent as they are. Models hold the bare number.
/// </summary>
public static class CtipExtension
{
    /// <summary>Width of a padded extension field.</summary>
    public const int FieldWidth = 4;

    /// <summary>Pads a bare extension number to the four-character wire form (<c>201</c> → <c>201_</c>).</summary>
    public static string Pad(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return extension.Length >= FieldWidth ? extension : extension.PadRight(FieldWidth, '_');
    }

    /// <summary>Removes the wire padding (<c>201_</c> → <c>201</c>, <c>10__</c> → <c>10</c>).</summary>
    public static string Unpad(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.TrimEnd('_');
    }

    /// <summary>
    /// Whether a number field denotes an internal party: CTIP writes internal numbers with a leading slash
    /// (<c>/109</c>) in RING, CW, CONN and ECHO, and outside numbers without it.
    /// </summary>
    public static bool IsInternal(string? number) => number is { Length: > 1 } && number[0] == '/';
}
