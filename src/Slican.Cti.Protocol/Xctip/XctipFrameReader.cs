using System.Buffers;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>
/// Splits a byte stream into XCTIP frames: whole <c>&lt;XCTIP&gt;…&lt;/XCTIP&gt;</c> documents written back to back
/// with no length prefix. One instance per connection; not thread-safe.
/// </summary>
/// <remarks>
/// <para>Designed for <c>PipeReader</c>: pass the whole buffer, and on <see langword="false"/> call
/// <c>AdvanceTo(buffer.Start, buffer.End)</c>. The reader remembers how far it has scanned, so a frame that arrives
/// in many pieces is scanned once, and it never asks for more than <see cref="XctipReaderOptions.MaxFrameBytes"/>.</para>
/// <para>A frame includes whatever precedes its root element (an XML declaration, whitespace, comments), so that
/// a declaration can set the frame's encoding. Only markup structure is checked here; the
/// <see cref="XctipTokenizer"/> validates the rest when the frame is decoded. Splitting allocates nothing.</para>
/// </remarks>
public sealed class XctipFrameReader
{
    private static ReadOnlySpan<byte> RootName => "XCTIP"u8;
    private static ReadOnlySpan<byte> CdataOpen => "[CDATA["u8;
    private static readonly SearchValues<byte> s_tagStops = SearchValues.Create(">\"'<"u8);

    private readonly XctipReaderOptions _options;
    private State _state;
    private long _scanned;      // bytes of the pending frame already examined
    private int _depth;
    private int _matched;       // bytes matched of a multi-byte delimiter or keyword
    private byte _quote;        // open attribute quote inside a start tag, or 0
    private byte _previous;     // previous byte inside a tag (to spot "/>")
    private int _bang;          // length of the keyword expected after "<!": 2 for "--", 7 for "[CDATA["
    private bool _rootChecked;

    /// <summary>Creates a frame reader with the given limits (defaults when <see langword="null"/>).</summary>
    public XctipFrameReader(XctipReaderOptions? options = null)
    {
        _options = options ?? XctipReaderOptions.Default;
    }

    private enum State : byte
    {
        Content,
        TagOpen,
        StartTagName,
        StartTag,
        EndTag,
        Bang,
        Comment,
        CData,
        ProcessingInstruction,
    }

    /// <summary>The options this reader enforces.</summary>
    public XctipReaderOptions Options => _options;

    /// <summary>Offset in the stream of the first byte not yet returned as part of a frame.</summary>
    public long BytesConsumed { get; private set; }

    /// <summary>
    /// Takes the next complete frame from the front of <paramref name="buffer"/>. On success <paramref name="buffer"/>
    /// is advanced past the frame; otherwise it is left as is and more data is needed.
    /// </summary>
    /// <exception cref="XctipProtocolException">
    /// The bytes are not XCTIP, contain a DOCTYPE, or the frame exceeds the size cap. The stream offset is in the
    /// exception; call <see cref="TrySkipToNextFrame"/> to resynchronise.
    /// </exception>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        long max = _options.MaxFrameBytes;
        long position = _scanned;
        if (position > buffer.Length)
        {
            throw new InvalidOperationException("The buffer is shorter than what was already scanned: pass the same buffer start until a frame is returned.");
        }

        var remaining = buffer.Slice(position);
        foreach (var memory in remaining)
        {
            var span = memory.Span;
            int i = 0;
            while (i < span.Length)
            {
                if (position + i >= max)
                {
                    Fail(XctipErrorKind.FrameTooLarge, $"XCTIP frame exceeds the {max}-byte limit (XctipReaderOptions.MaxFrameBytes)", buffer, position + i);
                }

                int limit = (int)Math.Min(span.Length, max - position);
                int end = Scan(span[..limit], ref i, buffer, position);
                if (end >= 0)
                {
                    long frameLength = position + end + 1;
                    frame = buffer.Slice(0, frameLength);
                    buffer = buffer.Slice(frameLength);
                    BytesConsumed += frameLength;
                    ResetState();
                    return true;
                }
            }

            position += span.Length;
        }

        _scanned = position;
        return false;
    }

    /// <summary>
    /// After an <see cref="XctipProtocolException"/>, drops bytes up to the next <c>&lt;XCTIP</c> so reading can go on.
    /// </summary>
    /// <returns><see langword="true"/> when a frame start was found; otherwise all but a possible partial
    /// <c>&lt;XCTIP</c> at the end was dropped and the caller should read more.</returns>
    public bool TrySkipToNextFrame(ref ReadOnlySequence<byte> buffer)
    {
        ResetState();
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.End)
        {
            reader.Advance(1); // always make progress past the byte that failed
        }

        while (reader.TryAdvanceTo((byte)'<', advancePastDelimiter: false))
        {
            if (reader.IsNext("<XCTIP"u8))
            {
                Skip(ref buffer, reader.Consumed);
                return true;
            }

            if (reader.Remaining < 6)
            {
                // Could be the start of "<XCTIP" cut off by the end of the buffer: keep it.
                Skip(ref buffer, reader.Consumed);
                return false;
            }

            reader.Advance(1);
        }

        Skip(ref buffer, buffer.Length);
        return false;
    }

    /// <summary>Forgets any partly scanned frame, for a new connection or after the caller discarded its buffer.</summary>
    public void Reset()
    {
        ResetState();
        BytesConsumed = 0;
    }

    private void Skip(ref ReadOnlySequence<byte> buffer, long count)
    {
        buffer = buffer.Slice(count);
        BytesConsumed += count;
    }

    private void ResetState()
    {
        _state = State.Content;
        _scanned = 0;
        _depth = 0;
        _matched = 0;
        _quote = 0;
        _previous = 0;
        _rootChecked = false;
        _bang = 0;
    }

    /// <summary>Advances through <paramref name="span"/>; returns the index of the frame's last byte, or -1.</summary>
    private int Scan(ReadOnlySpan<byte> span, ref int i, in ReadOnlySequence<byte> buffer, long spanStart)
    {
        while (i < span.Length)
        {
            byte b = span[i];
            switch (_state)
            {
                case State.Content:
                    if (_depth == 0)
                    {
                        if (b == (byte)'<')
                        {
                            _state = State.TagOpen;
                        }
                        else if (!IsWhitespace(b))
                        {
                            Fail(XctipErrorKind.Malformed, "Bytes that are not XML outside an XCTIP frame", buffer, spanStart + i);
                        }

                        i++;
                    }
                    else
                    {
                        int lt = span[i..].IndexOf((byte)'<');
                        if (lt < 0)
                        {
                            i = span.Length;
                            return -1;
                        }

                        i += lt + 1;
                        _state = State.TagOpen;
                    }

                    break;

                case State.TagOpen:
                    i++;
                    if (b == (byte)'/')
                    {
                        if (_depth == 0)
                        {
                            Fail(XctipErrorKind.Malformed, "End tag outside an XCTIP frame", buffer, spanStart + i - 2);
                        }

                        _state = State.EndTag;
                    }
                    else if (b == (byte)'?')
                    {
                        _state = State.ProcessingInstruction;
                        _previous = 0;
                    }
                    else if (b == (byte)'!')
                    {
                        _state = State.Bang;
                        _matched = 0;
                    }
                    else if (IsNameStart(b))
                    {
                        _state = _depth == 0 && !_rootChecked ? State.StartTagName : State.StartTag;
                        _matched = 1;
                        _previous = b;
                        if (_state == State.StartTagName && b != RootName[0])
                        {
                            FailNotRoot(buffer, spanStart + i - 2);
                        }
                    }
                    else
                    {
                        Fail(XctipErrorKind.Malformed, "'<' not followed by a tag name", buffer, spanStart + i - 2);
                    }

                    break;

                case State.StartTagName:
                    // Only for the root element: its name must be exactly XCTIP.
                    if (_matched < RootName.Length)
                    {
                        if (b != RootName[_matched])
                        {
                            FailNotRoot(buffer, spanStart + i - _matched - 1);
                        }

                        _matched++;
                        _previous = b;
                        i++;
                    }
                    else
                    {
                        if (!(IsWhitespace(b) || b == (byte)'>' || b == (byte)'/'))
                        {
                            FailNotRoot(buffer, spanStart + i - _matched - 1);
                        }

                        _rootChecked = true;
                        _state = State.StartTag; // re-examine this byte as part of the tag
                    }

                    break;

                case State.StartTag:
                {
                    // Jump to the next byte that matters: the quote that closes a value, or '>', a quote or '<'.
                    var rest = span[i..];
                    int stop = _quote != 0 ? rest.IndexOf(_quote) : rest.IndexOfAny(s_tagStops);
                    if (stop < 0)
                    {
                        _previous = rest[^1];
                        i = span.Length;
                        return -1;
                    }

                    if (stop > 0)
                    {
                        _previous = rest[stop - 1];
                        i += stop;
                        b = span[i];
                    }
                }

                    if (_quote != 0)
                    {
                        if (b == _quote)
                        {
                            _quote = 0;
                        }
                    }
                    else if (b is (byte)'"' or (byte)'\'')
                    {
                        _quote = b;
                    }
                    else if (b == (byte)'<')
                    {
                        Fail(XctipErrorKind.Malformed, "'<' inside a tag", buffer, spanStart + i);
                    }
                    else if (b == (byte)'>')
                    {
                        _state = State.Content;
                        if (_previous != (byte)'/')
                        {
                            if (++_depth > _options.MaxDepth)
                            {
                                Fail(XctipErrorKind.TooDeep, $"Elements nested deeper than {_options.MaxDepth} (XctipReaderOptions.MaxDepth)", buffer, spanStart + i);
                            }
                        }
                        else if (_depth == 0)
                        {
                            return i++; // <XCTIP/>: an empty frame
                        }
                    }

                    _previous = b;
                    i++;
                    break;

                case State.EndTag:
                {
                    int gt = span[i..].IndexOfAny((byte)'>', (byte)'<');
                    if (gt < 0)
                    {
                        i = span.Length;
                        return -1;
                    }

                    i += gt;
                    if (span[i] == (byte)'<')
                    {
                        Fail(XctipErrorKind.Malformed, "'<' inside an end tag", buffer, spanStart + i);
                    }

                    _state = State.Content;
                    if (--_depth == 0)
                    {
                        return i++;
                    }

                    i++;
                    break;
                }

                case State.Bang:
                    // "<!" then "--" (comment), "[CDATA[" (inside an element) or "DOCTYPE" (refused).
                    if (_matched == 0)
                    {
                        _bang = b switch
                        {
                            (byte)'-' => "--"u8.Length,
                            (byte)'[' when _depth > 0 => CdataOpen.Length,
                            (byte)'D' or (byte)'d' => Fail(XctipErrorKind.DoctypeNotAllowed, "DOCTYPE/DTD is not allowed in XCTIP", buffer, spanStart + i - 2),
                            _ => Fail(XctipErrorKind.Malformed, "'<!' not followed by a comment or CDATA section", buffer, spanStart + i - 2),
                        };
                    }

                    var expected = _bang == 2 ? "--"u8 : CdataOpen;
                    if (b != expected[_matched])
                    {
                        Fail(XctipErrorKind.Malformed, "'<!' not followed by a comment or CDATA section", buffer, spanStart + i - 2 - _matched);
                    }

                    i++;
                    if (++_matched == expected.Length)
                    {
                        _state = _bang == 2 ? State.Comment : State.CData;
                        _matched = 0;
                    }

                    break;

                case State.Comment:
                    i = ScanForTerminator(span, i, (byte)'-');
                    break;

                case State.CData:
                    i = ScanForTerminator(span, i, (byte)']');
                    break;

                case State.ProcessingInstruction:
                {
                    int gt = span[i..].IndexOf((byte)'>');
                    if (gt < 0)
                    {
                        _previous = span[^1];
                        i = span.Length;
                        return -1;
                    }

                    byte before = gt > 0 ? span[i + gt - 1] : _previous;
                    i += gt + 1;
                    if (before == (byte)'?')
                    {
                        _state = State.Content;
                    }

                    _previous = (byte)'>';
                    break;
                }
            }
        }

        return -1;
    }

    /// <summary>Finds "--&gt;" or "]]&gt;": two <paramref name="dash"/> bytes then '&gt;', across calls.</summary>
    private int ScanForTerminator(ReadOnlySpan<byte> span, int i, byte dash)
    {
        while (i < span.Length)
        {
            byte b = span[i++];
            if (b == dash)
            {
                _matched++;
            }
            else if (b == (byte)'>' && _matched >= 2)
            {
                _state = State.Content;
                _matched = 0;
                return i;
            }
            else
            {
                _matched = 0;
                int next = span[i..].IndexOf(dash);
                if (next < 0)
                {
                    return span.Length;
                }

                i += next;
            }
        }

        return i;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    internal static bool IsNameStart(byte b) => b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or (byte)'_' or (byte)':' or >= 0x80;

    private void FailNotRoot(in ReadOnlySequence<byte> buffer, long offset) =>
        Fail(XctipErrorKind.NotXctip, "Expected an <XCTIP> root element", buffer, offset);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private int Fail(XctipErrorKind kind, string message, in ReadOnlySequence<byte> buffer, long offset)
    {
        offset = Math.Clamp(offset, 0, buffer.Length);
        var window = buffer.Slice(offset, Math.Min(64, buffer.Length - offset));
        Span<byte> preview = stackalloc byte[(int)window.Length];
        window.CopyTo(preview);
        throw new XctipProtocolException(kind, message, BytesConsumed + offset, preview);
    }
}
