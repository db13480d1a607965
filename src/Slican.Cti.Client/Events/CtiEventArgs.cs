namespace Slican.Cti.Client;

/// <summary>A C# event handler threw. The exception is reported here and logged; it never reaches the connection.</summary>
public sealed class CtiHandlerFailedEventArgs(string stream, Exception exception) : EventArgs
{
    /// <summary>The event stream whose handler failed (<c>Calls</c>, <c>Presence</c>…).</summary>
    public string Stream { get; } = stream;

    /// <summary>What the handler threw.</summary>
    public Exception Exception { get; } = exception;
}

/// <summary>A consumer fell behind and events are being dropped for it. Raised once per episode.</summary>
public sealed class CtiSlowConsumerEventArgs(string stream, int capacity, long dropped) : EventArgs
{
    /// <summary>The event stream.</summary>
    public string Stream { get; } = stream;

    /// <summary>The consumer's buffer capacity.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Events dropped for this consumer so far.</summary>
    public long Dropped { get; } = dropped;
}
