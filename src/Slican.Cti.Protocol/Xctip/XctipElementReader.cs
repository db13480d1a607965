using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>Reads one nested part; the reader is positioned just inside the part's element.</summary>
/// <typeparam name="T">The part type.</typeparam>
public delegate T XctipPartReader<T>(ref XctipElementReader reader);

/// <summary>
/// Reads typed fields of XCTIP elements on top of an <see cref="XctipTokenizer"/>. A message or part reader loops
/// over <see cref="ReadNextChild"/> and hands each child to a typed <c>Read</c> overload.
/// </summary>
/// <remarks>
/// Nothing is lost: a child with an unknown name, a value that does not parse as the field's type, a repeated
/// single-valued field, or a field that unexpectedly has children is kept as an <see cref="XctipElement"/> in the
/// unknown-element list and written back out with the message.
/// </remarks>
public ref struct XctipElementReader
{
    private XctipTokenizer _tokenizer;
    private ReadOnlySpan<byte> _childName;

    // Flat mode (see XctipFlatFrame): the message's fields were found by one scan and are read from this table
    // instead of the tokenizer. _leafIndex is -1 while positioned on the message element itself.
    private readonly ReadOnlySpan<byte> _frame;
    private readonly ReadOnlySpan<XctipLeaf> _leaves;
    private readonly XctipFieldTable? _leafFields;
    private int _leafIndex;
    private Mode _mode;

    /// <summary>Creates a reader positioned on the tokenizer's current start element.</summary>
    public XctipElementReader(XctipTokenizer tokenizer, CtiEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        _tokenizer = tokenizer;
        Encoding = encoding;
    }

    /// <summary>
    /// Creates a reader over a whole frame, positioned inside its root element, with the encoding the frame declares
    /// or else the options' default. The tokenizer is built in place: it is large, and copying it costs time per frame.
    /// </summary>
    internal XctipElementReader(ReadOnlySpan<byte> frame, XctipReaderOptions options, long streamOffset)
    {
        _tokenizer = new XctipTokenizer(frame, options.MaxDepth, streamOffset);
        while (_tokenizer.Read() && _tokenizer.TokenType != XctipTokenType.StartElement)
        {
        }

        Encoding = options.Encoding;
        var declared = _tokenizer.DeclaredEncoding;
        if (!declared.IsEmpty)
        {
            Span<char> name = stackalloc char[Math.Min(declared.Length, 40)];
            for (int i = 0; i < name.Length; i++)
            {
                name[i] = (char)declared[i];
            }

            if (!CtiEncoding.TryGetByName(name, out var encoding))
            {
                throw new XctipProtocolException(XctipErrorKind.UnsupportedEncoding, "The XML declaration names an unsupported encoding; use IBM852, UTF-8 or windows-1250/1251/1252", streamOffset, declared);
            }

            Encoding = encoding;
        }
    }

    /// <summary>
    /// Creates a reader positioned on a flat message (see <see cref="XctipFlatFrame"/>) whose fields were already
    /// found: the same typed readers then run over the table, with the same results as over the tokenizer.
    /// </summary>
    internal XctipElementReader(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> messageName, ReadOnlySpan<XctipLeaf> leaves, XctipFieldTable? fields, CtiEncoding encoding)
    {
        _frame = frame;
        _leaves = leaves;
        _leafFields = fields;
        _leafIndex = -1;
        _mode = Mode.Leaves;
        _childName = messageName;
        Encoding = encoding;
    }

    private enum Mode : byte
    {
        /// <summary>Reading tokens.</summary>
        Tokens,

        /// <summary>Reading a flat message's leaf table.</summary>
        Leaves,

        /// <summary>A part reader was started on a leaf, which has no child elements.</summary>
        InsideLeaf,
    }

    /// <summary>The frame's encoding.</summary>
    public CtiEncoding Encoding { get; }

    /// <summary>Whether the child <see cref="ReadNextChild"/> moved to is an empty element.</summary>
    public readonly bool IsEmptyElement => _mode == Mode.Tokens ? _tokenizer.IsEmptyElement : _leafIndex >= 0 && CurrentLeaf.IsEmpty;

    private readonly ref readonly XctipLeaf CurrentLeaf => ref _leaves[_leafIndex];

    /// <summary>
    /// Moves to the next child element of the current element. Returns <see langword="false"/> when the current
    /// element ends. Each child must then be consumed by exactly one <c>Read</c>, <see cref="ReadUnknown"/> or <see cref="Skip"/>.
    /// </summary>
    public bool ReadNextChild(out ReadOnlySpan<byte> name)
    {
        if (_mode != Mode.Tokens)
        {
            return NextLeaf(out name);
        }

        while (_tokenizer.Read())
        {
            switch (_tokenizer.TokenType)
            {
                case XctipTokenType.StartElement:
                    name = _childName = _tokenizer.Name;
                    return true;
                case XctipTokenType.EndElement:
                    name = default;
                    return false;
            }
        }

        name = default;
        return false;
    }

    /// <summary>
    /// Moves to the next child element like <see cref="ReadNextChild"/> and gives its index in <paramref name="fields"/>
    /// (-1 for a name not in the table). On the flat path the scan has already matched the name against the same
    /// table, so nothing is compared again.
    /// </summary>
    internal bool ReadNextField(XctipFieldTable fields, out int field)
    {
        if (_mode == Mode.Leaves && ReferenceEquals(fields, _leafFields))
        {
            // The flat path: the scan matched the name against this table already.
            int next = _leafIndex + 1;
            if ((uint)next >= (uint)_leaves.Length)
            {
                _leafIndex = _leaves.Length;
                field = -1;
                return false;
            }

            _leafIndex = next;
            ref readonly var leaf = ref _leaves[next];
            field = leaf.Field >= 0 ? leaf.Field : fields.IndexOf(_frame.Slice(leaf.NameStart, leaf.NameLength));
            return true;
        }

        if (!ReadNextChild(out var name))
        {
            field = -1;
            return false;
        }

        field = fields.IndexOf(name);
        return true;
    }

    /// <summary>Skips the current child entirely.</summary>
    public void Skip()
    {
        if (_mode == Mode.Tokens)
        {
            _tokenizer.SkipElement();
        }
        else if (_leafIndex < 0)
        {
            _leafIndex = _leaves.Length;
        }
    }

    /// <summary>Keeps the current child as a raw element.</summary>
    public void ReadUnknown(ref XctipUnknownElements unknown) => unknown.Add(ReadElement());

    /// <summary>Reads the current child, whatever it holds, as a raw element.</summary>
    public XctipElement ReadElement() =>
        _mode == Mode.Tokens ? ReadElementContent(NameString(_childName), _tokenizer.IsEmptyElement) : ReadLeafElement();

    /// <summary>Reads text.</summary>
    public void Read(ref string? field, ref XctipUnknownElements unknown)
    {
        if (ReadLeaf(ref unknown, field is not null, out var raw, out bool refs, out string? text))
        {
            field = text ?? XctipText.Decode(raw, refs, Encoding);
        }
    }

    /// <summary>Reads an integer.</summary>
    public void Read(ref int? field, ref XctipUnknownElements unknown)
    {
        if (ReadLeaf(ref unknown, field is not null, out var raw, out _, out string? text))
        {
            if (text is null ? XctipValues.TryParseInt32(raw, out int v)
                             : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v))
            {
                field = v;
            }
            else
            {
                KeepUnparsed(ref unknown, raw, text);
            }
        }
    }

    /// <summary>Reads a long integer.</summary>
    public void Read(ref long? field, ref XctipUnknownElements unknown)
    {
        if (ReadLeaf(ref unknown, field is not null, out var raw, out _, out string? text))
        {
            if (text is null ? Utf8Parser.TryParse(raw, out long v, out int used) && used == raw.Length
                             : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v))
            {
                field = v;
            }
            else
            {
                KeepUnparsed(ref unknown, raw, text);
            }
        }
    }

    /// <summary>Reads a decimal number written with a dot (coordinates, amounts).</summary>
    public void Read(ref decimal? field, ref XctipUnknownElements unknown)
    {
        if (ReadLeaf(ref unknown, field is not null, out var raw, out _, out string? text))
        {
            if (text is null ? Utf8Parser.TryParse(raw, out decimal v, out int used) && used == raw.Length
                             : decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out v))
            {
                field = v;
            }
            else
            {
                KeepUnparsed(ref unknown, raw, text);
            }
        }
    }

    /// <summary>Reads a <c>0</c>/<c>1</c> flag.</summary>
    public void Read(ref bool? field, ref XctipUnknownElements unknown)
    {
        if (ReadLeaf(ref unknown, field is not null, out var raw, out _, out string? text))
        {
            // A single raw piece holds the digit itself; several pieces were assembled into text.
            if (XctipValues.TryParseFlag(text is null ? raw : System.Text.Encoding.ASCII.GetBytes(text), out bool flag))
            {
                field = flag;
            }
            else
            {
                KeepUnparsed(ref unknown, raw, text);
            }
        }
    }

    /// <summary>Reads a <c>YYYY-MM-DD HH:MM:SS</c> local timestamp.</summary>
    public void Read(ref DateTime? field, ref XctipUnknownElements unknown)
    {
        if (ReadLeaf(ref unknown, field is not null, out var raw, out _, out string? text))
        {
            var value = text is null ? raw : System.Text.Encoding.ASCII.GetBytes(text);
            if (XctipTimestamp.TryParse(value, out var v))
            {
                field = v;
            }
            else
            {
                KeepUnparsed(ref unknown, raw, text);
            }
        }
    }

    /// <summary>Reads a protocol word.</summary>
    public void Read<TToken>(ref TToken? field, ref XctipUnknownElements unknown)
        where TToken : struct, IXctipToken<TToken>
    {
        if (ReadLeaf(ref unknown, field is not null, out var raw, out bool refs, out string? text))
        {
            field = text is null ? XctipValues.Word<TToken>(raw, refs, Encoding) : TToken.Create(text);
        }
    }

    /// <summary>Reads a nested part.</summary>
    public void Read<TPart>(ref TPart? field, XctipPartReader<TPart> reader, ref XctipUnknownElements unknown)
        where TPart : class
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (field is not null)
        {
            ReadUnknown(ref unknown);
            return;
        }

        field = ReadPart(reader);
    }

    /// <summary>Reads one more nested part of a repeated element.</summary>
    public void Add<TPart>(List<TPart> list, XctipPartReader<TPart> reader)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(reader);
        list.Add(ReadPart(reader));
    }

    /// <summary>Reads one more text value of a repeated element.</summary>
    public void Add(List<string> list, ref XctipUnknownElements unknown)
    {
        ArgumentNullException.ThrowIfNull(list);
        string? value = null;
        Read(ref value, ref unknown);
        if (value is not null)
        {
            list.Add(value);
        }
    }

    /// <summary>Reads one more number of a repeated element.</summary>
    public void Add(List<int> list, ref XctipUnknownElements unknown)
    {
        ArgumentNullException.ThrowIfNull(list);
        int? value = null;
        Read(ref value, ref unknown);
        if (value is { } v)
        {
            list.Add(v);
        }
    }

    /// <summary>
    /// Reads a leaf's content. Returns <see langword="false"/> when the child was kept as unknown instead
    /// (a duplicate or an element with children). Otherwise either <paramref name="text"/> is set (content in
    /// several pieces) or <paramref name="raw"/> holds the single raw piece.
    /// </summary>
    private bool ReadLeaf(ref XctipUnknownElements unknown, bool duplicate, out ReadOnlySpan<byte> raw, out bool refs, out string? text)
    {
        raw = default;
        refs = false;
        text = null;
        if (duplicate)
        {
            ReadUnknown(ref unknown);
            return false;
        }

        if (_mode != Mode.Tokens)
        {
            // A leaf holds one raw piece (or nothing), exactly what the tokenizer would have delivered.
            ref readonly var leaf = ref CurrentLeaf;
            raw = _frame.Slice(leaf.ValueStart, leaf.ValueLength);
            refs = leaf.HasReferences;
            return true;
        }

        var name = _childName;
        if (_tokenizer.IsEmptyElement)
        {
            _tokenizer.Read();
            return true;
        }

        _tokenizer.Read();
        if (_tokenizer.TokenType == XctipTokenType.EndElement)
        {
            return true;
        }

        if (_tokenizer.TokenType is XctipTokenType.Text or XctipTokenType.CData)
        {
            raw = _tokenizer.Value;
            refs = _tokenizer.ValueHasReferences;
            bool cdata = _tokenizer.TokenType == XctipTokenType.CData;
            _tokenizer.Read();
            if (_tokenizer.TokenType == XctipTokenType.EndElement)
            {
                if (cdata)
                {
                    text = Encoding.GetString(raw);
                }

                return true;
            }

            // More than one piece: text split by a comment or CDATA, or an element after some text.
            string first = cdata ? Encoding.GetString(raw) : XctipText.Decode(raw, refs, Encoding);
            raw = default;
            return ContinueLeaf(ref unknown, name, first, out text);
        }

        return ContinueLeaf(ref unknown, name, string.Empty, out text);
    }

    private bool ContinueLeaf(ref XctipUnknownElements unknown, ReadOnlySpan<byte> name, string first, out string? text)
    {
        var sb = new StringBuilder(first);
        while (true)
        {
            switch (_tokenizer.TokenType)
            {
                case XctipTokenType.EndElement:
                    text = sb.ToString();
                    return true;
                case XctipTokenType.Text:
                    sb.Append(XctipText.Decode(_tokenizer.Value, _tokenizer.ValueHasReferences, Encoding));
                    break;
                case XctipTokenType.CData:
                    sb.Append(Encoding.GetString(_tokenizer.Value));
                    break;
                case XctipTokenType.StartElement:
                    // A field that has children: keep the whole element as received.
                    unknown.Add(ReadContentFromCurrent(NameString(name), sb.ToString()));
                    text = null;
                    return false;
            }

            _tokenizer.Read();
        }
    }

    private TPart ReadPart<TPart>(XctipPartReader<TPart> reader)
    {
        if (_mode == Mode.Tokens)
        {
            return reader(ref this);
        }

        // A part given as a leaf has no children; like the tokenizer path, its text (if any) is not a field.
        _mode = Mode.InsideLeaf;
        try
        {
            return reader(ref this);
        }
        finally
        {
            _mode = Mode.Leaves;
        }
    }

    private bool NextLeaf(out ReadOnlySpan<byte> name)
    {
        if (_mode == Mode.InsideLeaf || _leafIndex + 1 >= _leaves.Length)
        {
            _leafIndex = _mode == Mode.InsideLeaf ? _leafIndex : _leaves.Length;
            _mode = Mode.Leaves;
            name = default;
            return false;
        }

        ref readonly var leaf = ref _leaves[++_leafIndex];
        name = _frame.Slice(leaf.NameStart, leaf.NameLength);
        return true;
    }

    /// <summary>The current leaf as a raw element, or, on the message itself, the message with all its leaves.</summary>
    private XctipElement ReadLeafElement()
    {
        if (_leafIndex >= 0)
        {
            return LeafElement(CurrentLeaf);
        }

        var name = NameString(_childName);
        if (_leaves.IsEmpty)
        {
            _leafIndex = 0;
            return new XctipElement(name, string.Empty);
        }

        var children = new XctipElement[_leaves.Length];
        for (int i = 0; i < children.Length; i++)
        {
            children[i] = LeafElement(_leaves[i]);
        }

        _leafIndex = _leaves.Length;
        return new XctipElement(name, string.Empty, ValueList<XctipElement>.Wrap(children));
    }

    private readonly XctipElement LeafElement(in XctipLeaf leaf) => new(
        NameString(_frame.Slice(leaf.NameStart, leaf.NameLength)),
        leaf.IsEmpty ? string.Empty : XctipText.Decode(_frame.Slice(leaf.ValueStart, leaf.ValueLength), leaf.HasReferences, Encoding));

    private XctipElement ReadElementContent(string name, bool empty)
    {
        _tokenizer.Read();
        return empty ? new XctipElement(name, string.Empty) : ReadContentFromCurrent(name, null);
    }

    /// <summary>Reads tokens until the current element ends; the tokenizer is on the element's first content token.</summary>
    private XctipElement ReadContentFromCurrent(string name, string? leadingText)
    {
        var text = new StringBuilder(leadingText);
        List<XctipElement>? children = null;
        while (true)
        {
            switch (_tokenizer.TokenType)
            {
                case XctipTokenType.EndElement:
                    return new XctipElement(
                        name,
                        children is null ? text.ToString() : string.Empty,
                        children is null ? ValueList<XctipElement>.Empty : ValueList<XctipElement>.Wrap([.. children]));
                case XctipTokenType.Text:
                    text.Append(XctipText.Decode(_tokenizer.Value, _tokenizer.ValueHasReferences, Encoding));
                    break;
                case XctipTokenType.CData:
                    text.Append(Encoding.GetString(_tokenizer.Value));
                    break;
                case XctipTokenType.StartElement:
                    _childName = _tokenizer.Name;
                    (children ??= []).Add(ReadElementContent(NameString(_tokenizer.Name), _tokenizer.IsEmptyElement));
                    break;
            }

            if (!_tokenizer.Read())
            {
                throw new InvalidOperationException("The tokenizer ended inside an element.");
            }
        }
    }

    private void KeepUnparsed(ref XctipUnknownElements unknown, scoped ReadOnlySpan<byte> raw, string? text) =>
        unknown.Add(new XctipElement(NameString(CurrentName), text ?? XctipText.Decode(raw, raw.Contains((byte)'&'), Encoding)));

    /// <summary>The name of the element last moved to (in the leaf table, the current leaf's).</summary>
    private readonly ReadOnlySpan<byte> CurrentName => _mode != Mode.Tokens && _leafIndex >= 0 && _leafIndex < _leaves.Length
        ? _frame.Slice(CurrentLeaf.NameStart, CurrentLeaf.NameLength)
        : _childName;

    private readonly string NameString(ReadOnlySpan<byte> name) => XctipNames.GetString(name, Encoding);
}

/// <summary>Collects elements a reader keeps as unknown.</summary>
public struct XctipUnknownElements
{
    private List<XctipElement>? _elements;

    /// <summary>Adds one kept element.</summary>
    public void Add(XctipElement element) => (_elements ??= []).Add(element);

    /// <summary>The kept elements.</summary>
    public readonly ValueList<XctipElement> ToList() => _elements is null ? ValueList<XctipElement>.Empty : ValueList<XctipElement>.Wrap([.. _elements]);
}
