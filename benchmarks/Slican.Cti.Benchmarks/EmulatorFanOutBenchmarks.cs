using System.Globalization;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing;

namespace Slican.Cti.Benchmarks;

/// <summary>
/// 1,000 logged-in XCTIP sessions registered for presence; one operation publishes 100 presence changes, which the
/// emulator fans out to every session (100,000 frames), and ends when every client has received all of them.
/// Compares encoding each event once and sharing the bytes (the default) with encoding it once per session.
/// </summary>
[MemoryDiagnoser]
public class EmulatorFanOutBenchmarks
{
    public const int Sessions = 1000;
    public const int ChangesPerOperation = 100;
    private readonly List<FrameCountingClient> _clients = [];
    private PbxEmulator _pbx = null!;
    private long _frames;
    private long _target;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _change;

    [Params(true, false)]
    public bool ShareEncodedEvents { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { LedgerCapacity = 0, ShareEncodedEvents = ShareEncodedEvents });
        var logins = _pbx.World.Subscribers.Where(s => s.Kind == SubscriberKind.MessengerUser && s.Extension is not "240" and not "241").Select(s => s.Extension).ToArray();
        int perRegistration = 3 + _pbx.World.Subscribers.Count; // LogInfo_ANS, Log/Answer, Status/Answer, one Refresh_EV each

        long before = GC.GetTotalMemory(forceFullCollection: true);
        _target = (long)Sessions * perRegistration;
        for (int i = 0; i < Sessions; i++)
        {
            var client = await FrameCountingClient.ConnectAsync(_pbx, logins[i % logins.Length], this);
            _clients.Add(client);
        }

        await _reached.Task.WaitAsync(TimeSpan.FromMinutes(2));
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// EmulatorFanOut: sessions held {_pbx.World.SessionCount}, managed memory per session (server session + raw client socket) {(after - before) / Sessions:N0} B"));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        int held = _pbx.World.SessionCount;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// EmulatorFanOut: sessions still held after the run: {held}"));
        foreach (var c in _clients)
        {
            c.Dispose();
        }

        await _pbx.DisposeAsync();
        if (held != Sessions)
        {
            throw new InvalidOperationException($"Only {held} of {Sessions} sessions survived the run.");
        }
    }

    [Benchmark(Description = "100 presence changes fanned out to 1,000 sessions (100,000 frames)")]
    public async Task FanOutAsync()
    {
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _target, Interlocked.Read(ref _frames) + ((long)Sessions * ChangesPerOperation));
        for (int i = 0; i < ChangesPerOperation; i++)
        {
            await _pbx.Scenario.SetPresenceAsync("202", description: string.Create(CultureInfo.InvariantCulture, $"Spotkanie {_change++}"));
        }

        await _reached.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }

    private void Counted(int frames)
    {
        if (Interlocked.Add(ref _frames, frames) >= Volatile.Read(ref _target))
        {
            _reached.TrySetResult();
        }
    }

    /// <summary>A raw socket that logs in, registers for presence and counts the frames it receives.</summary>
    private sealed class FrameCountingClient : IDisposable
    {
        private static readonly byte[] s_end = "</XCTIP>"u8.ToArray();
        private readonly Socket _socket;
        private readonly EmulatorFanOutBenchmarks _owner;

        private FrameCountingClient(Socket socket, EmulatorFanOutBenchmarks owner)
        {
            _socket = socket;
            _owner = owner;
            _ = Task.Run(ReadAsync);
        }

        public static async Task<FrameCountingClient> ConnectAsync(PbxEmulator pbx, string extension, EmulatorFanOutBenchmarks owner)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(pbx.XctipEndPoint);
            var client = new FrameCountingClient(socket, owner);
            await socket.SendAsync(XctipCodec.ToBytes(new MakeLogRequest { CId = 1, Login = extension, Pass = "1234" }, new StatusRegisterRequest { CId = 2 }));
            return client;
        }

        public void Dispose() => _socket.Dispose();

        private async Task ReadAsync()
        {
            var buffer = new byte[16 * 1024];
            int carried = 0;
            try
            {
                while (true)
                {
                    int n = await _socket.ReceiveAsync(buffer.AsMemory(carried));
                    if (n == 0)
                    {
                        return;
                    }

                    int length = carried + n, frames = 0, start = 0;
                    while (true)
                    {
                        int at = buffer.AsSpan(start, length - start).IndexOf(s_end);
                        if (at < 0)
                        {
                            break;
                        }

                        frames++;
                        start += at + s_end.Length;
                    }

                    // Keep a possible partial "</XCTIP>" for the next read.
                    carried = Math.Min(s_end.Length - 1, length - start);
                    buffer.AsSpan(length - carried, carried).CopyTo(buffer);
                    if (frames > 0)
                    {
                        _owner.Counted(frames);
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
