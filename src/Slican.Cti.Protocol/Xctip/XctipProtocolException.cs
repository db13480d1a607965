namespace Slican.Cti.Protocol.Xctip;

/// <summary>What kind of XCTIP protocol violation an <see cref="XctipProtocolException"/> reports.</summary>
public enum XctipErrorKind
{
    /// <summary>Bytes that are not well-formed XML.</summary>
    Malformed,

    /// <summary>A frame grew past <see cref="XctipReaderOptions.MaxFrameBytes"/>.</summary>
    FrameTooLarge,

    /// <summary>A DOCTYPE or DTD, which XCTIP never uses and which could be used to expand entities.</summary>
    DoctypeNotAllowed,

    /// <summary>An end tag that does not match the open element.</summary>
    MismatchedTag,

    /// <summary>Elements nested deeper than <see cref="XctipReaderOptions.MaxDepth"/>.</summary>
    TooDeep,

    /// <summary>A document whose root element is not <c>XCTIP</c>.</summary>
    NotXctip,

    /// <summary>An entity reference other than the five predefined ones or a numeric character reference.</summary>
    UndefinedEntity,

    /// <summary>An XML declaration naming an encoding the SDK does not support.</summary>
    UnsupportedEncoding,
}

/// <summary>
/// Raised when bytes on an XCTIP connection break the protocol. The connection's stream offset and a preview
/// say where; <see cref="XctipFrameReader.TrySkipToNextFrame"/> resynchronises at the next <c>&lt;XCTIP</c>.
/// </summary>
public sealed class XctipProtocolException : CtiProtocolException
{
    /// <summary>Creates the exception.</summary>
    public XctipProtocolException(XctipErrorKind kind, string message, long byteOffset, ReadOnlySpan<byte> preview)
        : base(message, byteOffset, MakePreview(preview))
    {
        Kind = kind;
    }

    /// <summary>What kind of violation this is.</summary>
    public XctipErrorKind Kind { get; }
}
