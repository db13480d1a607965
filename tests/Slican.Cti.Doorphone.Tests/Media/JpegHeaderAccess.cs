using Slican.Cti.Doorphone.Media;

namespace Slican.Cti.Doorphone.Tests.Media;

internal static class JpegHeaderAccess
{
    public static byte[] MakeTables(int q) => JpegHeader.MakeTables(q);

    public static IEnumerable<(byte[] Bits, byte[] Values)> HuffmanTables() =>
    [
        (JpegHeader.DcLumaBits, JpegHeader.DcValues),
        (JpegHeader.DcChromaBits, JpegHeader.DcValues),
        (JpegHeader.AcLumaBits, JpegHeader.AcLumaValues),
        (JpegHeader.AcChromaBits, JpegHeader.AcChromaValues),
    ];
}
