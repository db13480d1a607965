using System.Runtime.Intrinsics;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>
/// Walks a flat message's fields straight from the frame, for a message that reads itself in one pass
/// (<see cref="XctipMessageDescriptor.FusedRead"/>): no leaf table and no <see cref="XctipElementReader"/> in between.
/// Only the plainest shape is accepted: every child a field of the table, each at most once, text with no reference
/// or NUL, exact end tags, then the message's known trailer and at most whitespace. Anything else sets
/// <see cref="Failed"/>, and the codec decodes the frame the general way, which handles it; so a fused reader only
/// ever sees frames whose result the general path would give too.
/// </summary>
internal ref struct XctipFieldCursor
{
    private readonly ReadOnlySpan<byte> _frame;
    private readonly XctipFieldTable _fields;
    private readonly ReadOnlySpan<byte> _trailer;
    private int _position;
    private int _hint;
    private ulong _seen;

    /// <summary>Creates a cursor before the first child, at <paramref name="body"/>.</summary>
    public XctipFieldCursor(ReadOnlySpan<byte> frame, int body, XctipFieldTable fields, ReadOnlySpan<byte> trailer)
    {
        _frame = frame;
        _fields = fields;
        _trailer = trailer;
        _position = body;
        Failed = fields.Count > sizeof(ulong) * 8 || !Vector128.IsHardwareAccelerated;
    }

    /// <summary>The current field's index in the table.</summary>
    public int Field { get; private set; }

    /// <summary>The current field's raw text (no references to expand).</summary>
    public ReadOnlySpan<byte> Value { get; private set; }

    /// <summary>Whether the cursor reached the end of the message and found the frame complete.</summary>
    public bool Completed { get; private set; }

    /// <summary>Whether the frame is not of the plain shape (or a reader gave up on a value); nothing read counts then.</summary>
    public bool Failed { get; private set; }

    /// <summary>Moves to the next field; <see langword="false"/> at the end of the message or when <see cref="Failed"/>.</summary>
    public bool MoveNext()
    {
        var frame = _frame;
        int p = _position;
        if (Failed || frame.Length - p < Vector128<byte>.Count)
        {
            return Fail();
        }

        if (frame[p + 1] == (byte)'/')
        {
            // The message's end: the known trailer, then only whitespace.
            if (!XctipFlatFrame.IsFrameEnd(frame, p, _trailer))
            {
                return Fail();
            }

            Completed = true;
            return false;
        }

        var window = XctipFlatFrame.Load(frame, p);
        if (!_fields.TryMatchStartTag(window, _hint, out int field) || (_seen & (1UL << field)) != 0)
        {
            return Fail();
        }

        int nameLength = _fields.NameLength(field);
        int valueStart = p + nameLength + 2;
        int end = XctipFlatFrame.FindValueEnd(frame, p, window, nameLength);
        if (end < 0 || frame[end] != (byte)'<' || frame.Length - end < Vector128<byte>.Count
            || !_fields.MatchesEndTag(XctipFlatFrame.Load(frame, end), field))
        {
            return Fail();
        }

        Field = field;
        Value = frame[valueStart..end];
        _seen |= 1UL << field;
        _hint = field + 1;
        _position = end + nameLength + 3;
        return true;
    }

    /// <summary>Gives up on this frame: a value the fused reader cannot take as the general path would.</summary>
    public bool Fail()
    {
        Failed = true;
        return false;
    }
}
