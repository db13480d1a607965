using System.Runtime.CompilerServices;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>The kind of token an <see cref="XctipTokenizer"/> is positioned on.</summary>
public enum XctipTokenType : byte
{
    /// <summary>Before the first <see cref="XctipTokenizer.Read"/>.</summary>
    None,

    /// <summary>A start tag, or an empty element (then <see cref="XctipTokenizer.IsEmptyElement"/> is set and an end token follows).</summary>
    StartElement,

    /// <summary>An end tag, or the end of an empty element.</summary>
    EndElement,

    /// <summary>Character data between tags, raw: references are not yet expanded.</summary>
    Text,

    /// <summary>The content of a CDATA section, verbatim.</summary>
    CData,
}

/// <summary>
/// A forward-only, allocation-free XML tokenizer for one XCTIP frame. It checks well-formedness (matching tags,
/// one <c>XCTIP</c> root, depth limit, references) and refuses DOCTYPE; it never expands entities other than the
/// five predefined ones and numeric character references (see <see cref="XctipText"/>).
/// </summary>
/// <remarks>
/// Comments, processing instructions and attributes are accepted and skipped: XCTIP uses none of them, and a PBX
/// or a pretty-printer that adds them must not break a client. The XML declaration's encoding is exposed as
/// <see cref="DeclaredEncoding"/>.
/// </remarks>
public ref struct XctipTokenizer
{
    /// <summary>The deepest nesting the tokenizer can track.</summary>
    public const int MaxSupportedDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private readonly long _baseOffset;
    private readonly int _maxDepth;
    private int _position;
    private int _depth;
    private bool _pendingEnd;
    private bool _rootSeen;
    private bool _rootClosed;
    private NameStack _names;

    /// <summary>Creates a tokenizer over one frame.</summary>
    /// <param name="frame">The frame's bytes, as returned by <see cref="XctipFrameReader"/>.</param>
    /// <param name="maxDepth">The deepest nesting accepted (1 to <see cref="MaxSupportedDepth"/>).</param>
    /// <param name="baseOffset">The frame's offset in the stream, added to offsets in exceptions.</param>
    public XctipTokenizer(ReadOnlySpan<byte> frame, int maxDepth = 32, long baseOffset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, MaxSupportedDepth);
        _data = frame;
        _maxDepth = maxDepth;
        _baseOffset = baseOffset;
    }

    /// <summary>The current token's kind.</summary>
    public XctipTokenType TokenType { get; private set; }

    /// <summary>The element name of a start or end token (ASCII or encoded bytes).</summary>
    public ReadOnlySpan<byte> Name { get; private set; }

    /// <summary>The raw bytes of a text or CDATA token.</summary>
    public ReadOnlySpan<byte> Value { get; private set; }

    /// <summary>Whether the current text token contains references (<c>&amp;amp;</c>, <c>&amp;#233;</c>…) to expand.</summary>
    public bool ValueHasReferences { get; private set; }

    /// <summary>Whether the current start token is an empty element (<c>&lt;X/&gt;</c>).</summary>
    public bool IsEmptyElement { get; private set; }

    /// <summary>Depth after the current token: 1 inside the root, 0 after its end.</summary>
    public readonly int Depth => _depth;

    /// <summary>Offset of the current token from the start of the frame.</summary>
    public int TokenOffset { get; private set; }

    /// <summary>Offset of the next byte to read from the start of the frame.</summary>
    public readonly int Position => _position;

    /// <summary>The <c>encoding</c> value of the frame's XML declaration, or empty when there is none.</summary>
    public ReadOnlySpan<byte> DeclaredEncoding { get; private set; }

    /// <summary>Reads the next token.</summary>
    /// <returns><see langword="false"/> at the end of the frame, after the root's end tag.</returns>
    /// <exception cref="XctipProtocolException">The frame is not well-formed XCTIP.</exception>
    public bool Read()
    {
        ValueHasReferences = false;
        if (_pendingEnd)
        {
            _pendingEnd = false;
            IsEmptyElement = false;
            TokenType = XctipTokenType.EndElement;
            CloseElement();
            return true;
        }

        var data = _data;
        while (true)
        {
            int pos = _position;
            if (pos >= data.Length)
            {
                if (_depth > 0)
                {
                    FailEndsInside(pos);
                }

                if (!_rootSeen)
                {
                    Fail(XctipErrorKind.NotXctip, "Frame has no <XCTIP> root element", pos);
                }

                TokenType = XctipTokenType.None;
                return false;
            }

            byte b = data[pos];
            if (b != (byte)'<')
            {
                if (_depth == 0)
                {
                    if (!IsWhitespace(b))
                    {
                        Fail(XctipErrorKind.Malformed, _rootClosed ? "Content after </XCTIP>" : "Text outside the XCTIP root element", pos);
                    }

                    _position = pos + 1;
                    continue;
                }

                // One search finds the end of the text and, in the same pass, whether it needs checking.
                int lt = data[pos..].IndexOfAny((byte)'<', (byte)'&', (byte)0);
                bool references = false;
                if (lt >= 0 && data[pos + lt] != (byte)'<')
                {
                    references = true;
                    lt = data[pos..].IndexOf((byte)'<');
                }

                if (lt < 0)
                {
                    FailEndsInside(data.Length);
                }

                var text = data.Slice(pos, lt);
                ValueHasReferences = references && ValidateText(text, pos);
                Value = text;
                TokenOffset = pos;
                TokenType = XctipTokenType.Text;
                _position = pos + lt;
                return true;
            }

            if (pos + 1 >= data.Length)
            {
                Fail(XctipErrorKind.Malformed, "Frame ends after '<'", pos);
            }

            byte next = data[pos + 1];
            if (next == (byte)'/')
            {
                ReadEndTag(pos);
                return true;
            }

            if (next == (byte)'?')
            {
                SkipProcessingInstruction(pos);
                continue;
            }

            if (next == (byte)'!')
            {
                if (ReadBang(pos))
                {
                    return true;
                }

                continue;
            }

            if (_rootClosed)
            {
                Fail(XctipErrorKind.Malformed, "A second root element after </XCTIP>", pos);
            }

            ReadStartTag(pos);
            return true;
        }
    }

    /// <summary>Advances past the end of the element whose start token is current (no-op for empty elements).</summary>
    public void SkipElement()
    {
        if (TokenType != XctipTokenType.StartElement)
        {
            return;
        }

        int depth = _depth;
        while (Read() && !(TokenType == XctipTokenType.EndElement && _depth < depth))
        {
        }
    }

    private readonly ReadOnlySpan<byte> CurrentName => _depth > 0 ? _names.Get(_data, _depth - 1) : default;

    private void ReadStartTag(int pos)
    {
        int nameStart = pos + 1;
        int nameEnd = ScanName(nameStart);
        var name = _data[nameStart..nameEnd];
        if (_depth == 0 && !name.SequenceEqual("XCTIP"u8))
        {
            Fail(XctipErrorKind.NotXctip, "Expected an <XCTIP> root element", pos);
        }

        int i = nameEnd;
        bool empty = false;
        while (true)
        {
            i = SkipWhitespace(i);
            if (i >= _data.Length)
            {
                Fail(XctipErrorKind.Malformed, "Frame ends inside a start tag", pos);
            }

            byte b = _data[i];
            if (b == (byte)'>')
            {
                i++;
                break;
            }

            if (b == (byte)'/')
            {
                if (i + 1 >= _data.Length || _data[i + 1] != (byte)'>')
                {
                    Fail(XctipErrorKind.Malformed, "'/' in a start tag not followed by '>'", i);
                }

                empty = true;
                i += 2;
                break;
            }

            i = SkipAttribute(i);
        }

        if (_depth >= _maxDepth)
        {
            FailTooDeep(pos);
        }

        _names.Set(_depth, nameStart, nameEnd - nameStart);
        _depth++;
        _rootSeen = true;
        _position = i;
        Name = name;
        IsEmptyElement = empty;
        _pendingEnd = empty;
        TokenOffset = pos;
        TokenType = XctipTokenType.StartElement;
    }

    private int SkipAttribute(int i)
    {
        int nameEnd = ScanName(i);
        i = SkipWhitespace(nameEnd);
        if (i >= _data.Length || _data[i] != (byte)'=')
        {
            Fail(XctipErrorKind.Malformed, "Attribute without '=' and a quoted value", i);
        }

        i = SkipWhitespace(i + 1);
        if (i >= _data.Length || _data[i] is not ((byte)'"' or (byte)'\''))
        {
            Fail(XctipErrorKind.Malformed, "Attribute value not quoted", i);
        }

        byte quote = _data[i];
        int close = _data[(i + 1)..].IndexOf(quote);
        if (close < 0)
        {
            Fail(XctipErrorKind.Malformed, "Unterminated attribute value", i);
        }

        var value = _data.Slice(i + 1, close);
        if (value.Contains((byte)'<'))
        {
            Fail(XctipErrorKind.Malformed, "'<' in an attribute value", i);
        }

        ValidateText(value, i + 1);
        return i + 1 + close + 1;
    }

    private void ReadEndTag(int pos)
    {
        if (_depth == 0)
        {
            Fail(XctipErrorKind.Malformed, "End tag outside the root element", pos);
        }

        // The common case: "</" + the open element's name + ">" (or whitespace); no separate scan needed.
        var open = CurrentName;
        int nameStart = pos + 2;
        int nameEnd = nameStart + open.Length;
        if (nameEnd >= _data.Length || !_data.Slice(nameStart, open.Length).SequenceEqual(open) || IsNameChar(_data[nameEnd]))
        {
            FailMismatch(pos);
        }

        int i = _data[nameEnd] == (byte)'>' ? nameEnd : SkipWhitespace(nameEnd);
        if (i >= _data.Length || _data[i] != (byte)'>')
        {
            Fail(XctipErrorKind.Malformed, "Malformed end tag", pos);
        }

        Name = _data[nameStart..nameEnd];
        IsEmptyElement = false;
        TokenOffset = pos;
        TokenType = XctipTokenType.EndElement;
        _position = i + 1;
        CloseElement();
    }

    private void CloseElement()
    {
        _depth--;
        if (_depth == 0)
        {
            _rootClosed = true;
        }
    }

    private bool ReadBang(int pos)
    {
        var rest = _data[pos..];
        if (rest.StartsWith("<!--"u8))
        {
            int end = rest[4..].IndexOf("-->"u8);
            if (end < 0)
            {
                Fail(XctipErrorKind.Malformed, "Unterminated comment", pos);
            }

            _position = pos + 4 + end + 3;
            return false;
        }

        if (rest.StartsWith("<![CDATA["u8))
        {
            if (_depth == 0)
            {
                Fail(XctipErrorKind.Malformed, "CDATA section outside the root element", pos);
            }

            int end = rest[9..].IndexOf("]]>"u8);
            if (end < 0)
            {
                Fail(XctipErrorKind.Malformed, "Unterminated CDATA section", pos);
            }

            Value = rest.Slice(9, end);
            TokenOffset = pos;
            TokenType = XctipTokenType.CData;
            _position = pos + 9 + end + 3;
            return true;
        }

        if (rest.Length > 2 && (rest[2] | 0x20) == (byte)'d')
        {
            Fail(XctipErrorKind.DoctypeNotAllowed, "DOCTYPE/DTD is not allowed in XCTIP", pos);
        }

        Fail(XctipErrorKind.Malformed, "'<!' not followed by a comment or CDATA section", pos);
        return false;
    }

    private void SkipProcessingInstruction(int pos)
    {
        var rest = _data[pos..];
        int end = rest.IndexOf("?>"u8);
        if (end < 0)
        {
            Fail(XctipErrorKind.Malformed, "Unterminated processing instruction", pos);
        }

        var body = rest[2..end];
        if (body.StartsWith("xml"u8) && (body.Length == 3 || IsWhitespace(body[3])))
        {
            if (_rootSeen)
            {
                Fail(XctipErrorKind.Malformed, "XML declaration inside a frame", pos);
            }

            DeclaredEncoding = FindPseudoAttribute(body, "encoding"u8);
        }

        _position = pos + end + 2;
    }

    private static ReadOnlySpan<byte> FindPseudoAttribute(ReadOnlySpan<byte> body, ReadOnlySpan<byte> name)
    {
        int at = body.IndexOf(name);
        if (at < 0)
        {
            return default;
        }

        var rest = body[(at + name.Length)..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != (byte)'=')
        {
            return default;
        }

        rest = rest[1..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] is not ((byte)'"' or (byte)'\''))
        {
            return default;
        }

        int close = rest[1..].IndexOf(rest[0]);
        return close < 0 ? default : rest.Slice(1, close);
    }

    private readonly int ScanName(int start)
    {
        if (start >= _data.Length || !XctipFrameReader.IsNameStart(_data[start]))
        {
            Fail(XctipErrorKind.Malformed, "Expected an element or attribute name", start);
        }

        int i = start + 1;
        var data = _data;
        while ((uint)i < (uint)data.Length && NameChars[data[i]] != 0)
        {
            i++;
        }

        return i;
    }

    private readonly int SkipWhitespace(int i)
    {
        while (i < _data.Length && IsWhitespace(_data[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Checks every reference in <paramref name="text"/>; returns whether there is any.</summary>
    private readonly bool ValidateText(ReadOnlySpan<byte> text, int offset)
    {
        int amp = text.IndexOfAny((byte)'&', (byte)0);
        if (amp < 0)
        {
            return false;
        }

        int i = amp;
        while (i >= 0)
        {
            if (text[i] == 0)
            {
                Fail(XctipErrorKind.Malformed, "NUL byte in character data", offset + i);
            }

            int length = XctipText.MatchReference(text[i..], out _);
            if (length <= 0)
            {
                Fail(XctipErrorKind.UndefinedEntity, "Undefined or malformed reference; only &amp; &lt; &gt; &quot; &apos; and &#N; are allowed", offset + i);
            }

            i += length;
            int next = text[i..].IndexOfAny((byte)'&', (byte)0);
            i = next < 0 ? -1 : i + next;
        }

        return true;
    }

    internal static bool IsNameChar(byte b) => NameChars[b] != 0;

    /// <summary>1 for bytes that may continue a name: letters, digits, <c>_ : - .</c> and every byte of a multi-byte character.</summary>
    private static ReadOnlySpan<byte> NameChars =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ];

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static string Describe(ReadOnlySpan<byte> name) => CtiEncoding.Utf8.GetString(name[..Math.Min(name.Length, 64)]);

    // Failure paths build their messages out of line, so the hot methods carry no string-building state.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void FailEndsInside(int offset) =>
        Fail(XctipErrorKind.Malformed, $"Frame ends inside <{Describe(CurrentName)}>", offset);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void FailTooDeep(int offset) =>
        Fail(XctipErrorKind.TooDeep, $"Elements nested deeper than {_maxDepth}", offset);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void FailMismatch(int offset)
    {
        int nameStart = offset + 2;
        int nameEnd = nameStart < _data.Length && XctipFrameReader.IsNameStart(_data[nameStart]) ? ScanName(nameStart) : nameStart;
        Fail(XctipErrorKind.MismatchedTag, $"End tag </{Describe(_data[nameStart..nameEnd])}> does not match <{Describe(CurrentName)}>", offset);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void Fail(XctipErrorKind kind, string message, int offset)
    {
        offset = Math.Clamp(offset, 0, _data.Length);
        throw new XctipProtocolException(kind, message, _baseOffset + offset, _data.Slice(offset, Math.Min(64, _data.Length - offset)));
    }

    /// <summary>
    /// Start offsets and lengths of the open elements' names. The first <see cref="InlineLevels"/> levels (deeper than
    /// any real XCTIP frame) are kept inline, so tokenizing allocates nothing; deeper levels, up to the depth limit,
    /// go to an array made on first use. The inline part is kept small because every reader zeroes it.
    /// </summary>
    private struct NameStack
    {
        private const int InlineLevels = 16;
        private InlineLevelsBuffer _inline;
        private int[]? _deep;

        public void Set(int level, int start, int length)
        {
            if (level < InlineLevels)
            {
                _inline[level * 2] = start;
                _inline[(level * 2) + 1] = length;
                return;
            }

            _deep ??= new int[(MaxSupportedDepth - InlineLevels) * 2];
            _deep[(level - InlineLevels) * 2] = start;
            _deep[((level - InlineLevels) * 2) + 1] = length;
        }

        public readonly ReadOnlySpan<byte> Get(ReadOnlySpan<byte> data, int level) => level < InlineLevels
            ? data.Slice(_inline[level * 2], _inline[(level * 2) + 1])
            : data.Slice(_deep![(level - InlineLevels) * 2], _deep[((level - InlineLevels) * 2) + 1]);

        [InlineArray(InlineLevels * 2)]
        private struct InlineLevelsBuffer
        {
            private int _element;
        }
    }
}
