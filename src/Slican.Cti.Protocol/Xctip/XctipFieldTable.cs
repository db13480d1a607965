using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>
/// The child names one message reads, in the order the PBX writes them. A message reader switches on a field's
/// index instead of comparing names, and the flat-frame scan (<see cref="XctipFlatFrame"/>) matches a whole start tag
/// and end tag against a name with one 16-byte compare each, so known names are neither scanned byte by byte nor
/// compared again by the reader.
/// </summary>
internal sealed class XctipFieldTable
{
    /// <summary>Longest name whose end tag (<c>&lt;/</c> + name + <c>&gt;</c>) fits in one 16-byte window.</summary>
    public const int MaxWindowName = 13;

    private readonly byte[][] _names;
    private readonly TagPattern[] _patterns;

    /// <summary>Creates a table; a field's index is its position in <paramref name="names"/>.</summary>
    public XctipFieldTable(params string[] names)
    {
        if (names.Length > sbyte.MaxValue)
        {
            throw new ArgumentException("Too many fields for one table.", nameof(names));
        }

        _names = [.. names.Select(n => Encoding.ASCII.GetBytes(n))];
        _patterns = [.. _names.Select(n => new TagPattern(n))];
    }

    /// <summary>The number of fields.</summary>
    public int Count => _names.Length;

    /// <summary>The index of the field called <paramref name="name"/>, or -1 (the tokenizer path's lookup).</summary>
    public int IndexOf(ReadOnlySpan<byte> name)
    {
        var names = _names;
        for (int i = 0; i < names.Length; i++)
        {
            if (names[i].Length == name.Length && name.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether <paramref name="window"/> (16 bytes from a '&lt;') starts with "&lt;" + a field's name + "&gt;". The field
    /// after the previous one (<paramref name="hint"/>) is tried first, because the PBX writes fields in a fixed order.
    /// </summary>
    public bool TryMatchStartTag(Vector128<byte> window, int hint, out int field)
    {
        var patterns = _patterns;
        if ((uint)hint < (uint)patterns.Length && patterns[hint].MatchesStart(window))
        {
            field = hint;
            return true;
        }

        for (int i = 0; i < patterns.Length; i++)
        {
            if (patterns[i].MatchesStart(window))
            {
                field = i;
                return true;
            }
        }

        field = -1;
        return false;
    }

    /// <summary>Whether <paramref name="window"/> (16 bytes from a '&lt;') starts with "&lt;/" + the field's name + "&gt;".</summary>
    public bool MatchesEndTag(Vector128<byte> window, int field) => _patterns[field].MatchesEnd(window);

    /// <summary>The field's name length in bytes.</summary>
    public int NameLength(int field) => _names[field].Length;

    /// <summary>A name's start and end tags as masked 16-byte patterns; a name too long for the window never matches.</summary>
    [StructLayout(LayoutKind.Auto)]
    private readonly struct TagPattern
    {
        private readonly Vector128<byte> _start;
        private readonly Vector128<byte> _startMask;
        private readonly Vector128<byte> _end;
        private readonly Vector128<byte> _endMask;

        public TagPattern(byte[] name)
        {
            if (name.Length > MaxWindowName || name.Length == 0)
            {
                // An all-ones mask against a pattern with a '<' where no tag can have it: never equal.
                _startMask = _endMask = Vector128<byte>.AllBitsSet;
                _start = _end = Vector128.Create((byte)'<');
                return;
            }

            Span<byte> start = stackalloc byte[16];
            Span<byte> end = stackalloc byte[16];
            start.Clear();
            end.Clear();
            start[0] = (byte)'<';
            name.CopyTo(start[1..]);
            start[name.Length + 1] = (byte)'>';
            end[0] = (byte)'<';
            end[1] = (byte)'/';
            name.CopyTo(end[2..]);
            end[name.Length + 2] = (byte)'>';
            _start = Vector128.Create((ReadOnlySpan<byte>)start);
            _end = Vector128.Create((ReadOnlySpan<byte>)end);
            _startMask = Mask(name.Length + 2);
            _endMask = Mask(name.Length + 3);
        }

        public bool MatchesStart(Vector128<byte> window) => (window & _startMask) == _start;

        public bool MatchesEnd(Vector128<byte> window) => (window & _endMask) == _end;

        private static Vector128<byte> Mask(int length)
        {
            Span<byte> mask = stackalloc byte[16];
            mask.Clear();
            mask[..length].Fill(0xFF);
            return Vector128.Create((ReadOnlySpan<byte>)mask);
        }
    }
}
