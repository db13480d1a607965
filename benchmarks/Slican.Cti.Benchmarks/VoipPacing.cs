using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Slican.Cti.Voip;
using Slican.Cti.Voip.Media;
using Slican.Cti.Voip.Rtp;

namespace Slican.Cti.Benchmarks;

/// <summary>
/// RTP pacing under load: N concurrent G.711 calls, each an <see cref="RtpAudioSession"/> sending a tone every
/// 20 ms to an in-process echo (like sipp -rtp_echo), so each session also receives, jitter-buffers and plays out.
/// Reports the deviation of packet send times from the 20 ms grid (p50/p99/max) and process CPU per call.
/// Not a BenchmarkDotNet run: it measures wall-clock behaviour over seconds.
/// </summary>
internal static class VoipPacing
{
    public static async Task RunAsync(string[] args)
    {
        int calls = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100;
        int seconds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
        using var echo = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        echo.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var stop = new CancellationTokenSource();
        var echoTask = Task.Run(async () =>
        {
            // The far end stands in for another process, so it must not add garbage of its own to ours.
            var buffer = new byte[2048];
            var from = new SocketAddress(AddressFamily.InterNetwork);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    int n = await echo.ReceiveFromAsync(buffer, SocketFlags.None, from, stop.Token);
                    await echo.SendToAsync(buffer.AsMemory(0, n), SocketFlags.None, from, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (SocketException)
                {
                }
            }
        });

        var allocator = new RtpPortAllocator(0, 0);
        bool shared = !args.Contains("--per-session-timers");
        using var clock = new MediaClock();
        var sessions = new List<RtpAudioSession>();
        var sendTimes = new List<long>[calls];
        for (int i = 0; i < calls; i++)
        {
            var (rtp, rtcp) = allocator.Bind(IPAddress.Loopback);
            var times = sendTimes[i] = new List<long>(seconds * 60);
            var session = new RtpAudioSession(rtp, rtcp, TimeProvider.System, NullLogger.Instance, DefaultRandom.Instance)
            {
                RemoteEndPoint = (IPEndPoint)echo.LocalEndPoint!,
                SymmetricRtp = false,
                Codec = G711Law.ALaw,
                Source = new ToneSource(1000),
                Sink = new MemoryAudioSink(maxSeconds: 1),
                OnPacketSent = t => times.Add(t),
                Clock = shared ? clock : null,
            };
            sessions.Add(session);
        }

        var process = Process.GetCurrentProcess();
        foreach (var s in sessions)
        {
            s.Start();
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // warm-up, excluded
        foreach (var t in sendTimes)
        {
            lock (t)
            {
                t.Clear();
            }
        }

        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        int gcStart = GC.CollectionCount(0);
        var wall = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuStart;
        int collections = GC.CollectionCount(0) - gcStart;
        double wallSeconds = wall.Elapsed.TotalSeconds;
        foreach (var s in sessions)
        {
            await s.DisposeAsync();
        }

        await stop.CancelAsync();
        await echoTask;

        var deviations = new List<double>();
        long packets = 0;
        foreach (var times in sendTimes)
        {
            long[] copy;
            lock (times)
            {
                copy = times.ToArray();
            }

            packets += copy.Length;
            for (int i = 1; i < copy.Length; i++)
            {
                double intervalMs = (copy[i] - copy[i - 1]) * 1000.0 / Stopwatch.Frequency;
                deviations.Add(Math.Abs(intervalMs - 20.0));
            }
        }

        deviations.Sort();
        double P(double q) => deviations.Count == 0 ? double.NaN : deviations[Math.Min(deviations.Count - 1, (int)(q * deviations.Count))];
        double expected = calls * wallSeconds * 50;
        Console.WriteLine(shared ? "pacing: one shared MediaClock thread" : "pacing: one PeriodicTimer per session");
        Console.WriteLine($"calls={calls} seconds={wallSeconds:0.0} packets={packets} ({packets / expected:P1} of the {expected:0} due)");
        Console.WriteLine($"send-interval deviation from 20 ms: p50={P(0.50):0.00} ms p90={P(0.90):0.00} ms p99={P(0.99):0.00} ms max={deviations.LastOrDefault():0.00} ms");
        Console.WriteLine($"garbage collections during the run: {collections} (each pauses the media clock too)");
        Console.WriteLine($"process CPU {cpu.TotalMilliseconds / wallSeconds / 10:0.0}% of one core; per call {cpu.TotalMilliseconds / wallSeconds / 10 / calls:0.000}% of one core (includes the in-process echo)");
    }
}
