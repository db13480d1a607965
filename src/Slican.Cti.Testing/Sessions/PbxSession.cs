using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Slican.Cti.Testing.Sessions;

/// <summary>
/// A client connection: a reader loop (in the derived class) and one bounded outbound queue drained by a single
/// writer loop, so the world never waits for a socket. A session whose queue overflows is closed: a real PBX drops a
/// client that does not read, and the client's reconnect and resync logic then takes over.
/// </summary>
#pragma warning disable CA1001 // The token source is disposed when RunAsync ends, the session's only lifetime.
internal abstract class PbxSession
#pragma warning restore CA1001
{
    private readonly Channel<OutboundItem> _queue;
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Socket _socket;
    private int _malformedPending;
    private int _closing;

    protected PbxSession(PbxEmulatorContext context, Socket socket, Stream stream, PbxProtocol protocol)
    {
        Context = context;
        _socket = socket;
        Stream = stream;
        Protocol = protocol;
        SessionId = $"{(protocol == PbxProtocol.Ctip ? "c" : "x")}{context.NextSessionNumber()}";
        _queue = Channel.CreateBounded<OutboundItem>(new BoundedChannelOptions(context.Options.SessionQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Logger = context.LoggerFactory.CreateLogger(GetType());
    }

    public string SessionId { get; }

    public PbxProtocol Protocol { get; }

    /// <summary>The subscriber this session logged in as (XCTIP MakeLog, CTIP LOGI), or null.</summary>
    public Subscriber? User { get; set; }

    public Task Closed => _closed.Task;

    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    protected PbxEmulatorContext Context { get; }

    protected Stream Stream { get; }

    protected ILogger Logger { get; }

    protected CancellationToken Aborted => _cts.Token;

    /// <summary>Queues an item; never blocks. A full queue closes the session (see the class remarks).</summary>
    public void Enqueue(OutboundItem item)
    {
        if (IsClosing)
        {
            item.OnDropped?.Invoke(this);
            return;
        }

        if (!_queue.Writer.TryWrite(item))
        {
            item.OnDropped?.Invoke(this);
            Log.QueueFull(Logger, SessionId, Context.Options.SessionQueueCapacity);
            Abort();
        }
    }

    /// <summary>Makes the next output of this session a malformed frame.</summary>
    public void InjectMalformed() => Interlocked.Exchange(ref _malformedPending, 1);

    /// <summary>
    /// Closes the socket abruptly (RST). Safe to call under the world lock: the session stops taking output at once,
    /// and the socket and loops are torn down on the thread pool, so no continuation of this session runs inside the
    /// caller (which may be iterating the session list).
    /// </summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        ThreadPool.UnsafeQueueUserWorkItem(static session => session.Shutdown(), this, preferLocal: false);
    }

    private void Shutdown()
    {
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session already finished on its own.
        }

        _socket.Dispose();
    }

    /// <summary>Serves the connection until either side closes it or <paramref name="stopping"/> fires (emulator shutdown).</summary>
    public async Task RunAsync(CancellationToken stopping = default)
    {
        using var stop = stopping.Register(Abort);
        Context.World.AddSession(this);
        try
        {
            var writer = Task.Run(WriteLoopAsync, CancellationToken.None);
            try
            {
                await ReadLoopAsync(Aborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                Log.SessionEnded(Logger, SessionId, "read", ex.Message);
            }
#pragma warning disable CA1031 // A broken session must never take the emulator down; the error is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ReaderFailed(Logger, ex, SessionId);
            }

            Abort();
            await writer.ConfigureAwait(false);
        }
        finally
        {
            Context.World.RemoveSession(this);
            while (_queue.Reader.TryRead(out var item))
            {
                item.OnDropped?.Invoke(this);
            }

            await Stream.DisposeAsync().ConfigureAwait(false);
            _cts.Dispose();
            _closed.TrySetResult();
        }
    }

    protected abstract Task ReadLoopAsync(CancellationToken cancellationToken);

    /// <summary>The bytes of a deliberately broken frame for the malformed-frame fault.</summary>
    protected abstract ReadOnlySpan<byte> MalformedFrame { get; }

    private async Task WriteLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var batch = new List<OutboundItem>();
        OutboundItem? heldReply = null;
        var reader = _queue.Reader;
        var faults = Context.Faults;
        try
        {
            while (await reader.WaitToReadAsync(Aborted).ConfigureAwait(false))
            {
                await faults.WhenAnsweringAsync(Aborted).ConfigureAwait(false); // half-open: write nothing
                while (buffer.WrittenCount < 64 * 1024 && reader.TryRead(out var item))
                {
                    if (item.IsReply && faults.AnswerDelay > TimeSpan.Zero)
                    {
                        await FlushAsync(buffer, batch).ConfigureAwait(false);
                        await Task.Delay(faults.AnswerDelay, Context.TimeProvider, Aborted).ConfigureAwait(false);
                    }

                    if (item.IsReply && faults.ReorderAnswers && heldReply is null)
                    {
                        heldReply = item;
                        continue;
                    }

                    Append(item, buffer, batch);
                    if (item.IsReply && heldReply is not null)
                    {
                        Append(heldReply, buffer, batch);
                        heldReply = null;
                    }
                }

                if (heldReply is not null && !faults.ReorderAnswers)
                {
                    Append(heldReply, buffer, batch);
                    heldReply = null;
                }

                await FlushAsync(buffer, batch).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Log.SessionEnded(Logger, SessionId, "write", ex.Message);
        }
        finally
        {
            foreach (var item in batch)
            {
                item.OnDropped?.Invoke(this);
            }

            heldReply?.OnDropped?.Invoke(this);
            Abort();
        }
    }

    private void Append(OutboundItem item, ArrayBufferWriter<byte> buffer, List<OutboundItem> batch)
    {
        if (Interlocked.Exchange(ref _malformedPending, 0) != 0)
        {
            buffer.Write(MalformedFrame);
        }

        buffer.Write(item.GetBytes(Context.Options.Encoding, Context.Options.ShareEncodedEvents));
        batch.Add(item);
    }

    private async Task FlushAsync(ArrayBufferWriter<byte> buffer, List<OutboundItem> batch)
    {
        if (buffer.WrittenCount == 0)
        {
            return;
        }

        // An aborted session writes nothing more; what it still holds is reported as dropped.
        Aborted.ThrowIfCancellationRequested();
        if (IsClosing)
        {
            throw new OperationCanceledException("The session is closing.");
        }

        if (Context.Faults.SplitOutputEveryByte)
        {
            var memory = buffer.WrittenMemory;
            for (int i = 0; i < memory.Length; i++)
            {
                await Stream.WriteAsync(memory.Slice(i, 1), Aborted).ConfigureAwait(false);
                await Stream.FlushAsync(Aborted).ConfigureAwait(false);
            }
        }
        else
        {
            await Stream.WriteAsync(buffer.WrittenMemory, Aborted).ConfigureAwait(false);
            await Stream.FlushAsync(Aborted).ConfigureAwait(false);
        }

        buffer.ResetWrittenCount();
        foreach (var item in batch)
        {
            Context.Ledger.Record(this, item);
            item.OnWritten?.Invoke(this);
        }

        batch.Clear();
    }
}
