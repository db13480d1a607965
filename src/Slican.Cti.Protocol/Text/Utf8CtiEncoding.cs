using System.Buffers;
using System.Text;

namespace Slican.Cti.Protocol.Text;

/// <summary>UTF-8; invalid byte sequences decode to U+FFFD and lone surrogates are unrepresentable.</summary>
internal sealed class Utf8CtiEncoding : CtiEncoding
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public override string Name => "utf-8";

    public override int CodePage => 65001;

    public override bool IsSingleByte => false;

    public override int GetChars(ReadOnlySpan<byte> bytes, Span<char> chars) => s_utf8.GetChars(bytes, chars);

    public override string GetString(ReadOnlySpan<byte> bytes) => s_utf8.GetString(bytes);

    public override int EncodeUntilUnmappable(ReadOnlySpan<char> text, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int done = 0;
        while (done < text.Length)
        {
            var chunk = text.Slice(done, Math.Min(text.Length - done, 2048));
            var status = System.Text.Unicode.Utf8.FromUtf16(chunk, output.GetSpan(chunk.Length * 3), out int read, out int written, replaceInvalidSequences: false, isFinalBlock: done + chunk.Length == text.Length);
            output.Advance(written);
            done += read;
            if (status == OperationStatus.InvalidData)
            {
                break;
            }

            if (status == OperationStatus.NeedMoreData)
            {
                // A high surrogate split at the chunk edge: move the edge back by one and go on.
                if (read == 0)
                {
                    break;
                }
            }
        }

        return done;
    }
}
