namespace Slican.Cti.Voip.Sip.Messages;

/// <summary>
/// Hard caps applied while parsing, so a hostile or broken peer cannot make the user agent allocate without bound.
/// </summary>
public sealed record SipParserLimits
{
    /// <summary>Default limits: 64 KiB per message, 256 headers, 8 KiB per header line.</summary>
    public static SipParserLimits Default { get; } = new();

    /// <summary>Largest message (start line, headers and body) accepted. Default 65 535 bytes (the UDP maximum).</summary>
    public int MaxMessageSize { get; init; } = 65_535;

    /// <summary>Most header fields accepted in one message. Default 256.</summary>
    public int MaxHeaderCount { get; init; } = 256;

    /// <summary>Longest header line (after unfolding) accepted. Default 8 192 bytes.</summary>
    public int MaxHeaderLength { get; init; } = 8_192;
}
