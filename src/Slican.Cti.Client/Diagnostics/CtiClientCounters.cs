namespace Slican.Cti.Client;

/// <summary>The client's lifetime counters behind <see cref="CtiClient.GetStats"/>; lock-free.</summary>
internal sealed class CtiClientCounters
{
    private long _framesReceived;
    private long _framesSent;
    private long _requestsCompleted;
    private long _requestTimeouts;
    private long _roundTripTicks;
    private long _maxRoundTripTicks;
    private long _reconnects;
    private long _protocolErrors;

    public void FrameReceived() => Interlocked.Increment(ref _framesReceived);

    public void FramesSent(int count) => Interlocked.Add(ref _framesSent, count);

    public void RequestCompleted(TimeSpan roundTrip)
    {
        Interlocked.Increment(ref _requestsCompleted);
        Interlocked.Add(ref _roundTripTicks, roundTrip.Ticks);
        long current;
        while (roundTrip.Ticks > (current = Interlocked.Read(ref _maxRoundTripTicks)))
        {
            if (Interlocked.CompareExchange(ref _maxRoundTripTicks, roundTrip.Ticks, current) == current) break;
        }
    }

    public void RequestTimedOut() => Interlocked.Increment(ref _requestTimeouts);

    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    public void ProtocolError() => Interlocked.Increment(ref _protocolErrors);

    public CtiClientStats Snapshot(CtiConnectionState state, int pending, long published, long dropped, DateTimeOffset? lastFrame)
    {
        long completed = Interlocked.Read(ref _requestsCompleted);
        return new CtiClientStats
        {
            State = state,
            FramesReceived = Interlocked.Read(ref _framesReceived),
            FramesSent = Interlocked.Read(ref _framesSent),
            RequestsCompleted = completed,
            RequestTimeouts = Interlocked.Read(ref _requestTimeouts),
            RequestsPending = pending,
            AverageRoundTrip = completed == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Interlocked.Read(ref _roundTripTicks) / completed),
            MaxRoundTrip = TimeSpan.FromTicks(Interlocked.Read(ref _maxRoundTripTicks)),
            Reconnects = Interlocked.Read(ref _reconnects),
            EventsPublished = published,
            EventsDropped = dropped,
            ProtocolErrors = Interlocked.Read(ref _protocolErrors),
            LastFrameReceived = lastFrame,
        };
    }
}
