using System.Diagnostics;

namespace Slican.Cti.Voip.Rtp;

/// <summary>
/// One 20 ms clock for all calls of a user agent, on its own thread rather than the thread pool: every tick sends and
/// plays one frame for every registered session, so a busy pool (receive loops, user code) cannot delay media, and
/// 100 calls cost one wake-up per 20 ms instead of 100. Deadlines are absolute (no drift); when the thread is
/// late it catches up by up to five frames, beyond that it skips.
/// </summary>
internal sealed class MediaClock : IDisposable
{
    private static readonly long FrameTicks = Stopwatch.Frequency / 50;
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
            long wait = next - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                // Sleep most of the way, then yield-spin the last millisecond for a precise edge.
                long sleepMs = (wait * 1000 / Stopwatch.Frequency) - 1;
                if (sleepMs > 0 && _stop.Wait((int)sleepMs))
                {
                    return;
                }

                while (Stopwatch.GetTimestamp() < next)
                {
                    Thread.Yield();
                }
            }

            int burst = 0;
            long now = Stopwatch.GetTimestamp();
            while (next <= now && burst++ < 5)
            {
                foreach (var session in Volatile.Read(ref _sessions))
                {
                    session.TickFromClock();
                }

                next += FrameTicks;
            }

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
