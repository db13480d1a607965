using Slican.Cti.Voip.Media;

namespace Slican.Cti.Voip.Tests.Media;

public sealed class G711Tests
{
    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7F)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    public void MuLaw_encodes_the_reference_values(short pcm, byte expected) => Assert.Equal(expected, G711.LinearToMuLaw(pcm));

    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(-1, 0x55)]
    [InlineData(32767, 0xAA)]
    [InlineData(-32768, 0x2A)]
    public void ALaw_encodes_the_reference_values(short pcm, byte expected) => Assert.Equal(expected, G711.LinearToALaw(pcm));

    [Fact]
    public void Every_code_decodes_and_reencodes_to_itself()
    {
        for (int code = 0; code < 256; code++)
        {
            // 0x7F and 0xFF are the two µ-law zeros, which both decode to 0 and encode back to 0xFF.
            if (code != 0x7F)
            {
                Assert.Equal((byte)code, G711.LinearToMuLaw(G711.MuLawToLinear((byte)code)));
            }

            Assert.Equal((byte)code, G711.LinearToALaw(G711.ALawToLinear((byte)code)));
        }
    }

    [Fact]
    public void Round_trip_error_stays_within_the_companding_step()
    {
        for (int s = short.MinValue; s <= short.MaxValue; s += 7)
        {
            short x = (short)s;
            int mu = G711.MuLawToLinear(G711.LinearToMuLaw(x));
            int a = G711.ALawToLinear(G711.LinearToALaw(x));
            int tolerance = Math.Max(16, Math.Abs((int)x) / 16) + 1;
            Assert.InRange(Math.Abs(mu - x), 0, tolerance);
            Assert.InRange(Math.Abs(a - x), 0, tolerance);
        }
    }

    [Fact]
    public void A_tone_survives_encoding_and_the_detector_finds_it()
    {
        var tone = new ToneSource(1000, 0.3);
        var frame = new short[800];
        tone.ReadFrame(frame);
        var encoded = new byte[frame.Length];
        var decoded = new short[frame.Length];
        G711.EncodeALaw(frame, encoded);
        G711.DecodeALaw(encoded, decoded);
        Assert.True(GoertzelDetector.IsTone(decoded, 1000));
        Assert.False(GoertzelDetector.IsTone(decoded, 1400));
        Assert.InRange(GoertzelDetector.LevelDbfs(decoded), -14, -10);
    }
}
