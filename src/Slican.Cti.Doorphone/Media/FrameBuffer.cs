using System.Buffers;

namespace Slican.Cti.Doorphone.Media;

/// <summary>A growable byte buffer rented from the shared pool, handed over whole to a <see cref="VideoFrame"/>.</summary>
internal sealed class FrameBuffer
{
    private readonly int _maxBytes;
    private byte[]? _array;
    private int _length;

    public FrameBuffer(int maxBytes)
    {
        _maxBytes = maxBytes;
    }

    public int Length => _length;

    /// <summary>True when a frame exceeded the size limit; the caller discards the frame.</summary>
    public bool Overflowed { get; private set; }

    public ReadOnlySpan<byte> Written => _array is null ? default : _array.AsSpan(0, _length);

    public void Append(ReadOnlySpan<byte> data)
    {
        if (Overflowed)
        {
            return;
        }

        if (_length + data.Length > _maxBytes)
        {
            Overflowed = true;
            return;
        }

        Ensure(_length + data.Length);
        data.CopyTo(_array.AsSpan(_length));
        _length += data.Length;
    }

    public void Append(byte value)
    {
        Span<byte> one = [value];
        Append(one);
    }

    public void Reset()
    {
        _length = 0;
        Overflowed = false;
    }

    /// <summary>Gives the rented array away (to a frame) and starts empty.</summary>
    public (byte[] Array, int Length) Detach()
    {
        var result = (_array ?? [], _length);
        _array = null;
        _length = 0;
        Overflowed = false;
        return result;
    }

    private void Ensure(int size)
    {
        if (_array is not null && _array.Length >= size)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(size, Math.Max(64 * 1024, (_array?.Length ?? 0) * 2)));
        if (_array is not null)
        {
            _array.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = bigger;
    }
}
