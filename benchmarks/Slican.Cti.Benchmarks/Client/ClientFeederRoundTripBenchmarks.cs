using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Benchmarks.Client;

/// <summary>
/// The client's own request overhead: round trip to the bare loopback feeder (which answers at once), through
/// <see cref="CtiClient.SendRequestAsync{TReply}"/> against a hand-written socket loop. p50/p99 of every call are printed.
/// </summary>
[MemoryDiagnoser]
public class ClientFeederRoundTripBenchmarks
{
    private readonly LatencySamples _samples = new();
    private LoopbackFeeder _feeder = null!;
    private LoopbackFeeder _rawFeeder = null!;
    private CtiClient _client = null!;
    private NetworkStream _stream = null!;
    private PipeReader _reader = null!;
    private readonly XctipFrameReader _frames = new();
    private readonly byte[] _rawRequest = XctipCodec.ToBytes(new StatusUpdateRequest { CId = 5, AppInfo = "x" });
    private readonly StatusUpdateRequest _request = new() { AppInfo = "x" };

    [GlobalSetup]
    public async Task Setup()
    {
        _feeder = new LoopbackFeeder();
        _rawFeeder = new LoopbackFeeder();
        _client = await CtiClient.ConnectAsync(new CtiClientOptions
        {
            Host = "127.0.0.1", Port = _feeder.Port, User = "201", Password = "bench", SyncPhoneBook = false, SyncHistory = false,
        });
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync("127.0.0.1", _rawFeeder.Port);
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream);
    }

    private async Task CleanupAsync(string what)
    {
        _samples.PrintAndClear(what);
        await _client.DisposeAsync();
        await _reader.CompleteAsync();
        await _feeder.DisposeAsync();
        await _rawFeeder.DisposeAsync();
    }

    [GlobalCleanup(Targets = [nameof(RawSocket)])]
    public Task CleanupRaw() => CleanupAsync("raw socket round trip (feeder)");

    [GlobalCleanup(Targets = [nameof(Client)])]
    public Task CleanupClient() => CleanupAsync("CtiClient round trip (feeder)");

    [Benchmark(Baseline = true, Description = "hand-written socket: Status/Update_REQ → Answer")]
    public async Task RawSocket()
    {
        long start = Stopwatch.GetTimestamp();
        await _stream.WriteAsync(_rawRequest);
        while (true)
        {
            var result = await _reader.ReadAsync();
            var buffer = result.Buffer;
            bool found = _frames.TryReadFrame(ref buffer, out var frame) && XctipCodec.Decode(frame).Count > 0;
            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (found) break;
        }

        _samples.Add(start);
    }

    [Benchmark(Description = "CtiClient.SendRequestAsync: Status/Update_REQ → Answer")]
    public async Task Client()
    {
        long start = Stopwatch.GetTimestamp();
        await _client.SendRequestAsync<XctipAnswer>(_request);
        _samples.Add(start);
    }
}
