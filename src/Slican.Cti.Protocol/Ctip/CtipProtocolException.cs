namespace Slican.Cti.Protocol.Ctip;

/// <summary>
/// Raised when a CTIP line stream breaks the protocol: a line that does not start with <c>a</c>, a line longer
/// than <see cref="CtipReaderOptions.MaxLineBytes"/>, or (in strict mode) a known command with malformed fields.
/// </summary>
public sealed class CtipProtocolException : CtiProtocolException
{
    /// <summary>Creates the exception from the offending bytes, rendering them into a printable preview.</summary>
    /// <param name="reason">What is wrong and what to check.</param>
    /// <param name="byteOffset">Absolute stream offset of the offending line, or -1 when unknown.</param>
    /// <param name="preview">The offending bytes (at most 64 are shown).</param>
    public CtipProtocolException(string reason, long byteOffset, ReadOnlySpan<byte> preview)
        : base(reason, byteOffset, MakePreview(preview))
    {
    }

    /// <summary>Creates the exception with an already rendered preview.</summary>
    /// <param name="reason">What is wrong and what to check.</param>
    /// <param name="byteOffset">Absolute stream offset of the offending line, or -1 when unknown.</param>
    /// <param name="preview">A printable preview, see <see cref="CtiProtocolException.MakePreview"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CtipProtocolException(string reason, long byteOffset, string preview, Exception? innerException = null)
        : base(reason, byteOffset, preview, innerException)
    {
    }
}
