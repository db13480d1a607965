using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Slican.Cti.Voip.Sip.Messages;

namespace Slican.Cti.Voip.Sip.Transport;

/// <summary>SIP over UDP: one socket, one datagram per message, responses to the source port (rport).</summary>
public sealed class SipUdpTransport : SipTransport
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Binds the socket; port 0 picks an ephemeral port.</summary>
    public SipUdpTransport(IPEndPoint bind, SipParserLimits limits, ILogger logger)
        : base(limits, logger)
    {
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.Bind(bind);
        }
        catch (SocketException ex)
        {
            _socket.Dispose();
            throw new SipTransportException($"Cannot bind SIP/UDP to {bind}: {ex.SocketErrorCode}. Check that no other phone or SIP program uses this port, or choose another local SIP port.", ex);
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    /// <inheritdoc />
    public override SipTransportKind Kind => SipTransportKind.Udp;

    /// <inheritdoc />
    public override IPEndPoint LocalEndPoint { get; }

    /// <inheritdoc />
    public override void Start() => _loop ??= Task.Run(ReceiveLoopAsync);

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65_536];
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue; // ICMP port unreachable from an earlier send, or an oversize datagram
            }

            if (result.ReceivedBytes <= 4 && buffer.AsSpan(0, result.ReceivedBytes).Trim("\r\n"u8).IsEmpty)
            {
                continue; // CRLF keep-alive
            }

            await DeliverAsync(buffer.AsMemory(0, result.ReceivedBytes).ToArray(), (IPEndPoint)result.RemoteEndPoint).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async ValueTask SendAsync(SipMessage message, IPEndPoint destination, CancellationToken cancellationToken)
    {
        LogSend(message, destination);
        try
        {
            await _socket.SendToAsync(message.ToBytes(), SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new SipTransportException($"Cannot send SIP/UDP to {destination}: {ex.SocketErrorCode}.", ex);
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
