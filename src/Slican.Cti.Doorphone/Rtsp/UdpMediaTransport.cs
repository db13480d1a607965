using System.Net;
using System.Net.Sockets;
using Slican.Cti.Doorphone.Media;

namespace Slican.Cti.Doorphone.Rtsp;

/// <summary>
/// The two UDP sockets of an RTP-over-UDP session (even RTP port, RTP+1 for RTCP), bound to the local address of
/// the RTSP connection. Datagrams from any address other than the camera's are ignored.
/// </summary>
internal sealed class UdpMediaTransport : IAsyncDisposable
{
    private readonly Socket _rtp;
    private readonly Socket _rtcp;
    private readonly IPAddress _camera;
    private readonly CancellationTokenSource _stop = new();
    private Task? _rtpLoop;
    private Task? _rtcpLoop;
    private IPEndPoint? _serverRtcp;

    private UdpMediaTransport(Socket rtp, Socket rtcp, IPAddress camera)
    {
        _rtp = rtp;
        _rtcp = rtcp;
        _camera = camera;
    }

    public int RtpPort => ((IPEndPoint)_rtp.LocalEndPoint!).Port;

    public int RtcpPort => ((IPEndPoint)_rtcp.LocalEndPoint!).Port;

    public static UdpMediaTransport Bind(IPAddress local, IPAddress camera)
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            var rtp = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                rtp.Bind(new IPEndPoint(local, 0));
                int port = ((IPEndPoint)rtp.LocalEndPoint!).Port;
                if (port % 2 != 0 || port == 65534)
                {
                    rtp.Dispose();
                    continue;
                }

                var rtcp = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                try
                {
                    rtcp.Bind(new IPEndPoint(local, port + 1));
                }
                catch (SocketException)
                {
                    rtcp.Dispose();
                    rtp.Dispose();
                    continue;
                }

                rtp.ReceiveBufferSize = 1024 * 1024;
                return new UdpMediaTransport(rtp, rtcp, camera);
            }
            catch (SocketException)
            {
                rtp.Dispose();
            }
        }

        throw new RtspException("Could not bind a pair of UDP ports for RTP/RTCP; use RtspTransport.Tcp.");
    }

    public void Start(int serverRtcpPort, PacketHandler onRtp, PacketHandler onRtcp, Action<Exception> onError)
    {
        _serverRtcp = serverRtcpPort > 0 ? new IPEndPoint(_camera, serverRtcpPort) : null;
        _rtpLoop = Task.Run(() => ReceiveLoopAsync(_rtp, onRtp, onError));
        _rtcpLoop = Task.Run(() => ReceiveLoopAsync(_rtcp, onRtcp, onError));
    }

    public async Task SendRtcpAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        if (_serverRtcp is null)
        {
            return;
        }

        await _rtcp.SendToAsync(packet, SocketFlags.None, _serverRtcp, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _rtp.Dispose();
        _rtcp.Dispose();
        foreach (var loop in new[] { _rtpLoop, _rtcpLoop })
        {
            if (loop is not null)
            {
                try
                {
                    await loop.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                }
            }
        }

        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync(Socket socket, PacketHandler onPacket, Action<Exception> onError)
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(_camera.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
                if (result.RemoteEndPoint is IPEndPoint from && from.Address.Equals(_camera))
                {
                    onPacket(buffer.AsSpan(0, result.ReceivedBytes));
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                // An ICMP port-unreachable for an earlier RTCP report (Windows reports it on the next receive): keep going.
            }
            catch (SocketException ex) when (!_stop.IsCancellationRequested)
            {
                onError(new RtspException("Receiving RTP over UDP failed.", ex));
                return;
            }
        }
    }
}
