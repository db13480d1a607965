using System.Buffers;

namespace Slican.Cti.Protocol.Text;

/// <summary>A single-byte code page whose lower half is ASCII, decoded and encoded through tables.</summary>
internal sealed class SingleByteCtiEncoding : CtiEncoding
{
    private const byte Unmapped = 0;
    private readonly char[] _decode = new char[256];
    private readonly byte[] _encode;

    public SingleByteCtiEncoding(string name, int codePage, string upperHalf)
    {
        if (upperHalf.Length != 128)
        {
            throw new ArgumentException("A code page table has 128 entries.", nameof(upperHalf));
        }

        Name = name;
        CodePage = codePage;
        int max = 0x80;
        for (int i = 0; i < 128; i++)
        {
            _decode[i] = (char)i;
            _decode[128 + i] = upperHalf[i];
            max = Math.Max(max, upperHalf[i] + 1);
        }

        // Index by character; 0 marks "not in this code page" (NUL itself is ASCII and handled before the lookup).
        _encode = new byte[max];
        for (int b = 255; b >= 128; b--)
        {
            _encode[_decode[b]] = (byte)b;
        }
    }

    public override string Name { get; }

    public override int CodePage { get; }

    public override bool IsSingleByte => true;

    public override int GetChars(ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        var table = _decode;
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[i] = table[bytes[i]];
        }

        return bytes.Length;
    }

    public override string GetString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) < 0)
        {
            // Known to be ASCII: Latin-1 maps those bytes to the same characters and only widens, without checking again.
            return System.Text.Encoding.Latin1.GetString(bytes);
        }


        char[]? rented = null;
        Span<char> chars = bytes.Length <= 256 ? stackalloc char[bytes.Length] : (rented = ArrayPool<char>.Shared.Rent(bytes.Length));
        GetChars(bytes, chars);
        var result = new string(chars[..bytes.Length]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }

    public override int EncodeUntilUnmappable(ReadOnlySpan<char> text, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int done = 0;
        while (done < text.Length)
        {
            var chunk = text.Slice(done, Math.Min(text.Length - done, 4096));
            var span = output.GetSpan(chunk.Length);
            int i = 0;
            for (; i < chunk.Length; i++)
            {
                char c = chunk[i];
                if (c < 0x80)
                {
                    span[i] = (byte)c;
                    continue;
                }

                byte b = c < _encode.Length ? _encode[c] : Unmapped;
                if (b == Unmapped)
                {
                    break;
                }

                span[i] = b;
            }

            output.Advance(i);
            done += i;
            if (i < chunk.Length)
            {
                break;
            }
        }

        return done;
    }
}
