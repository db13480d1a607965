using System.Diagnostics;

namespace Slican.Cti.Voip.Rtp;

/// <summary>
/// One 20 ms clock for all calls of a user agent, on its own thread rather than the thread pool: every tick sends and
/// plays one frame for every registered session, so a busy pool (receive loops, user code) cannot delay media, and
/// 100 calls cost one wake-up per 20 ms instead of 100. Each tick prepares every call's packet before the deadline,
/// spins to it and then only sends, so the last of 100 calls leaves within a few hundred microseconds of the first;
/// the spin costs under 5% of one core. Deadlines are absolute (no drift); when the thread is late it catches
/// up by up to five frames, beyond that it skips.
/// </summary>
internal sealed class MediaClock : IDisposable
{
    private static readonly long FrameTicks = Stopwatch.Frequency / 50;
    private const int SpinMilliseconds = 1;
    private readonly object _gate = new();
    private readonly ManualResetEventSlim _stop = new();
    private RtpAudioSession[] _sessions = Array.Empty<RtpAudioSession>();
    private Thread? _thread;

    public void Register(RtpAudioSession session)
    {
        lock (_gate)
        {
            _sessions = [.. _sessions, session];
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "Slican.Cti.Voip media clock", Priority = ThreadPriority.AboveNormal };
                _thread.Start();
            }
        }
    }

    public void Unregister(RtpAudioSession session)
    {
        lock (_gate)
        {
            _sessions = _sessions.Where(s => s != session).ToArray();
        }
    }

    private void Run()
    {
        long next = Stopwatch.GetTimestamp() + FrameTicks;
        while (!_stop.IsSet)
        {
            // Sleep until about a millisecond before the deadline (timer wake-ups are late by up to ~1 ms).
            long sleepMs = ((next - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency) - SpinMilliseconds;
            if (sleepMs > 0 && _stop.Wait((int)sleepMs))
            {
                return;
            }

            var sessions = Volatile.Read(ref _sessions);
            int burst = 0;
            do
            {
                // Phase 1, before the edge: read sources, encode, packetise. The edge then costs only the sends,
                // so call 100 goes out about as close to the deadline as call 1.
                foreach (var session in sessions)
                {
                    session.PrepareFromClock();
                }

                // Spin (never yield: a yielded slice can cost milliseconds on a busy core) to the edge.
                while (Stopwatch.GetTimestamp() < next)
                {
                    Thread.SpinWait(20);
                }

                // Phase 2, at the edge: send. Phase 3: play-out is not timing-critical to the microsecond.
                foreach (var session in sessions)
                {
                    session.SendFromClock();
                }

                foreach (var session in sessions)
                {
                    session.PlayOutFromClock();
                }

                next += FrameTicks;
            }
            while (next <= Stopwatch.GetTimestamp() && ++burst < 5); // late: catch up by up to five frames

            long now = Stopwatch.GetTimestamp();
            if (next <= now)
            {
                next = now + FrameTicks; // more than 100 ms behind: skip rather than burst
            }
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _thread?.Join();
        _stop.Dispose();
    }
}
