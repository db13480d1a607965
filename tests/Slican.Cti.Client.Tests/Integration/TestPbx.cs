using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Client;
using Slican.Cti.Testing;

namespace Slican.Cti.Client.Tests.Integration;

/// <summary>Starts the in-process emulator and clients logged in to it; disposes everything.</summary>
internal sealed class TestPbx : IAsyncDisposable
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    private readonly List<CtiClient> _clients = [];

    private TestPbx(PbxEmulator emulator) => Emulator = emulator;

    public PbxEmulator Emulator { get; }

    public static async Task<TestPbx> StartAsync(PbxEmulatorOptions? options = null) =>
        new(await PbxEmulator.StartAsync(options ?? new PbxEmulatorOptions()));

    public CtiClientOptions Options(string user = "201", string password = "1234") => new()
    {
        Host = "127.0.0.1",
        Port = Emulator.XctipEndPoint.Port,
        User = user,
        Password = password,
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    public async Task<CtiClient> ConnectAsync(CtiClientOptions? options = null)
    {
        var client = new CtiClient(options ?? Options());
        _clients.Add(client);
        await client.ConnectAsync().WaitAsync(Guard);
        return client;
    }

    public async Task<CtiClient> ConnectAsync(string user) => await ConnectAsync(Options(user));

    /// <summary>A customer calls 201 and <paramref name="client"/> (logged in as 201) answers; returns the CR once connected.</summary>
    public async Task<int> AnswerIncomingCallAsync(CtiClient client, CtiEventSubscription<CallEvent> calls)
    {
        int cr = await Emulator.Scenario.IncomingCallAsync("0612345678", "201");
        await calls.NextAsync(e => e.Call.CR == cr && e.Call.Status == CallStatus.Ringing);
        await client.Calls.AnswerAsync(cr);
        await calls.NextAsync(e => e.Call.CR == cr && e.Call.Status == CallStatus.Connected);
        return cr;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}

internal static class TestExtensions
{
    public static async Task<T> NextAsync<T>(this CtiEventSubscription<T> subscription, Func<T, bool> match)
    {
        using var timeout = new CancellationTokenSource(TestPbx.Guard);
        await foreach (var item in subscription.WithCancellation(timeout.Token))
        {
            if (match(item)) return item;
        }

        throw new InvalidOperationException("The subscription ended.");
    }

    public static Task<T> NextAsync<T>(this CtiEventSubscription<T> subscription) => subscription.NextAsync(_ => true);

    /// <summary>Advances fake time in small steps until a condition holds (the guard bounds the loop).</summary>
    public static async Task AdvanceUntilAsync(this FakeTimeProvider time, Func<bool> done, TimeSpan step)
    {
        var deadline = DateTime.UtcNow + TestPbx.Guard;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true.");
            time.Advance(step);
            await Task.Delay(2); // let the continuations the advance released run (pacing only, not a wait for a result)
        }
    }
}
