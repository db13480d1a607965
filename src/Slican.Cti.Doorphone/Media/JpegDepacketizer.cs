namespace Slican.Cti.Doorphone.Media;

/// <summary>
/// Motion JPEG over RTP (RFC 2435). Each frame becomes a complete JPEG/JFIF-compatible file: the client rebuilds the
/// headers the payload format leaves out (SOI, DQT from the in-band tables or from Q, DRI for types 64–127, SOF0,
/// the standard Huffman tables, SOS) in front of the scan data and appends EOI. Fragments must arrive in offset order;
/// a gap discards the frame. Types 0/1 (4:2:2 / 4:2:0) and 64/65 (the same with restart markers) are supported.
/// </summary>
public sealed class JpegDepacketizer : RtpDepacketizer
{
    private readonly byte[]?[] _cachedTables = new byte[]?[256];
    private int _nextOffset;
    private bool _headerWritten;
    private int _width;
    private int _height;

    /// <summary>Creates the depacketizer.</summary>
    /// <param name="onFrame">Receives each frame (the receiver owns it).</param>
    /// <param name="timeProvider">Clock for frame times.</param>
    /// <param name="maxFrameBytes">Size limit per frame.</param>
    public JpegDepacketizer(Action<VideoFrame> onFrame, TimeProvider? timeProvider = null, int maxFrameBytes = 8 * 1024 * 1024)
        : base(onFrame, timeProvider, maxFrameBytes)
    {
    }

    /// <inheritdoc/>
    public override VideoCodec Codec => VideoCodec.Jpeg;

    /// <inheritdoc/>
    protected override bool GapBreaksNextFrame => false;

    /// <inheritdoc/>
    protected override void StartFrame()
    {
        _nextOffset = 0;
        _headerWritten = false;
    }

    /// <inheritdoc/>
    protected override void ProcessPayload(ReadOnlySpan<byte> payload, in RtpPacket packet)
    {
        if (payload.Length < 8)
        {
            Malformed();
            return;
        }

        int offset = (payload[1] << 16) | (payload[2] << 8) | payload[3];
        int type = payload[4];
        int q = payload[5];
        int width = payload[6] * 8;
        int height = payload[7] * 8;
        var rest = payload[8..];
        if (offset != _nextOffset)
        {
            // A fragment is missing (or the first one was lost): the frame cannot be rebuilt.
            FrameBroken = true;
            return;
        }

        int restartInterval = 0;
        if (type is >= 64 and <= 127)
        {
            if (rest.Length < 4)
            {
                Malformed();
                return;
            }

            restartInterval = (rest[0] << 8) | rest[1];
            rest = rest[4..];
        }

        if ((type & 0x3F) > 1 || width == 0 || height == 0)
        {
            // Other types need out-of-band definitions; 0 dimensions mean > 2040 px, which RFC 2435 cannot express.
            Malformed();
            return;
        }

        if (offset == 0)
        {
            ReadOnlySpan<byte> tables;
            byte precision = 0;
            if (q >= 128)
            {
                if (rest.Length < 4)
                {
                    Malformed();
                    return;
                }

                precision = rest[1];
                int length = (rest[2] << 8) | rest[3];
                rest = rest[4..];
                if (length > rest.Length)
                {
                    Malformed();
                    return;
                }

                if (length > 0)
                {
                    tables = rest[..length];
                    rest = rest[length..];
                    if (q != 255)
                    {
                        _cachedTables[q] = tables.ToArray();
                    }
                }
                else if (_cachedTables[q] is { } cached)
                {
                    tables = cached;
                }
                else
                {
                    Malformed();
                    return;
                }
            }
            else
            {
                tables = _cachedTables[q] ??= JpegHeader.MakeTables(q);
            }

            if (!JpegHeader.TryWrite(Buffer, type & 1, width, height, tables, precision, restartInterval))
            {
                Malformed();
                return;
            }

            _headerWritten = true;
            _width = width;
            _height = height;
        }
        else if (!_headerWritten)
        {
            FrameBroken = true;
            return;
        }

        Buffer.Append(rest);
        _nextOffset += rest.Length;
    }

    /// <inheritdoc/>
    protected override bool CompleteFrame(out bool isKeyFrame, out int width, out int height)
    {
        isKeyFrame = true;
        width = _width;
        height = _height;
        if (!_headerWritten)
        {
            return false;
        }

        var written = Buffer.Written;
        if (written.Length < 2 || written[^2] != 0xFF || written[^1] != 0xD9)
        {
            Buffer.Append([0xFF, 0xD9]);
        }

        return true;
    }
}
