namespace Slican.Cti.Voip.Media;

/// <summary>
/// Goertzel single-frequency detector: measures how much of a block's energy sits at one frequency. Used by the
/// interop tests to prove a 1 kHz tone crossed a real SIP peer, and by DTMF tone detection.
/// </summary>
public static class GoertzelDetector
{
    /// <summary>Power of <paramref name="frequencyHz"/> in the block, normalised to the block's total energy (0..1).</summary>
    public static double RelativePower(ReadOnlySpan<short> samples, double frequencyHz, int sampleRate = AudioFormat.SampleRate)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        double coeff = 2 * Math.Cos(2 * Math.PI * frequencyHz / sampleRate);
        double s1 = 0, s2 = 0, energy = 0;
        foreach (short x in samples)
        {
            double s0 = x + (coeff * s1) - s2;
            s2 = s1;
            s1 = s0;
            energy += (double)x * x;
        }

        double power = (s1 * s1) + (s2 * s2) - (coeff * s1 * s2);
        if (energy <= 0)
        {
            return 0;
        }

        // A pure sine of N samples gives power = (N/2)^2 * A^2/... ; energy = N*A^2/2, so power/(energy*N/2) is 1 for a pure tone.
        return Math.Clamp(power / (energy * samples.Length / 2.0), 0, 1);
    }

    /// <summary>RMS level of the block in dBFS (-inf for digital silence).</summary>
    public static double LevelDbfs(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return double.NegativeInfinity;
        }

        double sum = 0;
        foreach (short x in samples)
        {
            sum += (double)x * x;
        }

        double rms = Math.Sqrt(sum / samples.Length);
        return rms <= 0 ? double.NegativeInfinity : 20 * Math.Log10(rms / short.MaxValue);
    }

    /// <summary>True when the block is a clear tone at the frequency: loud enough and most energy at that frequency.</summary>
    public static bool IsTone(ReadOnlySpan<short> samples, double frequencyHz, double minRelativePower = 0.6, double minLevelDbfs = -40) =>
        LevelDbfs(samples) >= minLevelDbfs && RelativePower(samples, frequencyHz) >= minRelativePower;
}
