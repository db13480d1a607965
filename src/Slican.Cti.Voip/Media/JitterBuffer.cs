namespace Slican.Cti.Voip.Media;

/// <summary>
/// Adaptive jitter buffer for 20 ms G.711 frames with packet-loss concealment. Packets are held by RTP sequence
/// number (wrap-around aware) and played out one per tick. The playout delay follows the measured interarrival
/// jitter (between <see cref="MinDelayFrames"/> and <see cref="MaxDelayFrames"/>). A missing frame is concealed by
/// repeating the last one with decaying gain (silence after three), a late packet is dropped, and an overflow
/// drops the oldest frames so delay cannot grow without bound.
/// </summary>
public sealed class JitterBuffer
{
    // A SortedList (at most 2 x MaxDelayFrames entries, nearly always appended in order) gives the oldest frame
    // without an enumerator, and frames are recycled: 50 packets a second per call allocate nothing, so a softphone
    // with many calls does not feed the GC whose pauses would stall the media clock.
    private readonly SortedList<long, short[]> _frames = new();
    private readonly Stack<short[]> _spare = new();
    private readonly object _gate = new();
    private readonly short[] _last = new short[AudioFormat.SamplesPerFrame];
    private long _nextPlay = -1;
    private long _highest = -1;
    private int _concealedInRow;
    private bool _playing;
    private double _jitterFrames;
    private long _lastArrivalTicks = -1;
    private long _lastArrivalIndex;

    /// <summary>Creates a buffer.</summary>
    /// <param name="minDelayFrames">Smallest playout delay in frames. Default 2 (40 ms).</param>
    /// <param name="maxDelayFrames">Largest playout delay and buffer depth trigger. Default 10 (200 ms).</param>
    public JitterBuffer(int minDelayFrames = 2, int maxDelayFrames = 10)
    {
        MinDelayFrames = Math.Max(1, minDelayFrames);
        MaxDelayFrames = Math.Max(MinDelayFrames, maxDelayFrames);
    }

    /// <summary>Smallest playout delay in frames.</summary>
    public int MinDelayFrames { get; }

    /// <summary>Largest playout delay in frames.</summary>
    public int MaxDelayFrames { get; }

    /// <summary>Current target delay in frames (adapts to jitter).</summary>
    public int TargetDelayFrames => Math.Clamp((int)Math.Ceiling((_jitterFrames * 3) + 1), MinDelayFrames, MaxDelayFrames);

    /// <summary>Frames played from real packets.</summary>
    public long PlayedFrames { get; private set; }

    /// <summary>Frames synthesised because a packet was missing.</summary>
    public long ConcealedFrames { get; private set; }

    /// <summary>Packets dropped because they arrived after their playout time, or duplicates.</summary>
    public long LatePackets { get; private set; }

    /// <summary>Frames dropped to bring the delay back down after a burst.</summary>
    public long OverflowDrops { get; private set; }

    /// <summary>Frames waiting.</summary>
    public int Depth
    {
        get
        {
            lock (_gate)
            {
                return _frames.Count;
            }
        }
    }

    private long _extendedBase = -1;

    /// <summary>Adds a decoded frame received with an RTP sequence number.</summary>
    /// <param name="sequence">RTP sequence number.</param>
    /// <param name="samples">160 decoded samples.</param>
    /// <param name="arrivalTicks">Arrival time (any monotonic tick source, <see cref="TimeSpan.TicksPerSecond"/> units) for jitter estimation.</param>
    public void Put(ushort sequence, ReadOnlySpan<short> samples, long arrivalTicks)
    {
        lock (_gate)
        {
            long index = Extend(sequence);
            if ((_nextPlay >= 0 && index < _nextPlay) || _frames.ContainsKey(index))
            {
                LatePackets++;
                return;
            }

            UpdateJitter(index, arrivalTicks);
            var copy = _spare.Count > 0 ? _spare.Pop() : new short[AudioFormat.SamplesPerFrame];
            int length = Math.Min(samples.Length, copy.Length);
            samples[..length].CopyTo(copy);
            copy.AsSpan(length).Clear();
            _frames[index] = copy;
            _highest = Math.Max(_highest, index);
            while (_frames.Count > MaxDelayFrames * 2)
            {
                long oldest = _frames.Keys[0];
                Recycle(0);
                OverflowDrops++;
                _nextPlay = Math.Max(_nextPlay, oldest + 1);
            }
        }
    }

    /// <summary>Produces the next 20 ms frame: real audio, concealment, or silence before playout starts.</summary>
    /// <returns>True when the frame is real audio or concealment; false for pre-roll silence.</returns>
    public bool Pull(Span<short> frame)
    {
        lock (_gate)
        {
            if (!_playing)
            {
                if (_frames.Count == 0 || _highest - _frames.Keys[0] + 1 < TargetDelayFrames)
                {
                    frame.Clear();
                    return false;
                }

                _playing = true;
                _nextPlay = _frames.Keys[0];
            }

            int at = _frames.IndexOfKey(_nextPlay);
            if (at >= 0)
            {
                var samples = _frames.Values[at];
                samples.CopyTo(frame);
                samples.CopyTo(_last, 0);
                Recycle(at);
                _concealedInRow = 0;
                PlayedFrames++;
            }
            else
            {
                Conceal(frame);
            }

            _nextPlay++;

            // Too much queued compared to the target: skip one frame to shrink the delay (time compression).
            if (_frames.Count > TargetDelayFrames + 2 && _frames.IndexOfKey(_nextPlay) is >= 0 and int skip)
            {
                Recycle(skip);
                _nextPlay++;
                OverflowDrops++;
            }

            // Nothing left and long concealment: stop and re-buffer when packets return.
            if (_frames.Count == 0 && _concealedInRow > MaxDelayFrames)
            {
                _playing = false;
            }

            return true;
        }
    }

    private void Recycle(int at)
    {
        _spare.Push(_frames.Values[at]);
        _frames.RemoveAt(at);
    }

    private void Conceal(Span<short> frame)
    {
        ConcealedFrames++;
        _concealedInRow++;
        if (_concealedInRow > 3)
        {
            frame.Clear();
            return;
        }

        // Repeat the last good frame with gain 0.7, 0.5, 0.3 so a lost packet is a dip, not a click.
        double gain = _concealedInRow switch { 1 => 0.7, 2 => 0.5, _ => 0.3 };
        for (int i = 0; i < frame.Length; i++)
        {
            frame[i] = (short)(_last[i] * gain);
        }
    }

    private long Extend(ushort sequence)
    {
        if (_extendedBase < 0)
        {
            _extendedBase = sequence;
            return sequence;
        }

        long reference = _highest >= 0 ? _highest : _extendedBase;
        long candidate = (reference & ~0xFFFFL) | sequence;
        if (candidate - reference > 0x8000)
        {
            candidate -= 0x10000;
        }
        else if (reference - candidate > 0x8000)
        {
            candidate += 0x10000;
        }

        return candidate;
    }

    private void UpdateJitter(long index, long arrivalTicks)
    {
        if (_lastArrivalTicks >= 0)
        {
            double expected = (index - _lastArrivalIndex) * AudioFormat.FrameDuration.Ticks;
            double actual = arrivalTicks - _lastArrivalTicks;
            double d = Math.Abs(actual - expected) / AudioFormat.FrameDuration.Ticks;
            _jitterFrames += (d - _jitterFrames) / 16; // RFC 3550 style smoothing
        }

        _lastArrivalTicks = arrivalTicks;
        _lastArrivalIndex = index;
    }
}
