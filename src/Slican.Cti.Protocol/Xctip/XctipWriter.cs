using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>
/// Writes compact XCTIP markup into an <see cref="IBufferWriter{T}"/> in the connection's encoding. Text is escaped;
/// characters the encoding cannot represent become numeric character references, so nothing is lost in code page 852.
/// </summary>
/// <remarks>Reusable: call <see cref="Reset"/> to point it at another buffer. Not thread-safe.</remarks>
public sealed class XctipWriter
{
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    // Characters that cannot be written as themselves: markup, CR (kept by reference so it survives a round trip)
    // and the C0 controls XML does not allow as raw characters.
    private static readonly SearchValues<char> s_special = SearchValues.Create(
        "&<>\r\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private IBufferWriter<byte> _output;

    /// <summary>Creates a writer.</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="encoding">The connection's encoding; code page 852 when <see langword="null"/>.</param>
    public XctipWriter(IBufferWriter<byte> output, CtiEncoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        Encoding = encoding ?? CtiEncoding.Ibm852;
    }

    /// <summary>The encoding text is written in.</summary>
    public CtiEncoding Encoding { get; private set; }

    /// <summary>Points the writer at another buffer, optionally with another encoding.</summary>
    public void Reset(IBufferWriter<byte> output, CtiEncoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        Encoding = encoding ?? Encoding;
    }

    /// <summary>Writes <c>&lt;?xml version="1.0" encoding="…"?&gt;</c> naming <see cref="Encoding"/>.</summary>
    public void WriteDeclaration()
    {
        WriteAscii("<?xml version=\"1.0\" encoding=\""u8);
        WriteAscii(System.Text.Encoding.ASCII.GetBytes(Encoding.Name));
        WriteAscii("\"?>"u8);
    }

    /// <summary>Writes a start tag. <paramref name="name"/> is ASCII.</summary>
    public void WriteStartElement(ReadOnlySpan<byte> name)
    {
        var span = _output.GetSpan(name.Length + 2);
        span[0] = (byte)'<';
        name.CopyTo(span[1..]);
        span[name.Length + 1] = (byte)'>';
        _output.Advance(name.Length + 2);
    }

    /// <summary>Writes an end tag. <paramref name="name"/> is ASCII.</summary>
    public void WriteEndElement(ReadOnlySpan<byte> name)
    {
        var span = _output.GetSpan(name.Length + 3);
        span[0] = (byte)'<';
        span[1] = (byte)'/';
        name.CopyTo(span[2..]);
        span[name.Length + 2] = (byte)'>';
        _output.Advance(name.Length + 3);
    }

    /// <summary>Writes a start tag for a name given as text (unknown elements).</summary>
    public void WriteStartElement(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        WriteAscii("<"u8);
        Encoding.Encode(name, _output);
        WriteAscii(">"u8);
    }

    /// <summary>Writes an end tag for a name given as text (unknown elements).</summary>
    public void WriteEndElement(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        WriteAscii("</"u8);
        Encoding.Encode(name, _output);
        WriteAscii(">"u8);
    }

    /// <summary>Writes escaped character data.</summary>
    public void WriteText(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            int special = text.IndexOfAny(s_special);
            var run = special < 0 ? text : text[..special];
            while (!run.IsEmpty)
            {
                int done = Encoding.EncodeUntilUnmappable(run, _output);
                run = run[done..];
                if (!run.IsEmpty)
                {
                    int width = WriteUnmappable(run);
                    run = run[width..];
                }
            }

            if (special < 0)
            {
                return;
            }

            char c = text[special];
            switch (c)
            {
                case '&': WriteAscii("&amp;"u8); break;
                case '<': WriteAscii("&lt;"u8); break;
                case '>': WriteAscii("&gt;"u8); break;
                default: WriteCharacterReference(c == '\0' ? 0xFFFD : c); break;
            }

            text = text[(special + 1)..];
        }
    }

    /// <summary>Writes <c>&lt;name&gt;&lt;/name&gt;</c>, the form the PBX and its clients use for empty elements.</summary>
    public void WriteEmptyElement(ReadOnlySpan<byte> name)
    {
        WriteStartElement(name);
        WriteEndElement(name);
    }

    /// <summary>Writes a text element; nothing when <paramref name="value"/> is <see langword="null"/>.</summary>
    public void WriteElement(ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            return;
        }

        WriteStartElement(name);
        WriteText(value);
        WriteEndElement(name);
    }

    /// <summary>Writes a number element; nothing when <see langword="null"/>.</summary>
    public void WriteElement(ReadOnlySpan<byte> name, long? value)
    {
        if (value is not { } v)
        {
            return;
        }

        WriteStartElement(name);
        var span = _output.GetSpan(20);
        Utf8Formatter.TryFormat(v, span, out int written);
        _output.Advance(written);
        WriteEndElement(name);
    }

    /// <summary>Writes a number element; nothing when <see langword="null"/>.</summary>
    public void WriteElement(ReadOnlySpan<byte> name, int? value) => WriteElement(name, (long?)value);

    /// <summary>Writes a decimal number with a dot; nothing when <see langword="null"/>.</summary>
    public void WriteElement(ReadOnlySpan<byte> name, decimal? value)
    {
        if (value is not { } v)
        {
            return;
        }

        WriteStartElement(name);
        var span = _output.GetSpan(32);
        Utf8Formatter.TryFormat(v, span, out int written);
        _output.Advance(written);
        WriteEndElement(name);
    }

    /// <summary>Writes <c>0</c> or <c>1</c>; nothing when <see langword="null"/>.</summary>
    public void WriteElement(ReadOnlySpan<byte> name, bool? value)
    {
        if (value is not { } v)
        {
            return;
        }

        WriteStartElement(name);
        WriteAscii(v ? "1"u8 : "0"u8);
        WriteEndElement(name);
    }

    /// <summary>Writes a <c>YYYY-MM-DD HH:MM:SS</c> timestamp; nothing when <see langword="null"/>.</summary>
    public void WriteElement(ReadOnlySpan<byte> name, DateTime? value)
    {
        if (value is not { } v)
        {
            return;
        }

        WriteStartElement(name);
        var span = _output.GetSpan(19);
        v.TryFormat(span, out int written, TimestampFormat, CultureInfo.InvariantCulture);
        _output.Advance(written);
        WriteEndElement(name);
    }

    /// <summary>Writes a token value (<c>FREE</c>, <c>AddRow</c>…); nothing when <see langword="null"/>.</summary>
    public void WriteElement<TToken>(ReadOnlySpan<byte> name, TToken? value)
        where TToken : struct, IXctipToken<TToken>
    {
        if (value is { } v)
        {
            WriteElement(name, v.Value);
        }
    }

    /// <summary>Writes a kept element and its children as they were received.</summary>
    public void WriteElement(XctipElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        WriteStartElement(element.Name);
        if (element.Children.Count == 0)
        {
            WriteText(element.Text);
        }

        foreach (var child in element.Children)
        {
            WriteElement(child);
        }

        WriteEndElement(element.Name);
    }

    /// <summary>Writes kept elements in order.</summary>
    public void WriteElements(ValueList<XctipElement> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        foreach (var element in elements)
        {
            WriteElement(element);
        }
    }

    /// <summary>Writes a nested part (a party, a row, a phone) wrapped in <paramref name="name"/>; nothing when <see langword="null"/>.</summary>
    public void WriteElement(ReadOnlySpan<byte> name, IXctipPart? part)
    {
        if (part is null)
        {
            return;
        }

        WriteStartElement(name);
        part.WriteTo(this);
        WriteEndElement(name);
    }

    /// <summary>Writes each value as its own element.</summary>
    public void WriteElements(ReadOnlySpan<byte> name, ValueList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            WriteElement(name, value);
        }
    }

    /// <summary>Writes each number as its own element.</summary>
    public void WriteElements(ReadOnlySpan<byte> name, ValueList<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            WriteElement(name, (long?)value);
        }
    }

    /// <summary>Writes each part as its own element.</summary>
    public void WriteElements<TPart>(ReadOnlySpan<byte> name, ValueList<TPart> parts)
        where TPart : IXctipPart
    {
        ArgumentNullException.ThrowIfNull(parts);
        foreach (var part in parts)
        {
            WriteElement(name, part);
        }
    }

    /// <summary>Writes ASCII bytes as they are.</summary>
    public void WriteAscii(ReadOnlySpan<byte> ascii)
    {
        ascii.CopyTo(_output.GetSpan(ascii.Length));
        _output.Advance(ascii.Length);
    }

    private int WriteUnmappable(ReadOnlySpan<char> text)
    {
        if (Rune.DecodeFromUtf16(text, out var rune, out int consumed) != OperationStatus.Done)
        {
            WriteCharacterReference(0xFFFD);
            return Math.Max(consumed, 1);
        }

        WriteCharacterReference(rune.Value);
        return consumed;
    }

    private void WriteCharacterReference(int scalar)
    {
        var span = _output.GetSpan(12);
        span[0] = (byte)'&';
        span[1] = (byte)'#';
        span[2] = (byte)'x';
        Utf8Formatter.TryFormat(scalar, span[3..], out int written, new StandardFormat('X'));
        span[3 + written] = (byte)';';
        _output.Advance(4 + written);
    }
}
