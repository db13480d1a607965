using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>One text-only child of a flat message: where its name and raw content lie in the frame.</summary>
internal readonly struct XctipLeaf(int nameStart, int nameLength, int valueStart, int valueLength, bool isEmpty, bool hasReferences, int field = -1)
{
    public readonly int NameStart = nameStart;
    public readonly int ValueStart = valueStart;
    public readonly int ValueLength = valueLength;
    public readonly short NameLength = (short)nameLength;

    /// <summary>The index in the message's <see cref="XctipFieldTable"/> when the scan matched the name, else -1.</summary>
    public readonly sbyte Field = (sbyte)field;

    private readonly byte _flags = (byte)((isEmpty ? 1 : 0) | (hasReferences ? 2 : 0));

    public bool IsEmpty => (_flags & 1) != 0;

    public bool HasReferences => (_flags & 2) != 0;
}

/// <summary>
/// Recognises the shape nearly every XCTIP event has, <c>&lt;XCTIP&gt;&lt;M&gt;&lt;N&gt;&lt;F&gt;text&lt;/F&gt;…&lt;/N&gt;&lt;/M&gt;&lt;/XCTIP&gt;</c>:
/// one message whose children are all text-only, written compactly. For such a frame one pass over the bytes finds
/// every field, so the typed readers run over a table instead of a token stream (see <see cref="XctipCodec"/>).
/// </summary>
/// <remarks>
/// The scan accepts only what the <see cref="XctipTokenizer"/> would accept with the same meaning, and declines
/// (returns <see langword="false"/>) on anything else: a declaration, whitespace or comments between tags, attributes,
/// nested elements, CDATA, several messages, an invalid reference, a NUL byte, a mismatched end tag, a depth limit
/// below 4. A declined frame goes through the tokenizer, which decodes it or reports the error with its offset, so
/// the fast path never changes a result or an error, only the time taken.
/// </remarks>
internal static class XctipFlatFrame
{
    /// <summary>Most fields a flat message may have; larger messages take the general path.</summary>
    public const int MaxLeaves = 16;

    /// <summary>The depth of a flat message's fields (root 1, module 2, message 3).</summary>
    public const int LeafDepth = 4;

    private static ReadOnlySpan<byte> Root => "<XCTIP>"u8;

    private static ReadOnlySpan<byte> RootEnd => "</XCTIP>"u8;

    /// <summary>Scans <paramref name="frame"/> without a field table (what the tests check the scan with); see <see cref="TryScanBody"/>.</summary>
    /// <returns>Whether the frame is flat and well-formed; <see langword="false"/> means "use the tokenizer".</returns>
    public static bool TryScan(ReadOnlySpan<byte> frame, Span<XctipLeaf> leaves, out Range module, out Range message, out int count)
    {
        count = 0;
        return TryScanHeader(frame, out module, out message, out int body)
            && IsName(frame[module]) && IsName(frame[message])
            && TryScanBody(frame, body, module, message, null, default, leaves, out count);
    }

    /// <summary>
    /// Delimits "&lt;XCTIP&gt;&lt;Module&gt;&lt;Message&gt;" at the start of <paramref name="frame"/>: each name is what lies
    /// between its '&lt;' and the next '&gt;'. The names are not checked here; a name that matches a known module or
    /// message is valid by construction, any other must pass <see cref="IsName"/>.
    /// </summary>
    /// <param name="frame">One frame.</param>
    /// <param name="module">The module element's name (offset and length in <paramref name="frame"/>).</param>
    /// <param name="message">The message element's name (offset and length in <paramref name="frame"/>).</param>
    /// <param name="body">The offset of the message's first child.</param>
    public static bool TryScanHeader(ReadOnlySpan<byte> frame, out Range module, out Range message, out int body)
    {
        module = default;
        message = default;
        body = 0;
        if (!frame.StartsWith(Root))
        {
            return false;
        }

        int moduleEnd = FindTagEnd(frame, Root.Length);
        int messageEnd = moduleEnd < 0 ? -1 : FindTagEnd(frame, moduleEnd + 1);
        if (messageEnd < 0)
        {
            return false;
        }

        module = new Range(Root.Length + 1, moduleEnd);
        message = new Range(moduleEnd + 2, messageEnd);
        body = messageEnd + 1;
        return true;
    }

    /// <summary>Whether <paramref name="name"/> is a name the tokenizer accepts.</summary>
    public static bool IsName(ReadOnlySpan<byte> name) =>
        !name.IsEmpty && XctipFrameReader.IsNameStart(name[0]) && ScanNameChars(name, 1) == name.Length;

    /// <summary>For a '&lt;' at <paramref name="p"/>, the offset of the first '&gt;' after it, or -1.</summary>
    private static int FindTagEnd(ReadOnlySpan<byte> frame, int p)
    {
        if ((uint)p >= (uint)frame.Length || frame[p] != (byte)'<')
        {
            return -1;
        }

        // Module and message names are short: one 16-byte window nearly always holds the '>'.
        if (Vector128.IsHardwareAccelerated && frame.Length - p >= Vector128<byte>.Count)
        {
            uint gt = Vector128.Equals(Load(frame, p), Vector128.Create((byte)'>')).ExtractMostSignificantBits();
            if (gt != 0)
            {
                return p + BitOperations.TrailingZeroCount(gt);
            }
        }

        int rest = frame[(p + 1)..].IndexOf((byte)'>');
        return rest < 0 ? -1 : p + 1 + rest;
    }

    /// <summary>
    /// Scans the message's children from <paramref name="p"/> and the end of the frame. Names in
    /// <paramref name="fields"/> are matched whole (start tag, and end tag, one 16-byte compare each) and their leaves
    /// carry the field index; other names are scanned byte by byte.
    /// </summary>
    /// <param name="frame">One frame.</param>
    /// <param name="p">The offset of the first child, from <see cref="TryScanHeader"/>.</param>
    /// <param name="module">The module name's range, from <see cref="TryScanHeader"/>.</param>
    /// <param name="message">The message name's range, from <see cref="TryScanHeader"/>.</param>
    /// <param name="fields">The message's field table, if it has one.</param>
    /// <param name="trailer">The known message's "&lt;/Message&gt;&lt;/Module&gt;&lt;/XCTIP&gt;", compared whole; empty to compare the names from the header.</param>
    /// <param name="leaves">Room for up to <see cref="MaxLeaves"/> fields.</param>
    /// <param name="count">The number of leaves written.</param>
    /// <returns>Whether the frame is flat and well-formed; <see langword="false"/> means "use the tokenizer".</returns>
    public static bool TryScanBody(ReadOnlySpan<byte> frame, int p, Range module, Range message, XctipFieldTable? fields, ReadOnlySpan<byte> trailer, Span<XctipLeaf> leaves, out int count)
    {
        count = 0;
        int hint = 0;
        bool windows = fields is not null && Vector128.IsHardwareAccelerated;
        while (true)
        {
            if ((uint)(p + 1) >= (uint)frame.Length || frame[p] != (byte)'<')
            {
                return false;
            }

            if (frame[p + 1] == (byte)'/')
            {
                break;
            }

            if (count == leaves.Length)
            {
                return false;
            }

            int nameStart = p + 1;
            int nameLength;
            int valueStart;
            int end;
            int field = -1;
            var window = default(Vector128<byte>);
            if (windows && frame.Length - p >= Vector128<byte>.Count)
            {
                window = Load(frame, p);
                fields!.TryMatchStartTag(window, hint, out field);
            }

            if (field >= 0)
            {
                // "<Name>" matched whole; the value's end is often in the same window.
                nameLength = fields!.NameLength(field);
                valueStart = p + nameLength + 2;
                end = FindValueEnd(frame, p, window, nameLength);
                hint = field + 1;
            }
            else
            {
                if (!TryStartTag(frame, p, out int nameEnd) || nameEnd - nameStart > short.MaxValue)
                {
                    return false;
                }

                nameLength = nameEnd - nameStart;
                if (frame[nameEnd] == (byte)'/')
                {
                    if ((uint)(nameEnd + 1) >= (uint)frame.Length || frame[nameEnd + 1] != (byte)'>')
                    {
                        return false;
                    }

                    leaves[count++] = new XctipLeaf(nameStart, nameLength, nameEnd + 2, 0, true, false);
                    p = nameEnd + 2;
                    continue;
                }

                if (frame[nameEnd] != (byte)'>')
                {
                    return false;
                }

                valueStart = nameEnd + 1;
                end = FindTextStop(frame, valueStart);
            }

            if (end < 0)
            {
                return false;
            }

            bool references = false;
            if (frame[end] != (byte)'<')
            {
                // '&' or NUL: the rare text with references, checked exactly as the tokenizer checks it.
                int lt = frame[valueStart..].IndexOf((byte)'<');
                if (lt < 0 || !HasOnlyValidReferences(frame.Slice(valueStart, lt)))
                {
                    return false;
                }

                references = true;
                end = valueStart + lt;
            }

            // The end tag must be "</" + the same name + ">", exactly.
            bool closed = field >= 0 && frame.Length - end >= Vector128<byte>.Count
                ? fields!.MatchesEndTag(Load(frame, end), field)
                : IsEndTagOf(frame, end, nameStart, nameLength);
            if (!closed)
            {
                return false;
            }

            leaves[count++] = new XctipLeaf(nameStart, nameLength, valueStart, end - valueStart, false, references, field);
            p = end + 3 + nameLength;
        }

        if (!trailer.IsEmpty)
        {
            return IsFrameEnd(frame, p, trailer);
        }

        if (!IsEndTag(frame, p, frame[message]))
        {
            return false;
        }

        p += 3 + (message.End.Value - message.Start.Value);
        if (!IsEndTag(frame, p, frame[module]))
        {
            return false;
        }

        p += 3 + (module.End.Value - module.Start.Value);
        return IsFrameEnd(frame, p, RootEnd);
    }

    /// <summary>
    /// Whether <paramref name="end"/> (the closing tags, at least <c>&lt;/XCTIP&gt;</c>) is at <paramref name="p"/>
    /// and only whitespace follows: comments or processing instructions after the root take the general path.
    /// </summary>
    internal static bool IsFrameEnd(ReadOnlySpan<byte> frame, int p, ReadOnlySpan<byte> end)
    {
        if (!frame[p..].StartsWith(end))
        {
            return false;
        }

        p += end.Length;
        return p == frame.Length || frame[p..].IndexOfAnyExcept(" \t\r\n"u8) < 0;
    }

    /// <summary>
    /// For a start tag of <paramref name="nameLength"/> matched whole at <paramref name="tag"/> (its 16 bytes in
    /// <paramref name="window"/>), the offset of the first '&lt;', '&amp;' or NUL after it, or -1: a short value ends in
    /// the window already loaded.
    /// </summary>
    internal static int FindValueEnd(ReadOnlySpan<byte> frame, int tag, Vector128<byte> window, int nameLength)
    {
        uint stops = StopMask(window) >> (nameLength + 2);
        return stops != 0 ? tag + nameLength + 2 + BitOperations.TrailingZeroCount(stops) : FindTextStop(frame, tag + Vector128<byte>.Count);
    }

    /// <summary>16 bytes from <paramref name="p"/>, which the caller has checked exist.</summary>
    internal static Vector128<byte> Load(ReadOnlySpan<byte> frame, int p) =>
        Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(frame), (nuint)p);

    /// <summary>One bit per byte of <paramref name="bytes"/> that ends character data: '&lt;', '&amp;' or NUL.</summary>
    private static uint StopMask(Vector128<byte> bytes) =>
        (Vector128.Equals(bytes, Vector128.Create((byte)'<'))
            | Vector128.Equals(bytes, Vector128.Create((byte)'&'))
            | Vector128.Equals(bytes, Vector128<byte>.Zero)).ExtractMostSignificantBits();

    /// <summary>Scans "&lt;" + name at <paramref name="p"/>; <paramref name="nameEnd"/> is the byte after the name, which exists.</summary>
    private static bool TryStartTag(ReadOnlySpan<byte> frame, int p, out int nameEnd)
    {
        nameEnd = 0;
        int i = p + 1;
        if ((uint)i >= (uint)frame.Length || frame[p] != (byte)'<' || !XctipFrameReader.IsNameStart(frame[i]))
        {
            return false;
        }

        nameEnd = ScanNameChars(frame, i + 1);
        return nameEnd < frame.Length;
    }

    /// <summary>The offset of the first byte from <paramref name="i"/> that cannot continue a name (the tokenizer's table).</summary>
    private static int ScanNameChars(ReadOnlySpan<byte> frame, int i)
    {
        while ((uint)i < (uint)frame.Length && XctipTokenizer.IsNameChar(frame[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// The offset of the first '&lt;', '&amp;' or NUL from <paramref name="start"/>, or -1. Field values are short:
    /// up to four windows of 16 bytes are compared, without the set-up of a general vector search, which takes over
    /// for longer text.
    /// </summary>
    private static int FindTextStop(ReadOnlySpan<byte> frame, int start)
    {
        for (int window = 0; window < 4 && Vector128.IsHardwareAccelerated && frame.Length - start >= Vector128<byte>.Count; window++)
        {
            uint mask = StopMask(Load(frame, start));
            if (mask != 0)
            {
                return start + BitOperations.TrailingZeroCount(mask);
            }

            start += Vector128<byte>.Count;
        }

        int rest = frame[start..].IndexOfAny((byte)'<', (byte)'&', (byte)0);
        return rest < 0 ? -1 : start + rest;
    }

    /// <summary>Whether "&lt;/" + the name at <paramref name="nameStart"/> + "&gt;" is at <paramref name="p"/>.</summary>
    private static bool IsEndTagOf(ReadOnlySpan<byte> frame, int p, int nameStart, int nameLength)
    {
        int close = p + 2 + nameLength;
        if ((uint)close >= (uint)frame.Length || frame[p + 1] != (byte)'/' || frame[close] != (byte)'>')
        {
            return false;
        }

        // Names of up to 8 bytes (nearly all) compare as one 64-bit word when 8 bytes can be read at both places.
        if (nameLength <= sizeof(ulong) && close - nameLength + sizeof(ulong) <= frame.Length)
        {
            ulong a = BinaryPrimitives.ReadUInt64LittleEndian(frame.Slice(p + 2, sizeof(ulong)));
            ulong b = BinaryPrimitives.ReadUInt64LittleEndian(frame.Slice(nameStart, sizeof(ulong)));
            ulong used = nameLength == sizeof(ulong) ? ulong.MaxValue : (1UL << (nameLength * 8)) - 1;
            return ((a ^ b) & used) == 0;
        }

        return frame.Slice(p + 2, nameLength).SequenceEqual(frame.Slice(nameStart, nameLength));
    }

    private static bool IsEndTag(ReadOnlySpan<byte> frame, int p, ReadOnlySpan<byte> name)
    {
        int close = p + 2 + name.Length;
        return (uint)close < (uint)frame.Length
            && frame[p] == (byte)'<' && frame[p + 1] == (byte)'/'
            && frame[close] == (byte)'>'
            && frame.Slice(p + 2, name.Length).SequenceEqual(name);
    }

    /// <summary>The tokenizer's rule for character data: no NUL, and every '&amp;' starts an allowed reference.</summary>
    private static bool HasOnlyValidReferences(ReadOnlySpan<byte> text)
    {
        int i = text.IndexOfAny((byte)'&', (byte)0);
        while (i >= 0)
        {
            if (text[i] == 0)
            {
                return false;
            }

            int length = XctipText.MatchReference(text[i..], out _);
            if (length <= 0)
            {
                return false;
            }

            i += length;
            int next = text[i..].IndexOfAny((byte)'&', (byte)0);
            i = next < 0 ? -1 : i + next;
        }

        return true;
    }
}
