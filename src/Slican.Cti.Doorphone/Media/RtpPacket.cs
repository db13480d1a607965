using System.Buffers.Binary;

namespace Slican.Cti.Doorphone.Media;

/// <summary>A parsed RTP packet (RFC 3550 §5.1) over a span; the payload excludes CSRCs, the header extension and padding.</summary>
public readonly ref struct RtpPacket
{
    /// <summary>Creates a packet view (mostly for tests and benchmarks).</summary>
    public RtpPacket(bool marker, byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload)
    {
        Marker = marker;
        PayloadType = payloadType;
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Ssrc = ssrc;
        Payload = payload;
    }

    /// <summary>The marker bit: last packet of a video frame.</summary>
    public bool Marker { get; }

    /// <summary>The payload type.</summary>
    public byte PayloadType { get; }

    /// <summary>The sequence number.</summary>
    public ushort SequenceNumber { get; }

    /// <summary>The media timestamp (90 kHz for video).</summary>
    public uint Timestamp { get; }

    /// <summary>The synchronization source.</summary>
    public uint Ssrc { get; }

    /// <summary>The payload.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Parses a packet; false for anything that is not well-formed RTP version 2 (never throws).</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtpPacket packet)
    {
        packet = default;
        if (data.Length < 12 || (data[0] >> 6) != 2)
        {
            return false;
        }

        int csrcCount = data[0] & 0x0F;
        int offset = 12 + (4 * csrcCount);
        if (offset > data.Length)
        {
            return false;
        }

        if ((data[0] & 0x10) != 0)
        {
            if (offset + 4 > data.Length)
            {
                return false;
            }

            int words = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            offset += 4 + (words * 4);
            if (offset > data.Length)
            {
                return false;
            }
        }

        int end = data.Length;
        if ((data[0] & 0x20) != 0)
        {
            int padding = data[^1];
            if (padding == 0 || end - padding < offset)
            {
                return false;
            }

            end -= padding;
        }

        packet = new RtpPacket(
            (data[1] & 0x80) != 0,
            (byte)(data[1] & 0x7F),
            BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
            data[offset..end]);
        return true;
    }
}
