using Slican.Cti.Voip.Media;

namespace Slican.Cti.Voip.Tests.Media;

public sealed class WavTests
{
    [Fact]
    public async Task A_recording_reads_back_sample_for_sample()
    {
        string path = Path.Combine(Path.GetTempPath(), $"slican-wav-{Guid.NewGuid():N}.wav");
        try
        {
            var tone = new short[1600];
            new ToneSource(440).ReadFrame(tone);
            await using (var sink = new WavFileSink(path))
            {
                for (int i = 0; i < tone.Length; i += 160)
                {
                    sink.WriteFrame(tone.AsSpan(i, 160));
                }
            }

            Assert.Equal(tone, await WavReader.ReadAsync(path));
            var source = new MemoryAudioSource(tone);
            var frame = new short[160];
            int frames = 0;
            while (!source.Completion.IsCompleted)
            {
                source.ReadFrame(frame);
                frames++;
            }

            Assert.Equal(10, frames);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Wrong_formats_are_refused_with_advice()
    {
        var header = WavFileSink.BuildHeader(0);
        header[24] = 0x44; // 44100-ish sample rate
        header[25] = 0xAC;
        var ex = Assert.Throws<WavFormatException>(() => WavReader.Read(header));
        Assert.Contains("8000 Hz", ex.Message, StringComparison.Ordinal);
        Assert.Throws<WavFormatException>(() => WavReader.Read("not a wav"u8));
    }

    [Fact]
    public void Mute_silences_but_keeps_the_source_moving()
    {
        var mute = new MuteableSource(new ToneSource(1000)) { Muted = true };
        var frame = new short[160];
        mute.ReadFrame(frame);
        Assert.All(frame, s => Assert.Equal(0, s));
        mute.Muted = false;
        mute.ReadFrame(frame);
        Assert.Contains(frame, s => s != 0);
    }
}
