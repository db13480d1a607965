namespace Slican.Cti.Voip.Media;

/// <summary>Audio format constants: 8 kHz mono 16-bit PCM in 20 ms frames, what G.711 telephony uses.</summary>
public static class AudioFormat
{
    /// <summary>Sample rate, 8000 Hz.</summary>
    public const int SampleRate = 8000;

    /// <summary>Frame duration, 20 ms.</summary>
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    /// <summary>Samples per 20 ms frame, 160.</summary>
    public const int SamplesPerFrame = 160;
}

/// <summary>Something that produces audio for a call, one 20 ms frame at a time (called on the media clock).</summary>
public interface IAudioSource
{
    /// <summary>Fills <paramref name="frame"/> (160 samples). Returns false when the source has ended (the frame is then silence).</summary>
    bool ReadFrame(Span<short> frame);
}

/// <summary>Something that consumes the far end's audio, one 20 ms frame at a time (called on the media clock).</summary>
public interface IAudioSink
{
    /// <summary>Takes one decoded frame (160 samples). Must return quickly: it runs on the media clock.</summary>
    void WriteFrame(ReadOnlySpan<short> frame);
}
