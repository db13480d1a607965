using System.Buffers.Binary;

namespace Slican.Cti.Voip.Rtp;

/// <summary>RFC 4733 telephone-event payload: event code, end flag, volume and duration.</summary>
public readonly record struct DtmfEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    /// <summary>Payload size.</summary>
    public const int Size = 4;

    /// <summary>Maps a key ('0'-'9', '*', '#', 'A'-'D') to its event code; throws for anything else.</summary>
    public static byte CodeOf(char digit) => digit switch
    {
        >= '0' and <= '9' => (byte)(digit - '0'),
        '*' => 10,
        '#' => 11,
        >= 'A' and <= 'D' => (byte)(digit - 'A' + 12),
        >= 'a' and <= 'd' => (byte)(digit - 'a' + 12),
        _ => throw new ArgumentOutOfRangeException(nameof(digit), digit, "DTMF digits are 0-9, *, # and A-D."),
    };

    /// <summary>Maps an event code back to its key, or null for non-DTMF events.</summary>
    public static char? DigitOf(byte code) => code switch
    {
        <= 9 => (char)('0' + code),
        10 => '*',
        11 => '#',
        <= 15 => (char)('A' + code - 12),
        _ => null,
    };

    /// <summary>Parses a payload.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out DtmfEvent value)
    {
        value = default;
        if (payload.Length < Size)
        {
            return false;
        }

        value = new DtmfEvent(payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the payload.</summary>
    public void Write(Span<byte> destination)
    {
        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
    }
}
