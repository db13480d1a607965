using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Slican.Cti.Client;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing;

namespace Slican.Cti.Benchmarks.Client;

/// <summary>
/// A full 100,000-contact phone-book sync from the in-process emulator: the client's connect + sync (with the
/// contact cache and the reverse-lookup index) against the protocol floor (the same Sync_REQ loop decoding the rows
/// and dropping them).
/// </summary>
[MemoryDiagnoser]
public class PhoneBookSyncBenchmarks
{
    private PbxEmulator _pbx = null!;

    [Params(100_000)]
    public int Contacts { get; set; }

    [Params(500, 1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var world = PbxWorldData.CreateDefault();
        var group = world.PhoneBookGroups[0].GroupId;
        var contacts = new List<PhoneBookContactData>(Contacts + world.Contacts.Count);
        contacts.AddRange(world.Contacts);
        int id = world.Contacts.Max(c => c.ContactId) + 1;
        for (int i = contacts.Count; i < Contacts; i++, id++)
        {
            contacts.Add(new PhoneBookContactData
            {
                ContactId = id,
                Name = $"Klient {i:000000}, Firma {i % 997} Sp. z o.o.",
                Type = "External",
                Phones = [new PhoneData { Number = $"+48 {500000000 + i}", Comment = "Praca", Default = true }],
                GroupIds = [group],
            });
        }

        _pbx = await PbxEmulator.StartAsync(new PbxEmulatorOptions { World = world with { Contacts = contacts } });
        Console.WriteLine($"// phone book: {contacts.Count} contacts");
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _pbx.DisposeAsync();

    private CtiClientOptions Options => new()
    {
        Host = "127.0.0.1", Port = _pbx.XctipEndPoint.Port, User = "201", Password = "1234",
        SyncHistory = false, SyncBatchSize = BatchSize,
    };

    [Benchmark(Description = "CtiClient.ConnectAsync: login + full phone-book sync into the cache and index")]
    public async Task<int> ClientFullSync()
    {
        await using var client = await CtiClient.ConnectAsync(Options);
        if (client.PhoneBook.FindByNumber("0500000999") is null) throw new InvalidOperationException("lookup failed");
        return client.PhoneBook.Count;
    }

    [Benchmark(Baseline = true, Description = "protocol floor: same Sync_REQ loop, rows decoded and dropped")]
    public async Task<int> ProtocolOnly()
    {
        var options = Options;
        var stream = await CtiTransport.ConnectAsync(options.Host, options.Port, options, NullLogger.Instance, CancellationToken.None);
        await using var connection = new CtiConnection(stream, options, new NoHandler(), NullLogger.Instance, new CtiClientCounters(), 1);
        connection.Start();
        await connection.RequestAsync<XctipAnswer>(new MakeLogRequest { Login = "201", Pass = "1234" }, CancellationToken.None);
        int rows = 0;
        await SyncLoop.RunAsync(connection, SyncType.Book, null, BatchSize, _ => rows++, CancellationToken.None);
        return rows;
    }

    private sealed class NoHandler : IXctipSessionHandler
    {
        public void OnMessage(CtiConnection connection, XctipMessage message) { }
    }
}
