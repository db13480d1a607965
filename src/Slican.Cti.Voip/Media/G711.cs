namespace Slican.Cti.Voip.Media;

/// <summary>
/// ITU-T G.711 µ-law (PCMU, payload type 0) and A-law (PCMA, payload type 8): 16-bit linear PCM to and from 8-bit
/// companded samples. Decoding uses 256-entry tables; encoding uses the segment search of the reference algorithm.
/// </summary>
public static class G711
{
    private const int MuLawBias = 0x84;
    private const int MuLawClip = 32635;
    private static readonly short[] MuLawDecodeTable = BuildMuLawTable();
    private static readonly short[] ALawDecodeTable = BuildALawTable();

    /// <summary>Encodes one sample to µ-law.</summary>
    public static byte LinearToMuLaw(short sample)
    {
        int pcm = sample;
        int sign = (pcm >> 8) & 0x80;
        if (sign != 0)
        {
            pcm = -pcm;
        }

        if (pcm > MuLawClip)
        {
            pcm = MuLawClip;
        }

        pcm += MuLawBias;

        // The segment is the position of the highest set bit above bit 7 (pcm >= 0x84 always has one at 7 or higher).
        int exponent = 24 - System.Numerics.BitOperations.LeadingZeroCount((uint)pcm);

        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>Decodes one µ-law sample.</summary>
    public static short MuLawToLinear(byte value) => MuLawDecodeTable[value];

    /// <summary>Encodes one sample to A-law.</summary>
    public static byte LinearToALaw(short sample)
    {
        int pcm = sample;
        int sign = pcm >= 0 ? 0x80 : 0x00;
        if (sign == 0)
        {
            pcm = -pcm - 1; // A-law is symmetric around -0.5
        }

        if (pcm > 32767)
        {
            pcm = 32767;
        }

        int encoded;
        if (pcm < 256)
        {
            encoded = pcm >> 4;
        }
        else
        {
            int exponent = 24 - System.Numerics.BitOperations.LeadingZeroCount((uint)pcm);

            encoded = (exponent << 4) | ((pcm >> (exponent + 3)) & 0x0F);
        }

        return (byte)((encoded | sign) ^ 0x55);
    }

    /// <summary>Decodes one A-law sample.</summary>
    public static short ALawToLinear(byte value) => ALawDecodeTable[value];

    /// <summary>Encodes a frame to µ-law.</summary>
    public static void EncodeMuLaw(ReadOnlySpan<short> pcm, Span<byte> output)
    {
        for (int i = 0; i < pcm.Length; i++)
        {
            output[i] = LinearToMuLaw(pcm[i]);
        }
    }

    /// <summary>Decodes a µ-law frame.</summary>
    public static void DecodeMuLaw(ReadOnlySpan<byte> encoded, Span<short> output)
    {
        var table = MuLawDecodeTable;
        for (int i = 0; i < encoded.Length; i++)
        {
            output[i] = table[encoded[i]];
        }
    }

    /// <summary>Encodes a frame to A-law.</summary>
    public static void EncodeALaw(ReadOnlySpan<short> pcm, Span<byte> output)
    {
        for (int i = 0; i < pcm.Length; i++)
        {
            output[i] = LinearToALaw(pcm[i]);
        }
    }

    /// <summary>Decodes an A-law frame.</summary>
    public static void DecodeALaw(ReadOnlySpan<byte> encoded, Span<short> output)
    {
        var table = ALawDecodeTable;
        for (int i = 0; i < encoded.Length; i++)
        {
            output[i] = table[encoded[i]];
        }
    }

    private static short[] BuildMuLawTable()
    {
        var table = new short[256];
        for (int i = 0; i < 256; i++)
        {
            int u = ~i & 0xFF;
            int t = ((u & 0x0F) << 3) + MuLawBias;
            t <<= (u & 0x70) >> 4;
            table[i] = (short)((u & 0x80) != 0 ? MuLawBias - t : t - MuLawBias);
        }

        return table;
    }

    private static short[] BuildALawTable()
    {
        var table = new short[256];
        for (int i = 0; i < 256; i++)
        {
            int a = i ^ 0x55;
            int t = (a & 0x0F) << 4;
            int segment = (a & 0x70) >> 4;
            t = segment switch
            {
                0 => t + 8,
                1 => t + 0x108,
                _ => (t + 0x108) << (segment - 1),
            };
            table[i] = (short)((a & 0x80) != 0 ? t : -t);
        }

        return table;
    }
}

/// <summary>The two G.711 laws, with their static RTP payload types.</summary>
public enum G711Law
{
    /// <summary>µ-law, PCMU, payload type 0 (North America, Japan).</summary>
    MuLaw = 0,

    /// <summary>A-law, PCMA, payload type 8 (Europe; what Slican PBXes prefer).</summary>
    ALaw = 8,
}
