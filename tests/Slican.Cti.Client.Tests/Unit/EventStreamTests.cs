using Microsoft.Extensions.Logging.Abstractions;
using Slican.Cti.Client;

namespace Slican.Cti.Client.Tests.Unit;

public sealed class EventStreamTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private static CtiEventHub NewHub(int capacity = 4, EventOverflowMode mode = EventOverflowMode.DropOldest) =>
        new(capacity, mode, 1024, NullLogger.Instance) { Sender = new object() };

    [Fact]
    public async Task Every_subscription_gets_every_event_in_order()
    {
        await using var hub = NewHub(capacity: 100);
        var stream = hub.CreateStream<int>("Test");
        using var a = stream.Subscribe(null, null);
        using var b = stream.Subscribe(null, null);
        for (int i = 0; i < 50; i++) stream.Publish(this, i);
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(i, await a.ReadAsync().AsTask().WaitAsync(Guard));
            Assert.Equal(i, await b.ReadAsync().AsTask().WaitAsync(Guard));
        }
    }

    [Fact]
    public async Task A_full_buffer_drops_the_oldest_counts_and_signals_once()
    {
        await using var hub = NewHub(capacity: 4);
        var slow = new TaskCompletionSource<CtiSlowConsumerEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        int signals = 0;
        hub.SlowConsumer += (_, e) => { Interlocked.Increment(ref signals); slow.TrySetResult(e); };
        var stream = hub.CreateStream<int>("Test");
        using var sub = stream.Subscribe(null, null);
        for (int i = 0; i < 10; i++) stream.Publish(this, i);
        Assert.Equal(6, sub.Dropped);
        Assert.Equal(4, sub.Pending);
        for (int expected = 6; expected < 10; expected++) Assert.Equal(expected, await sub.ReadAsync().AsTask().WaitAsync(Guard));
        var signal = await slow.Task.WaitAsync(Guard);
        Assert.Equal("Test", signal.Stream);
        Assert.Equal(1, Volatile.Read(ref signals));
    }

    [Fact]
    public async Task Reading_through_the_channel_reader_frees_capacity()
    {
        await using var hub = NewHub(capacity: 4);
        var stream = hub.CreateStream<int>("Test");
        using var sub = stream.Subscribe(null, null);
        for (int round = 0; round < 10; round++)
        {
            for (int i = 0; i < 4; i++) stream.Publish(this, i);
            for (int i = 0; i < 4; i++) Assert.True(sub.Reader.TryRead(out _));
        }

        Assert.Equal(0, sub.Dropped);
        Assert.Equal(0, sub.Pending);
    }

    [Fact]
    public async Task DropNewest_keeps_the_prefix()
    {
        await using var hub = NewHub(capacity: 3, mode: EventOverflowMode.DropNewest);
        var stream = hub.CreateStream<int>("Test");
        using var sub = stream.Subscribe(null, null);
        for (int i = 0; i < 10; i++) stream.Publish(this, i);
        Assert.Equal(7, sub.Dropped);
        for (int expected = 0; expected < 3; expected++) Assert.Equal(expected, await sub.ReadAsync().AsTask().WaitAsync(Guard));
    }

    [Fact]
    public async Task A_blocked_consumer_does_not_delay_another()
    {
        await using var hub = NewHub(capacity: 8);
        var stream = hub.CreateStream<int>("Test");
        using var blocked = stream.Subscribe(null, null); // never read
        using var fast = stream.Subscribe(1000, null);
        for (int i = 0; i < 500; i++) stream.Publish(this, i);
        for (int i = 0; i < 500; i++) Assert.Equal(i, await fast.ReadAsync().AsTask().WaitAsync(Guard));
        Assert.Equal(492, blocked.Dropped);
    }

    [Fact]
    public async Task A_throwing_handler_is_reported_and_the_next_handler_still_runs_in_order()
    {
        await using var hub = NewHub();
        var failures = new List<Exception>();
        hub.HandlerFailed += (_, e) => { lock (failures) failures.Add(e.Exception); };
        var stream = hub.CreateStream<int>("Test");
        var seen = new List<int>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stream.Handlers += (_, i) => { if (i % 2 == 0) throw new InvalidOperationException("boom " + i); };
        stream.Handlers += (_, i) => { lock (seen) seen.Add(i); if (i == 9) done.TrySetResult(); };
        for (int i = 0; i < 10; i++) stream.Publish(this, i);
        await done.Task.WaitAsync(Guard);
        Assert.Equal(Enumerable.Range(0, 10), seen);
        Assert.Equal(5, failures.Count);
    }

    [Fact]
    public async Task A_slow_handler_does_not_delay_subscriptions_or_the_publisher()
    {
        await using var hub = NewHub(capacity: 100);
        var stream = hub.CreateStream<int>("Test");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stream.Handlers += (_, _) => { entered.TrySetResult(); release.Task.Wait(); };
        using var sub = stream.Subscribe(null, null);
        for (int i = 0; i < 20; i++) stream.Publish(this, i);
        await entered.Task.WaitAsync(Guard);
        for (int i = 0; i < 20; i++) Assert.Equal(i, await sub.ReadAsync().AsTask().WaitAsync(Guard));
        release.SetResult();
    }

    [Fact]
    public async Task Disposing_the_hub_completes_subscriptions()
    {
        var hub = NewHub();
        var stream = hub.CreateStream<int>("Test");
        var sub = stream.Subscribe(null, null);
        stream.Publish(this, 1);
        await hub.DisposeAsync();
        var items = new List<int>();
        await foreach (var i in sub.WithCancellation(new CancellationTokenSource(Guard).Token)) items.Add(i);
        Assert.Equal([1], items);
    }
}
