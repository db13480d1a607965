using System.Text;

namespace Slican.Cti.Protocol;

/// <summary>
/// Raised when bytes from a CTI connection break the protocol: malformed, oversized or unsupported input.
/// Carries where in the stream it happened and a short, printable preview of the offending bytes.
/// </summary>
/// <remarks>
/// The preview is taken from the stream as received, so it can contain user text such as chat messages;
/// it never contains anything the SDK itself knows to be a secret, because secrets are only ever written,
/// not read.
/// </remarks>
public abstract class CtiProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to check.</param>
    /// <param name="byteOffset">Offset of the offending byte from the start of the stream, or -1 when unknown.</param>
    /// <param name="preview">Up to 64 bytes around the offending byte, rendered printable.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected CtiProtocolException(string message, long byteOffset, string preview, Exception? innerException = null)
        : base(Compose(message, byteOffset, preview), innerException)
    {
        Reason = message;
        ByteOffset = byteOffset;
        Preview = preview;
    }

    /// <summary>What is wrong, without the offset and preview.</summary>
    public string Reason { get; }

    /// <summary>Offset of the offending byte from the start of the stream (or of the decoded buffer), or -1 when unknown.</summary>
    public long ByteOffset { get; }

    /// <summary>A printable rendering of the bytes at <see cref="ByteOffset"/>: ASCII as is, anything else as <c>\xNN</c>.</summary>
    public string Preview { get; }

    private static string Compose(string message, long offset, string preview)
    {
        var sb = new StringBuilder(message);
        if (offset >= 0)
        {
            sb.Append(" (at byte ").Append(offset).Append(')');
        }

        if (preview.Length > 0)
        {
            sb.Append(": ").Append(preview);
        }

        return sb.ToString();
    }

    /// <summary>Renders up to <paramref name="max"/> bytes as printable text for error messages.</summary>
    public static string MakePreview(ReadOnlySpan<byte> bytes, int max = 64)
    {
        var sb = new StringBuilder(Math.Min(bytes.Length, max) + 8);
        foreach (byte b in bytes[..Math.Min(bytes.Length, max)])
        {
            switch (b)
            {
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                case >= 0x20 and < 0x7F: sb.Append((char)b); break;
                default: sb.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }

        if (bytes.Length > max)
        {
            sb.Append('…');
        }

        return sb.ToString();
    }
}
