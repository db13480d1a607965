using System.Buffers.Binary;

namespace Slican.Cti.Voip.Rtp;

/// <summary>An RTP packet header (RFC 3550 §5.1) with its payload location.</summary>
public readonly record struct RtpHeader(bool Marker, byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc, int PayloadOffset, int PayloadLength)
{
    /// <summary>Fixed header size without CSRCs or extension.</summary>
    public const int FixedSize = 12;

    /// <summary>Parses a packet; false when it is not RTP version 2 or is truncated.</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpHeader header)
    {
        header = default;
        if (packet.Length < FixedSize || (packet[0] >> 6) != 2)
        {
            return false;
        }

        bool padding = (packet[0] & 0x20) != 0;
        bool extension = (packet[0] & 0x10) != 0;
        int csrcCount = packet[0] & 0x0F;
        int offset = FixedSize + (4 * csrcCount);
        if (packet.Length < offset)
        {
            return false;
        }

        if (extension)
        {
            if (packet.Length < offset + 4)
            {
                return false;
            }

            offset += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]));
        }

        int end = packet.Length;
        if (padding && end > offset)
        {
            end -= packet[^1];
        }

        if (end < offset)
        {
            return false;
        }

        byte pt = (byte)(packet[1] & 0x7F);
        if (pt is >= 72 and <= 76)
        {
            return false; // RTCP SR/RR/SDES/BYE/APP multiplexed on this port
        }

        header = new RtpHeader(
            (packet[1] & 0x80) != 0,
            pt,
            BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
            offset,
            end - offset);
        return true;
    }

    /// <summary>Writes a 12-byte header.</summary>
    public static void Write(Span<byte> destination, bool marker, byte payloadType, ushort sequence, uint timestamp, uint ssrc)
    {
        destination[0] = 0x80;
        destination[1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ssrc);
    }
}
