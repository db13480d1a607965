namespace Slican.Cti.Client;

/// <summary>
/// Fans one kind of event out to every subscription and to C# event handlers. <see cref="Publish"/> is called by
/// the client's reader and never blocks or runs user code.
/// </summary>
internal sealed class EventStream<T>
{
    private readonly CtiEventHub _hub;
    private CtiEventSubscription<T>[] _subscriptions = [];
    private readonly object _gate = new();

    public EventStream(CtiEventHub hub, string name)
    {
        _hub = hub;
        Name = name;
    }

    public string Name { get; }

    /// <summary>The C# event handlers, invoked in order by the hub's dispatcher.</summary>
    public EventHandler<T>? Handlers;

    public bool HasListeners => Volatile.Read(ref _subscriptions).Length > 0 || Handlers is not null;

    public CtiEventSubscription<T> Subscribe(int? capacity, EventOverflowMode? mode)
    {
        var subscription = new CtiEventSubscription<T>(this, capacity ?? _hub.DefaultCapacity, mode ?? _hub.DefaultMode);
        if (_hub.IsCompleted)
        {
            subscription.Complete();
            return subscription;
        }

        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    public void Remove(CtiEventSubscription<T> subscription)
    {
        lock (_gate)
        {
            _subscriptions = Array.FindAll(_subscriptions, s => !ReferenceEquals(s, subscription));
        }
    }

    public void Publish(object sender, T item)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (!subscription.Offer(item))
            {
                _hub.OnDropped(Name, subscription.Dropped);
                if (subscription.TryBeginSlowEpisode())
                {
                    _hub.OnSlowConsumer(Name, subscription.Capacity, subscription.Dropped);
                }
            }
            else
            {
                subscription.EndSlowEpisodeIfDrained();
            }
        }

        var handlers = Handlers;
        if (handlers is not null)
        {
            _hub.Dispatch(new HandlerInvocation<T>(Name, handlers, sender, item));
        }

        _hub.OnPublished();
    }

    public void Complete()
    {
        CtiEventSubscription<T>[] all;
        lock (_gate)
        {
            all = _subscriptions;
            _subscriptions = [];
        }

        foreach (var s in all) s.Complete();
    }
}
