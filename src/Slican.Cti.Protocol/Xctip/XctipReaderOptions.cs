using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>Limits and defaults for reading XCTIP. Immutable; derive variants with <c>with</c>.</summary>
public sealed record XctipReaderOptions
{
    /// <summary>The defaults: 1 MiB frames, depth 32, code page 852.</summary>
    public static XctipReaderOptions Default { get; } = new();

    /// <summary>
    /// The largest frame accepted, in bytes, counting anything before the root element (declaration, whitespace).
    /// Default 1 MiB: a phone-book batch of a few hundred rows is far below it, a runaway or hostile peer is not.
    /// </summary>
    public int MaxFrameBytes { get; init; } = 1024 * 1024;

    /// <summary>The deepest element nesting accepted (the root is depth 1). XCTIP needs 7; default 32; at most 64.</summary>
    public int MaxDepth
    {
        get => _maxDepth;
        init => _maxDepth = value is >= 1 and <= XctipTokenizer.MaxSupportedDepth
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxDepth must be between 1 and {XctipTokenizer.MaxSupportedDepth}.");
    }

    private readonly int _maxDepth = 32;

    /// <summary>
    /// The encoding of frames that carry no XML declaration (the PBX sends none). Default code page 852, the PBX default;
    /// set it to match the PBX's CTI code-page setting.
    /// </summary>
    public CtiEncoding Encoding { get; init; } = CtiEncoding.Ibm852;
}
