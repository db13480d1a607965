using System.IO.Pipelines;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip;

namespace Slican.Cti.Benchmarks.Client;

/// <summary>
/// Events per second from a loopback peer to the client's consumers: an <c>await foreach</c> subscription, a C# event
/// handler, against the floor of a bare socket that only splits and decodes the same frames.
/// Per-event figures: the result is per event (<c>OperationsPerInvoke</c>).
/// </summary>
[MemoryDiagnoser]
public class ClientEventBenchmarks
{
    private const int Events = 100_000;
    private byte[] _burst = [];
    private LoopbackFeeder _streamFeeder = null!;
    private LoopbackFeeder _handlerFeeder = null!;
    private LoopbackFeeder _rawFeeder = null!;
    private CtiClient _streamClient = null!;
    private CtiClient _handlerClient = null!;
    private CtiEventSubscription<PresenceChange> _subscription = null!;
    private TaskCompletionSource _handlerDone = new();
    private int _handled;
    private PipeReader _raw = null!;
    private Socket _rawSocket = null!;

    private static CtiClientOptions Options(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        User = "201",
        Password = "bench",
        SyncPhoneBook = false,
        SyncHistory = false,
        EventChannelCapacity = Events * 2,
        HandlerQueueCapacity = Events * 2,
    };

    [GlobalSetup]
    public async Task Setup()
    {
        _burst = LoopbackFeeder.PresenceBurst(Events);
        _streamFeeder = new LoopbackFeeder();
        _handlerFeeder = new LoopbackFeeder();
        _rawFeeder = new LoopbackFeeder();
        _streamClient = await CtiClient.ConnectAsync(Options(_streamFeeder.Port));
        _subscription = _streamClient.Presence.Subscribe();
        _handlerClient = await CtiClient.ConnectAsync(Options(_handlerFeeder.Port));
        _handlerClient.Presence.Changed += (_, _) =>
        {
            if (++_handled == Events) _handlerDone.TrySetResult();
        };
        _rawSocket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await _rawSocket.ConnectAsync("127.0.0.1", _rawFeeder.Port);
        _raw = PipeReader.Create(new NetworkStream(_rawSocket, ownsSocket: true));
        while (_rawFeeder.SessionCount == 0) await Task.Yield();
        Console.WriteLine($"// burst: {Events} Status/Change_EV frames, {_burst.Length} bytes");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        Console.WriteLine($"// stream dropped {_subscription.Dropped}, client stats: {_streamClient.GetStats()}");
        _subscription.Dispose();
        await _streamClient.DisposeAsync();
        await _handlerClient.DisposeAsync();
        await _raw.CompleteAsync();
        await _streamFeeder.DisposeAsync();
        await _handlerFeeder.DisposeAsync();
        await _rawFeeder.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "bare socket: split + typed decode only")]
    public async Task RawDecode()
    {
        var blast = _rawFeeder.BlastAsync(_burst);
        var frames = new XctipFrameReader();
        int seen = 0;
        while (seen < Events)
        {
            var result = await _raw.ReadAsync();
            var buffer = result.Buffer;
            while (frames.TryReadFrame(ref buffer, out var frame))
            {
                seen += XctipCodec.Decode(frame).Count;
            }

            _raw.AdvanceTo(buffer.Start, buffer.End);
        }

        await blast;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "CtiClient → await foreach (Presence.Subscribe)")]
    public async Task AsyncEnumerable()
    {
        var blast = _streamFeeder.BlastAsync(_burst);
        var reader = _subscription.Reader;
        int seen = 0;
        while (seen < Events && await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out _)) seen++;
        }

        await blast;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "CtiClient → C# event handler (Presence.Changed)")]
    public async Task EventHandler()
    {
        _handled = 0;
        _handlerDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blast = _handlerFeeder.BlastAsync(_burst);
        await _handlerDone.Task;
        await blast;
    }
}
