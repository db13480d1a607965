using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Slican.Cti.Client;

/// <summary>
/// One consumer's view of an event stream: a bounded buffer that starts filling the moment it is created, read with
/// <c>await foreach</c>. The socket reader never waits for it; when it is full, events are dropped per
/// <see cref="EventOverflowMode"/> and counted in <see cref="Dropped"/>. Dispose it to stop receiving.
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
public sealed class CtiEventSubscription<T> : IAsyncEnumerable<T>, IDisposable
{
    private readonly Channel<T> _channel;
    private readonly EventStream<T> _owner;
    private readonly int _capacity;
    private readonly EventOverflowMode _mode;
    private long _dropped;
    private int _slowSignalled;

    internal CtiEventSubscription(EventStream<T> owner, int capacity, EventOverflowMode mode)
    {
        _owner = owner;
        _capacity = capacity;
        _mode = mode;
        // The buffer is unbounded underneath; the capacity is enforced in Offer so that every drop is counted (the
        // channel's own drop modes are silent). Not single-reader: DropOldest evicts from the publishing side.
        _channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    }

    /// <summary>The stream's name (<c>Calls</c>, <c>Presence</c>…), for diagnostics.</summary>
    public string StreamName => _owner.Name;

    /// <summary>Events dropped because this subscription's buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events waiting to be read.</summary>
    public int Pending => _channel.Reader.Count;

    /// <summary>The buffer capacity.</summary>
    public int Capacity => _capacity;

    /// <summary>The underlying reader, for callers that prefer <c>WaitToReadAsync</c>/<c>TryRead</c> loops.</summary>
    public ChannelReader<T> Reader => _channel.Reader;

    /// <summary>Reads events until the subscription is disposed, the client is disposed, or <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                yield return item;
            }
        }
    }

    /// <summary>Reads the next event, waiting at most until <paramref name="cancellationToken"/> fires.</summary>
    /// <exception cref="ChannelClosedException">The subscription or the client was disposed.</exception>
    public ValueTask<T> ReadAsync(CancellationToken cancellationToken = default) => _channel.Reader.ReadAsync(cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>Stops the subscription; buffered events can still be read.</summary>
    public void Dispose()
    {
        _owner.Remove(this);
        _channel.Writer.TryComplete();
    }

    internal void Complete() => _channel.Writer.TryComplete();

    /// <summary>Offers an event; never blocks. Returns false when an event was dropped.</summary>
    internal bool Offer(T item)
    {
        if (_channel.Reader.Count < _capacity)
        {
            _channel.Writer.TryWrite(item);
            return true;
        }

        if (_mode == EventOverflowMode.DropNewest)
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }

        // Drop the oldest: take one from the front (the consumer may race us to it; then nothing was lost).
        if (_channel.Reader.TryRead(out _)) Interlocked.Increment(ref _dropped);
        _channel.Writer.TryWrite(item);
        return false;
    }

    /// <summary>True once per overflow episode, so the slow-consumer signal is raised once, not per event.</summary>
    internal bool TryBeginSlowEpisode() => Interlocked.Exchange(ref _slowSignalled, 1) == 0;

    internal void EndSlowEpisodeIfDrained()
    {
        if (Volatile.Read(ref _slowSignalled) != 0 && _channel.Reader.Count < _capacity / 2) Volatile.Write(ref _slowSignalled, 0);
    }
}
