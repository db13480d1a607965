using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>
/// One TCP/TLS session with the PBX: a reader loop (frames → decode → complete pending requests or hand events to
/// the session handler; never user code), one writer loop (requests are queued and flushed in batches), CId
/// correlation with per-request timeouts, and the WDTest keepalive with half-open detection. A session is never
/// reused: after a loss the client builds a new one.
/// </summary>
internal sealed class CtiConnection : IAsyncDisposable
{
    private static readonly WatchdogTest s_watchdog = new();

    private readonly Stream _stream;
    private readonly CtiClientOptions _options;
    private readonly IXctipSessionHandler _handler;
    private readonly ILogger _logger;
    private readonly CtiClientCounters _counters;
    private readonly TimeProvider _time;
    private readonly Channel<XctipMessage> _outgoing = Channel.CreateUnbounded<XctipMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<int, PendingRequest> _pending = [];
    private readonly object _pendingGate = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TaskCompletionSource<Exception?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly XctipReaderOptions _readerOptions;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private PipeWriter? _pipe;
    private XctipWriter? _writer;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;
    private Task _keepAliveLoop = Task.CompletedTask;
    private int _nextCId;
    private int _aborted;
    private long _lastFrameTimestamp;
    private DateTimeOffset? _lastFrameAt;

    public CtiConnection(Stream stream, CtiClientOptions options, IXctipSessionHandler handler, ILogger logger, CtiClientCounters counters, int id)
    {
        _stream = stream;
        _options = options;
        _handler = handler;
        _logger = logger;
        _counters = counters;
        _time = options.TimeProvider;
        Id = id;
        _readerOptions = new XctipReaderOptions { Encoding = options.Encoding, MaxFrameBytes = options.MaxFrameBytes };
        _lastFrameTimestamp = _time.GetTimestamp();
    }

    /// <summary>The session number within the client (1 for the first connection).</summary>
    public int Id { get; }

    /// <summary>Completes when the session ends, with the reason (null when closed on purpose).</summary>
    public Task<Exception?> Completion => _completion.Task;

    public bool IsAlive => Volatile.Read(ref _aborted) == 0;

    public DateTimeOffset? LastFrameAt => _lastFrameAt;

    public int PendingCount
    {
        get
        {
            lock (_pendingGate) return _pending.Count;
        }
    }

    public void Start()
    {
        _pipe = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 4096, leaveOpen: true));
        _writer = new XctipWriter(_pipe, _options.Encoding);
        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
        _keepAliveLoop = Task.Run(KeepAliveLoopAsync);
    }

    /// <summary>Sends a message that expects no reply (WDTest).</summary>
    public void Post(XctipMessage message)
    {
        if (!IsAlive) throw new CtiNotConnectedException("The connection to the PBX is closed; nothing was sent.");
        _outgoing.Writer.TryWrite(message);
    }

    /// <summary>Sends <paramref name="request"/> with a fresh CId and waits for <typeparamref name="TReply"/>.</summary>
    public async Task<TReply> RequestAsync<TReply>(XctipRequest request, CancellationToken cancellationToken, TimeSpan? timeout = null)
        where TReply : XctipMessage
    {
        if (!IsAlive) throw new CtiNotConnectedException($"The connection to the PBX is closed; {request.Module}/{request.Name} was not sent.");
        int cid = Interlocked.Increment(ref _nextCId);
        var stamped = request with { CId = cid };
        string description = $"{request.Module}/{request.Name} CId={cid}";
        long sent = _time.GetTimestamp();
        var pending = new PendingRequest<TReply>(description, sent);
        lock (_pendingGate) _pending[cid] = pending;
        if (!IsAlive)
        {
            Remove(cid);
            throw new CtiNotConnectedException($"The connection to the PBX is closed; {description} was not sent.");
        }

        _outgoing.Writer.TryWrite(stamped);
        if (_writeGate.Wait(0))
        {
            // The writer is idle: flush from here instead of waking the writer loop, one thread hand-off less on
            // the request's path. The loop still drains whatever others queue meanwhile.
            await DrainAndFlushAsync().ConfigureAwait(false);
        }

        var effectiveTimeout = timeout ?? _options.RequestTimeout;
        using var timeoutSource = new CancellationTokenSource(effectiveTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            var reply = await pending.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            var elapsed = _time.GetElapsedTime(sent);
            _counters.RequestCompleted(elapsed);
            CtiTelemetry.RequestDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("request", request.Module + "/" + request.Name));
            return reply;
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Remove(cid);
            _counters.RequestTimedOut();
            CtiTelemetry.RequestTimeouts.Add(1);
            throw TimeoutFor(description, effectiveTimeout);
        }
        catch (OperationCanceledException)
        {
            Remove(cid);
            throw;
        }
    }

    private CtiRequestTimeoutException TimeoutFor(string description, TimeSpan timeout)
    {
        int pending = PendingCount;
        var silence = _time.GetElapsedTime(Volatile.Read(ref _lastFrameTimestamp));
        string last = _lastFrameAt is { } at
            ? $"the last frame from the PBX arrived {silence.TotalSeconds:0.###} s ago (at {at:HH:mm:ss.fff})"
            : "no frame has arrived from the PBX on this connection";
        string message = $"{description} got no reply within {timeout.TotalSeconds:0.###} s; {last}; {pending} other request(s) pending on connection #{Id}. " +
            (silence >= timeout
                ? "The PBX has gone quiet: the connection may be half-open (the keepalive will detect it) or the PBX overloaded."
                : "The PBX is sending other traffic: it may not support this request or may be slow to process it.");
        return new CtiRequestTimeoutException(message, description, timeout);
    }

    private void Remove(int cid)
    {
        lock (_pendingGate) _pending.Remove(cid);
    }

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        var frames = new XctipFrameReader(_readerOptions);
        Exception? reason = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_shutdown.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (frames.TryReadFrame(ref buffer, out var frame))
                    {
                        long offset = frames.BytesConsumed - frame.Length;
                        var messages = XctipCodec.Decode(frame, _readerOptions, offset);
                        OnFrame(messages);
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted)
                {
                    reason = new CtiConnectionLostException($"The PBX closed connection #{Id}.");
                    break;
                }
            }
        }
        catch (XctipProtocolException ex)
        {
            _counters.ProtocolError();
            ClientLog.ProtocolViolation(_logger, ex, Id, ex.ByteOffset);
            reason = new CtiProtocolViolationException($"The PBX sent data that is not valid XCTIP at byte {ex.ByteOffset} of connection #{Id} ({ex.Reason}); the connection is re-established and state resynchronised.", ex);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            reason = new CtiConnectionLostException($"Connection #{Id} to the PBX failed: {ex.Message}", ex);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }

        Abort(reason);
    }

    private void OnFrame(IReadOnlyList<XctipMessage> messages)
    {
        Volatile.Write(ref _lastFrameTimestamp, _time.GetTimestamp());
        _lastFrameAt = _time.GetUtcNow();
        _counters.FrameReceived();
        CtiTelemetry.FramesReceived.Add(1);
        for (int i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message is IXctipCorrelated { CId: int cid } && message is not XctipRequest)
            {
                PendingRequest? pending;
                lock (_pendingGate) _pending.TryGetValue(cid, out pending);
                if (pending is not null && pending.Offer(message))
                {
                    Remove(cid);
                    continue;
                }

                if (pending is not null || message is XctipAnswer)
                {
                    continue; // an Answer next to a _ANS, or a reply nobody waits for any more (timed out, cancelled)
                }
            }

            _handler.OnMessage(this, message);
        }
    }

    private async Task WriteLoopAsync()
    {
        var queue = _outgoing.Reader;
        try
        {
            while (await queue.WaitToReadAsync(_shutdown.Token).ConfigureAwait(false))
            {
                await _writeGate.WaitAsync(_shutdown.Token).ConfigureAwait(false);
                if (!await DrainAndFlushAsync().ConfigureAwait(false)) break;
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }

        try
        {
            if (_pipe is not null) await _pipe.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    /// <summary>Encodes everything queued and flushes; releases the write gate. False when the connection is done.</summary>
    private async Task<bool> DrainAndFlushAsync()
    {
        try
        {
            if (!IsAlive) return false;
            var queue = _outgoing.Reader;
            int count = 0;
            while (queue.TryRead(out var message))
            {
                XctipCodec.Encode(_writer!, [message]);
                count++;
                if (count >= 256)
                {
                    await FlushAsync(count).ConfigureAwait(false);
                    count = 0;
                }
            }

            if (count > 0) return await FlushAsync(count).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            Abort(new CtiConnectionLostException($"Writing to the PBX on connection #{Id} failed: {ex.Message}", ex));
            return false;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<bool> FlushAsync(int frames)
    {
        _counters.FramesSent(frames);
        CtiTelemetry.FramesSent.Add(frames);
        var flush = await _pipe!.FlushAsync(_shutdown.Token).ConfigureAwait(false);
        return !flush.IsCompleted;
    }

    private async Task KeepAliveLoopAsync()
    {
        var interval = _options.KeepAliveInterval;
        try
        {
            while (!_shutdown.IsCancellationRequested)
            {
                await Task.Delay(interval, _time, _shutdown.Token).ConfigureAwait(false);
                if (_time.GetElapsedTime(Volatile.Read(ref _lastFrameTimestamp)) < interval) continue;
                long probeSent = _time.GetTimestamp();
                Post(s_watchdog);
                await Task.Delay(_options.KeepAliveTimeout, _time, _shutdown.Token).ConfigureAwait(false);
                if (Volatile.Read(ref _lastFrameTimestamp) < probeSent)
                {
                    string last = _lastFrameAt is { } at ? $"last frame at {at:HH:mm:ss.fff}" : "no frame received at all";
                    ClientLog.KeepAliveFailed(_logger, Id, _options.KeepAliveTimeout.TotalSeconds);
                    Abort(new CtiConnectionLostException($"The PBX did not answer WDTest within {_options.KeepAliveTimeout.TotalSeconds:0.###} s on connection #{Id} ({last}): the connection is half-open and is re-established."));
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (CtiNotConnectedException)
        {
        }
    }

    /// <summary>Ends the session: stops the loops, fails every pending request, closes the socket. Idempotent.</summary>
    public void Abort(Exception? reason)
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0) return;
        _shutdown.Cancel();
        _outgoing.Writer.TryComplete();
        PendingRequest[] pending;
        lock (_pendingGate)
        {
            pending = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var p in pending)
        {
            p.Fail(new CtiConnectionLostException(
                $"{p.Description} was pending when connection #{Id} was lost ({reason?.Message ?? "closed"}). It was not re-sent: check whether it took effect once the client has reconnected.",
                reason));
        }

        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
        }

        _completion.TrySetResult(reason);
    }

    /// <summary>Sends what is queued (a Logout), then closes.</summary>
    public async Task CloseAsync(XctipMessage? last, TimeSpan wait)
    {
        if (last is not null && IsAlive)
        {
            _outgoing.Writer.TryWrite(last);
            _outgoing.Writer.TryComplete();
            await Task.WhenAny(_writeLoop, Task.Delay(wait, _time)).ConfigureAwait(false);
        }

        Abort(null);
    }

    public async ValueTask DisposeAsync()
    {
        Abort(null);
        try
        {
            await Task.WhenAll(_readLoop, _writeLoop, _keepAliveLoop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }

        _shutdown.Dispose();
    }

    internal static ActivitySource Source => CtiTelemetry.ActivitySource;
}
