namespace Slican.Cti.Doorphone.Media;

/// <summary>Builds the JPEG headers RFC 2435 leaves out (its Appendix A and B, written from the JPEG standard's tables).</summary>
internal static class JpegHeader
{
    /// <summary>Natural-order index of each zig-zag position.</summary>
    private static readonly byte[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    /// <summary>JPEG standard (ITU T.81 Annex K.1) luminance table, natural order.</summary>
    private static readonly byte[] LumaQuantizer =
    [
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    ];

    /// <summary>JPEG standard chrominance table, natural order.</summary>
    private static readonly byte[] ChromaQuantizer =
    [
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
    ];

    internal static readonly byte[] DcLumaBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    internal static readonly byte[] DcChromaBits = [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
    internal static readonly byte[] DcValues = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    internal static readonly byte[] AcLumaBits = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
    internal static readonly byte[] AcChromaBits = [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77];

    internal static readonly byte[] AcLumaValues =
    [
        0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
        0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
        0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
        0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
        0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
        0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
        0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
        0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
        0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
        0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
        0xf9, 0xfa,
    ];

    internal static readonly byte[] AcChromaValues =
    [
        0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
        0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0,
        0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26,
        0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
        0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
        0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
        0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5,
        0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
        0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
        0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
        0xf9, 0xfa,
    ];

    /// <summary>RFC 2435 Appendix A: the luma and chroma tables (zig-zag order, 128 bytes) for a Q factor 1–127.</summary>
    public static byte[] MakeTables(int q)
    {
        int factor = Math.Clamp(q, 1, 99);
        int scale = q < 50 ? 5000 / factor : 200 - (factor * 2);
        var tables = new byte[128];
        for (int i = 0; i < 64; i++)
        {
            int natural = ZigZag[i];
            tables[i] = (byte)Math.Clamp(((LumaQuantizer[natural] * scale) + 50) / 100, 1, 255);
            tables[64 + i] = (byte)Math.Clamp(((ChromaQuantizer[natural] * scale) + 50) / 100, 1, 255);
        }

        return tables;
    }

    /// <summary>
    /// Writes SOI..SOS for a frame. <paramref name="type"/> 0 = 4:2:2 (Y 2×1), 1 = 4:2:0 (Y 2×2).
    /// <paramref name="tables"/> holds one or two tables (8-bit: 64 bytes each; 16-bit per <paramref name="precision"/> bit: 128).
    /// </summary>
    public static bool TryWrite(FrameBuffer output, int type, int width, int height, ReadOnlySpan<byte> tables, byte precision, int restartInterval)
    {
        // Split the table data into (precision, bytes) tables in order.
        Span<int> tableOffsets = stackalloc int[4];
        Span<int> tableSizes = stackalloc int[4];
        int count = 0;
        int position = 0;
        while (position < tables.Length && count < 4)
        {
            int size = ((precision >> count) & 1) != 0 ? 128 : 64;
            if (position + size > tables.Length)
            {
                return false;
            }

            tableOffsets[count] = position;
            tableSizes[count] = size;
            position += size;
            count++;
        }

        if (count == 0 || position != tables.Length)
        {
            return false;
        }

        output.Append([0xFF, 0xD8]);
        for (int i = 0; i < count; i++)
        {
            int length = 2 + 1 + tableSizes[i];
            output.Append([0xFF, 0xDB, (byte)(length >> 8), (byte)length, (byte)(((tableSizes[i] == 128 ? 1 : 0) << 4) | i)]);
            output.Append(tables.Slice(tableOffsets[i], tableSizes[i]));
        }

        if (restartInterval > 0)
        {
            output.Append([0xFF, 0xDD, 0x00, 0x04, (byte)(restartInterval >> 8), (byte)restartInterval]);
        }

        byte chromaTable = (byte)(count > 1 ? 1 : 0);
        output.Append(
        [
            0xFF, 0xC0, 0x00, 17, 8,
            (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width,
            3,
            1, (byte)(type == 0 ? 0x21 : 0x22), 0,
            2, 0x11, chromaTable,
            3, 0x11, chromaTable,
        ]);

        WriteHuffman(output, 0x00, DcLumaBits, DcValues);
        WriteHuffman(output, 0x10, AcLumaBits, AcLumaValues);
        WriteHuffman(output, 0x01, DcChromaBits, DcValues);
        WriteHuffman(output, 0x11, AcChromaBits, AcChromaValues);

        output.Append([0xFF, 0xDA, 0x00, 12, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);
        return true;
    }

    private static void WriteHuffman(FrameBuffer output, byte classAndId, byte[] bits, byte[] values)
    {
        int length = 2 + 1 + 16 + values.Length;
        output.Append([0xFF, 0xC4, (byte)(length >> 8), (byte)length, classAndId]);
        output.Append(bits);
        output.Append(values);
    }
}
