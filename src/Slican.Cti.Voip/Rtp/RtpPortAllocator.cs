using System.Net;
using System.Net.Sockets;

namespace Slican.Cti.Voip.Rtp;

/// <summary>
/// Hands out even RTP ports (RTCP on the next odd port) from a range, such as 10000–20000 for NCP or 8100–8300 for
/// IPx/MAC/CCT PBXes. A range of 0..0 uses ephemeral ports (tests).
/// </summary>
internal sealed class RtpPortAllocator(int min, int max)
{
    private int _next = min + (min & 1);

    public (Socket Rtp, Socket Rtcp) Bind(IPAddress address)
    {
        if (min == 0 && max == 0)
        {
            for (int attempt = 0; attempt < 50; attempt++)
            {
                var rtp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                rtp.Bind(new IPEndPoint(address, 0));
                int port = ((IPEndPoint)rtp.LocalEndPoint!).Port;
                if ((port & 1) == 0 && port < 65535 && TryBind(address, port + 1, out var rtcp))
                {
                    return (rtp, rtcp!);
                }

                rtp.Dispose();
            }
        }
        else
        {
            int span = Math.Max(2, max - min);
            for (int attempt = 0; attempt < span / 2; attempt++)
            {
                int port = Interlocked.Add(ref _next, 2) - 2;
                if (port + 1 > max)
                {
                    Interlocked.Exchange(ref _next, min + (min & 1));
                    continue;
                }

                if (TryBind(address, port, out var rtp))
                {
                    if (TryBind(address, port + 1, out var rtcp))
                    {
                        return (rtp!, rtcp!);
                    }

                    rtp!.Dispose();
                }
            }
        }

        throw new Sip.Transport.SipTransportException($"No free RTP port pair in {min}-{max} on {address}. Widen the RTP port range or close other calls.");
    }

    private static bool TryBind(IPAddress address, int port, out Socket? socket)
    {
        socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            socket.Dispose();
            socket = null;
            return false;
        }
    }
}
