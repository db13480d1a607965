namespace Slican.Cti.Voip.Media;

/// <summary>Endless silence.</summary>
public sealed class SilenceSource : IAudioSource
{
    /// <inheritdoc />
    public bool ReadFrame(Span<short> frame)
    {
        frame.Clear();
        return true;
    }
}

/// <summary>A sine tone (e.g. 1 kHz for tests, 425 Hz for a European ringback), optionally for a limited time.</summary>
public sealed class ToneSource : IAudioSource
{
    private readonly double _step;
    private readonly double _amplitude;
    private readonly long _totalSamples;
    private double _phase;
    private long _produced;

    /// <summary>Creates a tone generator.</summary>
    /// <param name="frequencyHz">Tone frequency; below 4000 Hz.</param>
    /// <param name="amplitude">Peak amplitude 0..1 of full scale. Default 0.3 (about -10 dBFS).</param>
    /// <param name="duration">How long the tone lasts; null for ever.</param>
    public ToneSource(double frequencyHz, double amplitude = 0.3, TimeSpan? duration = null)
    {
        if (frequencyHz <= 0 || frequencyHz >= AudioFormat.SampleRate / 2.0)
        {
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, "The tone must be between 0 and 4000 Hz for 8 kHz audio.");
        }

        _step = 2 * Math.PI * frequencyHz / AudioFormat.SampleRate;
        _amplitude = Math.Clamp(amplitude, 0, 1) * short.MaxValue;
        _totalSamples = duration is { } d ? (long)(d.TotalSeconds * AudioFormat.SampleRate) : long.MaxValue;
    }

    /// <inheritdoc />
    public bool ReadFrame(Span<short> frame)
    {
        for (int i = 0; i < frame.Length; i++)
        {
            if (_produced >= _totalSamples)
            {
                frame[i..].Clear();
                return false;
            }

            frame[i] = (short)(Math.Sin(_phase) * _amplitude);
            _phase += _step;
            if (_phase > 2 * Math.PI)
            {
                _phase -= 2 * Math.PI;
            }

            _produced++;
        }

        return true;
    }
}

/// <summary>Plays samples from memory once, then ends.</summary>
public sealed class MemoryAudioSource : IAudioSource
{
    private readonly ReadOnlyMemory<short> _samples;
    private int _position;
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the source.</summary>
    public MemoryAudioSource(ReadOnlyMemory<short> samples) => _samples = samples;

    /// <summary>Completes when every sample has been read.</summary>
    public Task Completion => _completed.Task;

    /// <inheritdoc />
    public bool ReadFrame(Span<short> frame)
    {
        int n = Math.Min(frame.Length, _samples.Length - _position);
        _samples.Span.Slice(_position, n).CopyTo(frame);
        frame[n..].Clear();
        _position += n;
        if (_position >= _samples.Length)
        {
            _completed.TrySetResult();
            return n > 0;
        }

        return true;
    }
}

/// <summary>Keeps every received sample in memory (bounded), for tests and recording.</summary>
public sealed class MemoryAudioSink : IAudioSink
{
    private readonly object _gate = new();
    private readonly List<short> _samples = new();
    private readonly int _maxSamples;

    /// <summary>Creates the sink.</summary>
    /// <param name="maxSeconds">Oldest audio is dropped beyond this. Default 60 s.</param>
    public MemoryAudioSink(int maxSeconds = 60) => _maxSamples = maxSeconds * AudioFormat.SampleRate;

    /// <summary>Raised after each frame (on the media clock; keep handlers short).</summary>
    public event Action<MemoryAudioSink>? FrameWritten;

    /// <summary>Number of samples held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count;
            }
        }
    }

    /// <inheritdoc />
    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        lock (_gate)
        {
            foreach (short s in frame)
            {
                _samples.Add(s);
            }

            if (_samples.Count > _maxSamples)
            {
                _samples.RemoveRange(0, _samples.Count - _maxSamples);
            }
        }

        FrameWritten?.Invoke(this);
    }

    /// <summary>A copy of the last <paramref name="count"/> samples (or all).</summary>
    public short[] Snapshot(int count = int.MaxValue)
    {
        lock (_gate)
        {
            int n = Math.Min(count, _samples.Count);
            return _samples.GetRange(_samples.Count - n, n).ToArray();
        }
    }
}

/// <summary>Fans one frame out to several sinks (e.g. a recorder and a detector).</summary>
public sealed class TeeAudioSink : IAudioSink
{
    private readonly IAudioSink[] _sinks;

    /// <summary>Creates the tee.</summary>
    public TeeAudioSink(params IAudioSink[] sinks) => _sinks = sinks;

    /// <inheritdoc />
    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        foreach (var sink in _sinks)
        {
            sink.WriteFrame(frame);
        }
    }
}
