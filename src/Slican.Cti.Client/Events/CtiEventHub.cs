using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Slican.Cti.Client;

/// <summary>
/// Owns every event stream of one client and the single dispatcher loop that runs C# event handlers in order, off
/// the socket reader. A throwing handler is reported and the next handler still runs; a slow handler delays only
/// other C# handlers (which keep their order), never the reader, requests, or <c>await foreach</c> consumers.
/// </summary>
internal sealed class CtiEventHub : IAsyncDisposable
{
    private readonly Channel<IHandlerInvocation> _queue;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private readonly List<Action> _completers = [];
    private long _handlerDrops;
    private long _published;
    private long _dropped;
    private int _handlerSlowSignalled;
    private volatile bool _completed;

    public CtiEventHub(int defaultCapacity, EventOverflowMode defaultMode, int handlerQueueCapacity, ILogger logger)
    {
        DefaultCapacity = defaultCapacity;
        DefaultMode = defaultMode;
        _logger = logger;
        HandlerQueueCapacity = handlerQueueCapacity;
        _queue = Channel.CreateBounded<IHandlerInvocation>(new BoundedChannelOptions(handlerQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
        _loop = Task.Run(RunAsync);
    }

    public int DefaultCapacity { get; }

    public EventOverflowMode DefaultMode { get; }

    public int HandlerQueueCapacity { get; }

    public bool IsCompleted => _completed;

    /// <summary>Raised (from the dispatcher loop) when a C# event handler throws.</summary>
    public EventHandler<CtiHandlerFailedEventArgs>? HandlerFailed;

    /// <summary>Raised (from the dispatcher loop) when a consumer falls behind.</summary>
    public EventHandler<CtiSlowConsumerEventArgs>? SlowConsumer;

    /// <summary>Set by the client to attach metrics.</summary>
    public Action<string, long>? DroppedObserver;

    public object? Sender { get; set; }

    public long Published => Interlocked.Read(ref _published);

    public long TotalDropped => Interlocked.Read(ref _dropped) + Interlocked.Read(ref _handlerDrops);

    public long HandlerQueueDropped => Interlocked.Read(ref _handlerDrops);

    public int HandlerQueueLength => _queue.Reader.CanCount ? _queue.Reader.Count : 0;

    public EventStream<T> CreateStream<T>(string name)
    {
        var stream = new EventStream<T>(this, name);
        lock (_completers) _completers.Add(stream.Complete);
        return stream;
    }

    public void OnPublished() => Interlocked.Increment(ref _published);

    public void OnDropped(string stream, long subscriptionDropped)
    {
        Interlocked.Increment(ref _dropped);
        DroppedObserver?.Invoke(stream, 1);
    }

    public void OnSlowConsumer(string stream, int capacity, long dropped)
    {
        ClientLog.SlowConsumer(_logger, stream, capacity, dropped);
        var handler = SlowConsumer;
        if (handler is not null && Sender is { } sender)
        {
            _queue.Writer.TryWrite(new HandlerInvocation<CtiSlowConsumerEventArgs>("SlowConsumer", handler, sender, new CtiSlowConsumerEventArgs(stream, capacity, dropped)));
        }
    }

    public void Dispatch(IHandlerInvocation invocation)
    {
        if (_queue.Writer.TryWrite(invocation))
        {
            Volatile.Write(ref _handlerSlowSignalled, 0);
            return;
        }

        Interlocked.Increment(ref _handlerDrops);
        DroppedObserver?.Invoke(invocation.StreamName, 1);
        if (Interlocked.Exchange(ref _handlerSlowSignalled, 1) == 0)
        {
            ClientLog.SlowHandler(_logger, invocation.StreamName, HandlerQueueCapacity);
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var invocation))
            {
                invocation.Invoke(this);
            }
        }
    }

    internal void ReportHandlerFailure(string stream, Delegate handler, Exception exception)
    {
        ClientLog.HandlerFailed(_logger, exception, stream, handler.Method.Name);
        var failed = HandlerFailed;
        if (failed is null || Sender is not { } sender) return;
        foreach (var d in failed.GetInvocationList())
        {
            try
            {
                ((EventHandler<CtiHandlerFailedEventArgs>)d)(sender, new CtiHandlerFailedEventArgs(stream, exception));
            }
#pragma warning disable CA1031 // a handler of HandlerFailed that throws has nowhere else to go but the log
            catch (Exception nested)
#pragma warning restore CA1031
            {
                ClientLog.HandlerFailed(_logger, nested, "HandlerFailed", d.Method.Name);
            }
        }
    }

    public void Complete()
    {
        _completed = true;
        Action[] completers;
        lock (_completers) completers = [.. _completers];
        foreach (var c in completers) c();
        _queue.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        Complete();
        // Handlers already queued still run, but a handler stuck forever must not hang DisposeAsync.
        await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
    }
}

internal interface IHandlerInvocation
{
    string StreamName { get; }

    void Invoke(CtiEventHub hub);
}

internal sealed class HandlerInvocation<T>(string streamName, EventHandler<T> handlers, object sender, T args) : IHandlerInvocation
{
    public string StreamName => streamName;

    public void Invoke(CtiEventHub hub)
    {
#if NET9_0_OR_GREATER
        if (handlers.HasSingleTarget)
        {
            Run(hub, handlers);
            return;
        }
#endif

        foreach (var d in handlers.GetInvocationList())
        {
            Run(hub, (EventHandler<T>)d);
        }
    }

    private void Run(CtiEventHub hub, EventHandler<T> handler)
    {
        try
        {
            handler(sender, args);
        }
#pragma warning disable CA1031 // user code: report and carry on with the next handler
        catch (Exception ex)
#pragma warning restore CA1031
        {
            hub.ReportHandlerFailure(streamName, handler, ex);
        }
    }
}
