using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Slican.Cti.Doorphone.Rtsp;

/// <summary>
/// One RTSP TCP connection: sends requests one at a time and matches answers by CSeq; one read loop splits the
/// stream into answers and interleaved RTP/RTCP frames (handed to <see cref="InterleavedHandler"/> on the read loop).
/// </summary>
internal sealed class RtspConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly RtspClientOptions _options;
    private readonly string _cameraName;
    private readonly RtspMessageReader _parser;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _requestLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _pendingGate = new();
    private TaskCompletionSource<RtspMessage>? _pending;
    private int _pendingCSeq;
    private int _cseq;
    private Task? _readLoop;
    private int _disposed;

    private RtspConnection(Socket socket, RtspClientOptions options, string cameraName)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        _options = options;
        _cameraName = cameraName;
        _parser = new RtspMessageReader(options.MaxHeaderBytes, options.MaxBodyBytes);
    }

    /// <summary>Called on the read loop for every interleaved frame: channel and payload (valid during the call only).</summary>
    public Slican.Cti.Doorphone.Media.InterleavedFrameHandler? InterleavedHandler { get; set; }

    /// <summary>Completes when the connection ends: successfully after <see cref="DisposeAsync"/>, faulted when the camera closed it or sent garbage.</summary>
    public Task Closed => _closed.Task;

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public IPEndPoint RemoteEndPoint => (IPEndPoint)_socket.RemoteEndPoint!;

    public static async Task<RtspConnection> ConnectAsync(string host, int port, RtspClientOptions options, string cameraName, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.ConnectTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        Socket? socket = null;
        try
        {
            IPAddress[] addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, linked.Token).ConfigureAwait(false);
            if (addresses.Length == 0)
            {
                throw new RtspException($"The camera host {host} has no address. Check the camera link.");
            }

            var address = addresses[0];
            socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(address, port), linked.Token).ConfigureAwait(false);
            var connection = new RtspConnection(socket, options, cameraName);
            socket = null;
            connection._readLoop = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
            return connection;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RtspTimeoutException("connect", options.ConnectTimeout,
                $"Could not connect to the camera {cameraName} within {options.ConnectTimeout.TotalSeconds:0.#} s. Check the address and that TCP port {port} is open (from outside the LAN, a router port forwarded to the camera's port 554).");
        }
        catch (SocketException ex)
        {
            throw new RtspException(
                $"Could not connect to the camera {cameraName}: {ex.SocketErrorCode}. Check the address, that the camera is on, and that TCP port {port} is reachable.", ex);
        }
        finally
        {
            socket?.Dispose();
        }
    }

    /// <summary>Sends a request and waits for the answer with the same CSeq.</summary>
    public async Task<RtspMessage> SendAsync(string method, Uri uri, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        await _requestLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed.Task.IsCompleted)
            {
                await _closed.Task.ConfigureAwait(false);
                throw new RtspException($"The connection to the camera {_cameraName} is closed.");
            }

            int cseq = ++_cseq;
            var pending = new TaskCompletionSource<RtspMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_pendingGate)
            {
                _pending = pending;
                _pendingCSeq = cseq;
            }

            byte[] request = Format(method, uri, cseq, headers);

            // The timeout starts before the request leaves, so that the limit covers the whole exchange.
            var answer = pending.Task.WaitAsync(_options.RequestTimeout, _options.TimeProvider, cancellationToken);
            try
            {
                try
                {
                    await WriteAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    // The answer will never come; observe its eventual timeout so it is not reported as unobserved.
                    _ = answer.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    throw;
                }

                return await answer.ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new RtspTimeoutException(method, _options.RequestTimeout,
                    $"The camera {_cameraName} did not answer {method} within {_options.RequestTimeout.TotalSeconds:0.#} s (the connection is open but silent). Check the camera's load or raise RtspClientOptions.RequestTimeout.");
            }
            finally
            {
                lock (_pendingGate)
                {
                    if (ReferenceEquals(_pending, pending))
                    {
                        _pending = null;
                    }
                }
            }
        }
        finally
        {
            _requestLock.Release();
        }
    }

    /// <summary>Sends an interleaved frame (<c>$ channel length data</c>), e.g. an RTCP receiver report.</summary>
    public async Task SendInterleavedAsync(byte channel, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var frame = new byte[4 + data.Length];
        frame[0] = (byte)'$';
        frame[1] = channel;
        frame[2] = (byte)(data.Length >> 8);
        frame[3] = (byte)data.Length;
        data.CopyTo(frame.AsMemory(4));
        await WriteAsync(frame, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_readLoop is not null)
        {
            try
            {
                await _readLoop.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
            {
                // Closing is what we asked for.
            }
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        _closed.TrySetResult();
        _shutdown.Dispose();
        _writeLock.Dispose();
        _requestLock.Dispose();
    }

    internal static byte[] Format(string method, Uri uri, int cseq, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var builder = new StringBuilder(256);
        builder.Append(method).Append(' ').Append(uri.AbsoluteUri).Append(" RTSP/1.0\r\n");
        builder.Append("CSeq: ").Append(cseq).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            if (value.AsSpan().IndexOfAny('\r', '\n') >= 0 || name.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new RtspProtocolException($"Refusing to send a {name} header with a line break in it.");
            }

            builder.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        builder.Append("\r\n");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            throw new RtspException($"Could not send to the camera {_cameraName}: the connection is broken.", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(_shutdown.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (true)
                    {
                        var kind = _parser.TryRead(ref buffer, out var message, out byte channel, out var payload);
                        if (kind == RtspReadResult.NeedMoreData)
                        {
                            break;
                        }

                        if (kind == RtspReadResult.Interleaved)
                        {
                            DeliverInterleaved(channel, payload);
                        }
                        else if (message!.IsResponse)
                        {
                            CompletePending(message);
                        }
                        else
                        {
                            // Some servers ping the client (OPTIONS, GET_PARAMETER) and drop sessions that stay silent.
                            _ = AnswerServerRequestAsync(message);
                        }
                    }
                }
                finally
                {
                    _reader.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted)
                {
                    failure = new RtspException($"The camera {_cameraName} closed the connection.");
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        catch (RtspException ex)
        {
            failure = ex;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            failure = _shutdown.IsCancellationRequested ? null : new RtspException($"The connection to the camera {_cameraName} broke.", ex);
        }
        finally
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
        }

        TaskCompletionSource<RtspMessage>? pending;
        lock (_pendingGate)
        {
            pending = _pending;
            _pending = null;
        }

        if (failure is null)
        {
            pending?.TrySetException(new RtspException($"The connection to the camera {_cameraName} was closed."));
            _closed.TrySetResult();
        }
        else
        {
            pending?.TrySetException(failure);
            _closed.TrySetException(failure);
        }
    }

    private async Task AnswerServerRequestAsync(RtspMessage request)
    {
        bool supported = request.Method is "OPTIONS" or "GET_PARAMETER";
        string answer = (supported ? "RTSP/1.0 200 OK\r\n" : "RTSP/1.0 501 Not Implemented\r\n") +
            $"CSeq: {Math.Max(0, request.CSeq)}\r\n" + (request.Method == "OPTIONS" ? "Public: OPTIONS, GET_PARAMETER\r\n" : string.Empty) + "\r\n";
        try
        {
            await WriteAsync(Encoding.ASCII.GetBytes(answer), _shutdown.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RtspException or OperationCanceledException or ObjectDisposedException)
        {
            // The read loop reports a broken connection.
        }
    }

    private void DeliverInterleaved(byte channel, ReadOnlySequence<byte> payload)
    {
        var handler = InterleavedHandler;
        if (handler is null)
        {
            return;
        }

        if (payload.IsSingleSegment)
        {
            handler(channel, payload.FirstSpan);
            return;
        }

        int length = (int)payload.Length;
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(rented);
            handler(channel, rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void CompletePending(RtspMessage message)
    {
        TaskCompletionSource<RtspMessage>? pending = null;
        lock (_pendingGate)
        {
            if (_pending is not null && message.CSeq == _pendingCSeq)
            {
                pending = _pending;
                _pending = null;
            }
        }

        pending?.TrySetResult(message);
    }
}
