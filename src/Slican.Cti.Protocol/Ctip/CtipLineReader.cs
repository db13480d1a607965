using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Slican.Cti.Protocol.Ctip;

/// <summary>
/// Splits a CTIP byte stream into lines, for use in a <c>PipeReader</c> loop; one instance per connection, since it
/// counts the stream offset for error reports.
/// </summary>
/// <remarks>
/// Lines end in CR LF; a bare LF is accepted and the CR is stripped. Empty lines are skipped. Incomplete lines are left
/// in the buffer, so pass <c>buffer.Start</c> as consumed and <c>buffer.End</c> as examined to <c>AdvanceTo</c>. A line that
/// exceeds <see cref="CtipReaderOptions.MaxLineBytes"/> is never buffered further: the reader raises
/// <see cref="CtipProtocolException"/>, and the next read discards the rest of that line (up to its LF) before reading on,
/// so a caller may log the error and continue, or close the connection.
/// </remarks>
public sealed class CtipLineReader
{
    private bool _skipping;

    /// <summary>Creates a reader for one connection.</summary>
    /// <param name="options">Line limit, encoding and leniency; <see cref="CtipReaderOptions.Default"/> when null.</param>
    public CtipLineReader(CtipReaderOptions? options = null) => Options = options ?? CtipReaderOptions.Default;

    /// <summary>The settings this reader uses.</summary>
    public CtipReaderOptions Options { get; }

    /// <summary>Bytes consumed from the stream so far (lines, terminators and skipped bytes); error offsets are relative to the stream start.</summary>
    public long BytesConsumed { get; private set; }

    /// <summary>Stream offset of the first byte of the line most recently returned, or -1 before the first line.</summary>
    public long LastLineOffset { get; private set; } = -1;

    /// <summary>Whether the reader is discarding the rest of a line (after an over-long line or <see cref="Resynchronise"/>) until its LF arrives.</summary>
    public bool IsResynchronising => _skipping;

    /// <summary>Takes the next complete, non-empty line from <paramref name="buffer"/> and advances the buffer past its line end.</summary>
    /// <param name="buffer">The unconsumed input; advanced past every consumed byte.</param>
    /// <param name="line">The line without CR LF; valid until the caller advances the pipe.</param>
    /// <returns><see langword="false"/> when more input is needed; the partial line stays in <paramref name="buffer"/>.</returns>
    /// <exception cref="CtipProtocolException">No line end within <see cref="CtipReaderOptions.MaxLineBytes"/>; the offset is the line's start. The next call discards the line.</exception>
    public bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        line = default;
        if (_skipping && !Resynchronise(ref buffer))
        {
            return false;
        }

        int max = Options.MaxLineBytes;
        while (true)
        {
            // A line may hold at most max bytes (its CR included), so its LF is within the first max + 1 bytes.
            var window = buffer.Length > max ? buffer.Slice(0, max + 1L) : buffer;
            SequencePosition? lf = window.PositionOf((byte)'\n');
            if (lf is null)
            {
                if (buffer.Length > max)
                {
                    // The next call discards the rest of this line instead of failing again.
                    _skipping = true;
                    throw new CtipProtocolException(
                        $"CTIP line longer than {max} bytes without a line end; the rest of the line will be skipped.",
                        BytesConsumed,
                        CtipProtocolException.MakePreview(buffer.Slice(0, Math.Min(buffer.Length, 64)).ToArray()));
                }

                return false;
            }

            var content = buffer.Slice(0, lf.Value);
            long start = BytesConsumed;
            buffer = buffer.Slice(buffer.GetPosition(1, lf.Value));
            BytesConsumed += content.Length + 1;
            if (!content.IsEmpty && LastByte(content) == '\r')
            {
                content = content.Slice(0, content.Length - 1);
            }

            if (content.IsEmpty)
            {
                continue;
            }

            LastLineOffset = start;
            line = content;
            return true;
        }
    }

    /// <summary>Reads and parses the next line; the test frame comes back as <see cref="CtipTestFrame"/>.</summary>
    /// <param name="buffer">The unconsumed input; advanced past every consumed byte.</param>
    /// <param name="message">The parsed message.</param>
    /// <returns><see langword="false"/> when more input is needed.</returns>
    /// <exception cref="CtipProtocolException">
    /// The line is over-long (see <see cref="TryReadLine"/>) or cannot be parsed. A line that cannot be parsed has already been
    /// consumed, so the caller may log the error and simply read on.
    /// </exception>
    public bool TryReadMessage(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out CtipMessage? message)
    {
        message = null;
        if (!TryReadLine(ref buffer, out var line))
        {
            return false;
        }

        if (line.IsSingleSegment)
        {
            message = CtipCodec.Parse(line.FirstSpan, Options.Encoding, Options, LastLineOffset);
            return true;
        }

        int length = (int)line.Length;
        byte[]? rented = null;
        Span<byte> copy = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            line.CopyTo(copy);
            message = CtipCodec.Parse(copy[..length], Options.Encoding, Options, LastLineOffset);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Skips to the start of the next line: discards input up to and including the next LF. If no LF has arrived yet,
    /// discards everything and keeps discarding on later calls to <see cref="TryReadLine"/>, so nothing is buffered meanwhile.
    /// The reader does this by itself after an over-long line; call it to drop a partial line, e.g. after a framing doubt.
    /// </summary>
    /// <param name="buffer">The unconsumed input; advanced past the discarded bytes.</param>
    /// <returns>Whether a line end was found, i.e. the next byte starts a fresh line.</returns>
    public bool Resynchronise(ref ReadOnlySequence<byte> buffer)
    {
        SequencePosition? lf = buffer.PositionOf((byte)'\n');
        if (lf is null)
        {
            BytesConsumed += buffer.Length;
            buffer = buffer.Slice(buffer.End);
            _skipping = true;
            return false;
        }

        var next = buffer.GetPosition(1, lf.Value);
        BytesConsumed += buffer.Slice(0, next).Length;
        buffer = buffer.Slice(next);
        _skipping = false;
        return true;
    }

    private static byte LastByte(in ReadOnlySequence<byte> sequence)
    {
        if (sequence.IsSingleSegment)
        {
            return sequence.FirstSpan[^1];
        }

        return sequence.Slice(sequence.Length - 1).FirstSpan[0];
    }
}
