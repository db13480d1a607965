using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>How XCTIP frames are written. Immutable; derive variants with <c>with</c>.</summary>
public sealed record XctipWriterOptions
{
    /// <summary>The defaults: code page 852, no declaration.</summary>
    public static XctipWriterOptions Default { get; } = new();

    /// <summary>The connection's encoding. Default code page 852, the PBX default.</summary>
    public CtiEncoding Encoding { get; init; } = CtiEncoding.Ibm852;

    /// <summary>
    /// Whether each frame starts with <c>&lt;?xml version="1.0" encoding="…"?&gt;</c>. Default <see langword="false"/>:
    /// the PBX sends none and accepts frames without; turn it on to make the encoding explicit.
    /// </summary>
    public bool WriteDeclaration { get; init; }
}
