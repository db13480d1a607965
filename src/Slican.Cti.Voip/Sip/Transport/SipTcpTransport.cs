using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Slican.Cti.Voip.Sip.Messages;

namespace Slican.Cti.Voip.Sip.Transport;

/// <summary>
/// SIP over TCP (RFC 3261 §18.3): a listener for incoming connections plus outgoing connections opened on demand
/// and reused per remote endpoint; messages are framed by Content-Length. Responses go back over the connection
/// the request came in on.
/// </summary>
public sealed class SipTcpTransport : SipTransport
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<IPEndPoint, Connection> _connections = new();
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private Task? _acceptLoop;

    /// <summary>Binds the listener; port 0 picks an ephemeral port.</summary>
    public SipTcpTransport(IPEndPoint bind, SipParserLimits limits, ILogger logger)
        : base(limits, logger)
    {
        _listener = new TcpListener(bind);
        try
        {
            _listener.Start();
        }
        catch (SocketException ex)
        {
            throw new SipTransportException($"Cannot listen for SIP/TCP on {bind}: {ex.SocketErrorCode}. Choose another local SIP port.", ex);
        }

        LocalEndPoint = (IPEndPoint)_listener.LocalEndpoint;
    }

    /// <inheritdoc />
    public override SipTransportKind Kind => SipTransportKind.Tcp;

    /// <inheritdoc />
    public override IPEndPoint LocalEndPoint { get; }

    /// <inheritdoc />
    public override void Start() => _acceptLoop ??= Task.Run(AcceptLoopAsync);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var remote = (IPEndPoint)socket.RemoteEndPoint!;
            var connection = new Connection(socket, remote);
            _connections[remote] = connection;
            connection.ReadLoop = Task.Run(() => ReadLoopAsync(connection));
        }
    }

    private async Task ReadLoopAsync(Connection connection)
    {
        var buffer = new byte[8192];
        int filled = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= Limits.MaxMessageSize + 8192)
                    {
                        throw new SipParseException("stream message exceeds the size limit", filled);
                    }

                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                int read = await connection.Socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
                while (true)
                {
                    bool complete = SipMessageParser.TryFindMessageLength(buffer.AsSpan(0, filled), Limits, out int length);
                    if (length > 0)
                    {
                        if (complete)
                        {
                            await DeliverAsync(buffer.AsMemory(0, length).ToArray(), connection.Remote).ConfigureAwait(false);
                        }

                        Buffer.BlockCopy(buffer, length, buffer, 0, filled - length);
                        filled -= length;
                    }

                    if (!complete || filled == 0)
                    {
                        break;
                    }
                }
            }
        }
        catch (SipParseException ex)
        {
            // On a stream a framing error loses synchronisation: the only safe recovery is to close the connection.
            VoipLog.TcpFramingError(Logger, connection.Remote, ex.Message);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
        finally
        {
            _connections.TryRemove(new KeyValuePair<IPEndPoint, Connection>(connection.Remote, connection));
            connection.Socket.Dispose();
        }
    }

    /// <inheritdoc />
    public override async ValueTask SendAsync(SipMessage message, IPEndPoint destination, CancellationToken cancellationToken)
    {
        LogSend(message, destination);
        var connection = await GetConnectionAsync(destination, cancellationToken).ConfigureAwait(false);
        byte[] bytes = message.ToBytes();
        await connection.WriteGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.Socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new SipTransportException($"Cannot send SIP/TCP to {destination}: {ex.SocketErrorCode}.", ex);
        }
        finally
        {
            connection.WriteGate.Release();
        }
    }

    private async ValueTask<Connection> GetConnectionAsync(IPEndPoint destination, CancellationToken cancellationToken)
    {
        if (_connections.TryGetValue(destination, out var existing))
        {
            return existing;
        }

        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connections.TryGetValue(destination, out existing))
            {
                return existing;
            }

            var socket = new Socket(destination.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(destination, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                throw new SipTransportException($"Cannot connect SIP/TCP to {destination}: {ex.SocketErrorCode}. Check the registrar address and that it accepts TCP.", ex);
            }

            var connection = new Connection(socket, destination);
            _connections[destination] = connection;
            connection.ReadLoop = Task.Run(() => ReadLoopAsync(connection), CancellationToken.None);
            return connection;
        }
        finally
        {
            _connectGate.Release();
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        foreach (var c in _connections.Values)
        {
            c.Socket.Dispose();
        }

        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        foreach (var c in _connections.Values)
        {
            if (c.ReadLoop is not null)
            {
                await c.ReadLoop.ConfigureAwait(false);
            }
        }

        _stop.Dispose();
    }

    private sealed class Connection(Socket socket, IPEndPoint remote)
    {
        public Socket Socket { get; } = socket;

        public IPEndPoint Remote { get; } = remote;

        public SemaphoreSlim WriteGate { get; } = new(1, 1);

        public Task? ReadLoop { get; set; }
    }
}
