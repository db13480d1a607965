using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using Slican.Cti.Protocol.Ctip;

namespace Slican.Cti.Client;

/// <summary>
/// One CTIP TCP connection: its writer, its read loop and the request waiting for a reply. A reconnect replaces the
/// whole link, so a reply or a failure can never reach a request sent on another connection.
/// </summary>
internal sealed class CtipLink : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly CtipClientOptions _options;
    private readonly Action<CtipMessage> _onMessage;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<Exception?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readLoop;
    private Exception? _abortReason;
    private int _disposed;
    private long _lastReceived;
    private TaskCompletionSource<CtipMessage>? _current;
    private string? _statFor;

    public CtipLink(int id, Stream stream, CtipClientOptions options, Action<CtipMessage> onMessage, ILogger logger)
    {
        Id = id;
        _stream = stream;
        _options = options;
        _onMessage = onMessage;
        _logger = logger;
        Writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        _lastReceived = options.TimeProvider.GetTimestamp();
        _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
    }

    /// <summary>A number for logs.</summary>
    public int Id { get; }

    /// <summary>Where requests are written.</summary>
    public PipeWriter Writer { get; }

    /// <summary>How long ago the PBX last sent anything (a test frame included).</summary>
    public TimeSpan Silence => _options.TimeProvider.GetElapsedTime(Volatile.Read(ref _lastReceived));

    /// <summary>Completes when the connection is gone, with the reason (<see langword="null"/> when the PBX closed it).</summary>
    public Task<Exception?> Completion => _completion.Task;

    /// <summary>Starts waiting for the reply to the request about to be written; <paramref name="statFor"/> makes a matching <c>STAT</c> the reply.</summary>
    public TaskCompletionSource<CtipMessage> ExpectReply(string? statFor)
    {
        var reply = new TaskCompletionSource<CtipMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _statFor, statFor);
        Volatile.Write(ref _current, reply);
        if (_completion.Task.IsCompleted)
        {
            reply.TrySetException(Lost(_completion.Task.Result));
        }

        return reply;
    }

    /// <summary>Stops waiting for a reply (answered, timed out or cancelled).</summary>
    public void EndReply(TaskCompletionSource<CtipMessage> reply) => Interlocked.CompareExchange(ref _current, null, reply);

    /// <summary>
    /// Closes the connection because it can no longer be trusted (a reply went missing, so the next one could be
    /// taken for the wrong request); <see cref="Completion"/> then reports <paramref name="reason"/>.
    /// </summary>
    public void Abort(Exception reason)
    {
        Interlocked.CompareExchange(ref _abortReason, reason, null);
        Close();
    }

    /// <summary>Closes the connection and waits for the read loop to end. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        Close();
        await _readLoop.ConfigureAwait(false);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _closing.Dispose();
        }
    }

    private void Close()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently: the read loop has already ended.
        }

        _stream.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream);
        var lines = new CtipLineReader(new CtipReaderOptions { Encoding = _options.Encoding });
        Exception? reason = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_closing.Token).ConfigureAwait(false);
                Volatile.Write(ref _lastReceived, _options.TimeProvider.GetTimestamp());
                var buffer = result.Buffer;
                while (TryReadMessage(lines, ref buffer, out var message))
                {
                    OnMessage(message);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) break;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            reason = ex;
        }

        await reader.CompleteAsync().ConfigureAwait(false);
        reason = Volatile.Read(ref _abortReason) ?? reason;
        Volatile.Read(ref _current)?.TrySetException(Lost(reason));
        _completion.TrySetResult(reason);
    }

    /// <summary>Reads the next message; a malformed line is logged and skipped, as the protocol asks.</summary>
    private bool TryReadMessage(CtipLineReader lines, ref System.Buffers.ReadOnlySequence<byte> buffer, out CtipMessage message)
    {
        while (true)
        {
            try
            {
                return lines.TryReadMessage(ref buffer, out message!);
            }
            catch (CtipProtocolException ex)
            {
                ClientLog.BackgroundSyncFailed(_logger, "CTIP line", ex.Message);
            }
        }
    }

    private void OnMessage(CtipMessage message)
    {
        switch (message)
        {
            case CtipTestFrame:
                return;
            case CtipOk or CtipNotAccepted or CtipError:
                Volatile.Read(ref _current)?.TrySetResult(message);
                return;
            case CtipState state when Volatile.Read(ref _statFor) is { } ext && CtipExtension.Unpad(ext) == CtipExtension.Unpad(state.Extension):
                Volatile.Write(ref _statFor, null);
                Volatile.Read(ref _current)?.TrySetResult(state);
                break;
        }

        _onMessage(message);
    }

    private static CtiConnectionLostException Lost(Exception? reason) =>
        new($"The CTIP connection was closed{(reason is null ? "." : ": " + reason.Message)}", reason);
}
