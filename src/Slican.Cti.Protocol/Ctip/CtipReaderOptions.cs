using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Ctip;

/// <summary>Settings for reading one CTIP connection; immutable so one instance can be shared.</summary>
public sealed record CtipReaderOptions
{
    private readonly int _maxLineBytes = 4096;
    private readonly CtiEncoding _encoding = CtiEncoding.Ibm852;

    /// <summary>The defaults: 4096-byte lines, IBM852, unparseable known commands passed through as unknown.</summary>
    public static CtipReaderOptions Default { get; } = new();

    /// <summary>
    /// Largest line accepted, counting its CR but not its LF. Default 4096, far above any CTIP line (SMS texts
    /// stay under 500 bytes), so a peer that never sends a line end cannot make the reader buffer without bound.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxLineBytes
    {
        get => _maxLineBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxLineBytes = value;
        }
    }

    /// <summary>Text encoding of the connection. Default <see cref="CtiEncoding.Ibm852"/>, the PBX default ("PBX" code page).</summary>
    public CtiEncoding Encoding
    {
        get => _encoding;
        init => _encoding = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// When a known command has missing, extra or malformed fields: <see langword="true"/> (the default) returns it as a
    /// <see cref="CtipUnknownMessage"/> holding every token, so a newer PBX never breaks a client;
    /// <see langword="false"/> raises <see cref="CtipProtocolException"/> with the line's offset instead.
    /// </summary>
    public bool UnparseableAsUnknown { get; init; } = true;
}
