using System.Buffers;

namespace Slican.Cti.Doorphone.Media;

/// <summary>
/// One reassembled video frame: an Annex-B access unit (H.264/H.265, start codes <c>00 00 00 01</c>) or a complete
/// JPEG file (MJPEG).
/// </summary>
/// <remarks>
/// <para><b>Ownership.</b> The frame's bytes live in a buffer rented from <see cref="ArrayPool{T}.Shared"/>. Whoever
/// reads a frame from a frame queue owns it and should <see cref="Dispose"/> it when done, which returns the buffer;
/// after that <see cref="Data"/> throws <see cref="ObjectDisposedException"/>. To keep the bytes longer, call
/// <see cref="ToArray"/> first. Frames the queue drops because the consumer is too slow are disposed by the queue.
/// Forgetting to dispose is safe (the garbage collector takes the buffer) but costs allocations.</para>
/// </remarks>
public sealed class VideoFrame : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;
    private readonly bool _pooled;

    internal VideoFrame(VideoCodec codec, byte[] buffer, int length, bool pooled, uint rtpTimestamp, bool isKeyFrame, DateTimeOffset receivedAt, int width = 0, int height = 0)
    {
        Codec = codec;
        _buffer = buffer;
        _length = length;
        _pooled = pooled;
        RtpTimestamp = rtpTimestamp;
        IsKeyFrame = isKeyFrame;
        ReceivedAt = receivedAt;
        Width = width;
        Height = height;
    }

    /// <summary>The codec of <see cref="Data"/>.</summary>
    public VideoCodec Codec { get; }

    /// <summary>The RTP timestamp (90 kHz) shared by the frame's packets.</summary>
    public uint RtpTimestamp { get; }

    /// <summary>True for a frame a decoder can start from: an IDR/IRAP access unit with its parameter sets, or any JPEG.</summary>
    public bool IsKeyFrame { get; }

    /// <summary>When the last packet of the frame arrived (from the client's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Width in pixels when the payload format carries it (MJPEG), else 0.</summary>
    public int Width { get; }

    /// <summary>Height in pixels when the payload format carries it (MJPEG), else 0.</summary>
    public int Height { get; }

    /// <summary>The number of bytes in <see cref="Data"/>.</summary>
    public int Length => _length;

    /// <summary>The frame bytes; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Data
    {
        get
        {
            var buffer = _buffer;
            ObjectDisposedException.ThrowIf(buffer is null, this);
            return new ReadOnlyMemory<byte>(buffer, 0, _length);
        }
    }

    /// <summary>A copy of the bytes that stays valid after <see cref="Dispose"/>.</summary>
    public byte[] ToArray() => Data.ToArray();

    /// <summary>Returns the buffer to the pool; idempotent.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null && _pooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Codec, size and key-frame flag.</summary>
    public override string ToString() => $"{Codec} frame, {_length} bytes{(IsKeyFrame ? ", key frame" : string.Empty)}, ts {RtpTimestamp}";
}
