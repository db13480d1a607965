using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing;

namespace Slican.Cti.Benchmarks.Client;

/// <summary>
/// Request round trip against the in-process emulator over loopback: <c>Services/Get_REQ</c> → <c>Services_ANS</c>
/// through the client (CId correlation, timeout, writer loop) against a hand-written socket loop sending the same
/// frame. Every call's latency is recorded; p50/p99 are printed at the end of each benchmark.
/// </summary>
[MemoryDiagnoser]
public class ClientRequestBenchmarks
{
    private readonly LatencySamples _samples = new();
    private PbxEmulator _pbx = null!;
    private CtiClient _client = null!;
    private Socket _socket = null!;
    private NetworkStream _stream = null!;
    private PipeReader _reader = null!;
    private XctipFrameReader _frames = null!;
    private byte[] _rawRequest = [];

    [GlobalSetup]
    public async Task Setup()
    {
        _pbx = await PbxEmulator.StartAsync();
        _client = await CtiClient.ConnectAsync(new CtiClientOptions
        {
            Host = "127.0.0.1", Port = _pbx.XctipEndPoint.Port, User = "201", Password = "1234", SyncHistory = false,
        });
        _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await _socket.ConnectAsync(_pbx.XctipEndPoint);
        _stream = new NetworkStream(_socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream);
        _frames = new XctipFrameReader();
        await _stream.WriteAsync(XctipCodec.ToBytes(new MakeLogRequest { CId = 1, Login = "202", Pass = "1234" }));
        await ReadUntilAsync<XctipAnswer>();
        _rawRequest = XctipCodec.ToBytes(new ServicesGetRequest { CId = 7 });
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _client.DisposeAsync();
        await _reader.CompleteAsync();
        await _pbx.DisposeAsync();
    }

    [GlobalCleanup(Targets = [nameof(RawSocket)])]
    public Task CleanupRaw()
    {
        _samples.PrintAndClear("raw socket round trip");
        return Cleanup();
    }

    [GlobalCleanup(Targets = [nameof(CtiClientRequest)])]
    public Task CleanupClient()
    {
        _samples.PrintAndClear("CtiClient round trip");
        return Cleanup();
    }

    [Benchmark(Baseline = true, Description = "hand-written socket: write frame, read until Services_ANS")]
    public async Task RawSocket()
    {
        long start = Stopwatch.GetTimestamp();
        await _stream.WriteAsync(_rawRequest);
        await ReadUntilAsync<ServicesAnswer>();
        _samples.Add(start);
    }

    [Benchmark(Description = "CtiClient: Services.GetAsync()")]
    public async Task CtiClientRequest()
    {
        long start = Stopwatch.GetTimestamp();
        await _client.Services.GetAsync();
        _samples.Add(start);
    }

    private async Task ReadUntilAsync<T>()
    {
        while (true)
        {
            var result = await _reader.ReadAsync();
            var buffer = result.Buffer;
            bool found = false;
            while (!found && _frames.TryReadFrame(ref buffer, out var frame))
            {
                foreach (var m in XctipCodec.Decode(frame)) found |= m is T;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (found) return;
            if (result.IsCompleted) throw new IOException("closed");
        }
    }
}
