using BenchmarkDotNet.Attributes;
using Slican.Cti.Client;
using Slican.Cti.Testing;

namespace Slican.Cti.Benchmarks.Client;

/// <summary>
/// Memory per idle connection. The retained heap of N connected, idle clients is printed at setup (bare session
/// against the loopback feeder, and a full session against the emulator's default world with a 500-contact phone
/// book, 43-subscriber roster and history); the benchmark measures connect + dispose of one bare session.
/// </summary>
[MemoryDiagnoser]
public class IdleConnectionBenchmarks
{
    private const int Clients = 200;
    private LoopbackFeeder _feeder = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _feeder = new LoopbackFeeder();
        await MeasureAsync("bare session (no sync)", port => Options(port) with { SyncPhoneBook = false, SyncHistory = false }, _feeder.Port);
        await using var pbx = await PbxEmulator.StartAsync();
        long emulatorBefore = Heap();
        await MeasureAsync("full session, default world (includes the emulator's own per-session state)", Options, pbx.XctipEndPoint.Port);
        _ = emulatorBefore;
    }

    private static CtiClientOptions Options(int port) => new() { Host = "127.0.0.1", Port = port, User = "201", Password = "1234" };

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task MeasureAsync(string what, Func<int, CtiClientOptions> options, int port)
    {
        var warm = await CtiClient.ConnectAsync(options(port));
        await warm.DisposeAsync();
        long before = Heap();
        var clients = new List<CtiClient>(Clients);
        for (int i = 0; i < Clients; i++) clients.Add(await CtiClient.ConnectAsync(options(port)));
        long after = Heap();
        Console.WriteLine($"// idle memory, {what}: {(after - before) / Clients / 1024.0:0.0} KiB per connected client ({Clients} clients)");
        foreach (var c in clients) await c.DisposeAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _feeder.DisposeAsync();

    [Benchmark(Description = "connect + dispose one bare session")]
    public async Task ConnectDispose()
    {
        await using var client = await CtiClient.ConnectAsync(Options(_feeder.Port) with { SyncPhoneBook = false, SyncHistory = false });
    }
}
