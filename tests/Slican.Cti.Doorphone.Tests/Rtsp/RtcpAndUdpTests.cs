using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Doorphone.Rtsp;
using Slican.Cti.Doorphone.Tests.Media;

namespace Slican.Cti.Doorphone.Tests.Rtsp;

/// <summary>RTCP receiver reports over TCP and the whole UDP path, against the scripted server.</summary>
public sealed class RtcpAndUdpTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Receiver_reports_go_out_on_the_interleaved_rtcp_channel()
    {
        await using var server = new FakeRtspServer(r => FakeRtspServer.Default(r));
        await using var client = new RtspClient(new RtspClientOptions
        {
            Uri = server.Uri,
            TimeProvider = _time,
            ReceiveTimeout = TimeSpan.FromHours(1),
            ReceiverReportInterval = TimeSpan.FromSeconds(5),
        });
        await client.StartAsync().WaitAsync(Guard);
        await server.SendInterleavedAsync(0, Rtp.Packet(100, 3000, true, [0x65, 0x88, 1], ssrc: 0x0BADCAFE));
        using (await client.Frames.ReadAsync().AsTask().WaitAsync(Guard))
        {
        }

        _time.Advance(TimeSpan.FromSeconds(5));
        var (channel, report) = await server.ClientFrames.Reader.ReadAsync().AsTask().WaitAsync(Guard);
        Assert.Equal(1, channel);
        Assert.Equal(201, report[1]); // RR
        Assert.Equal(0x0BADCAFEu, BinaryPrimitives.ReadUInt32BigEndian(report.AsSpan(8)));
        Assert.Equal(100u, BinaryPrimitives.ReadUInt32BigEndian(report.AsSpan(16)));
        Assert.Equal(202, report[33]); // SDES follows
    }

    [Fact]
    public async Task Udp_transport_receives_rtp_reorders_it_and_sends_reports_to_the_server_port()
    {
        using var serverRtp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var serverRtcp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int rtpPort = ((IPEndPoint)serverRtp.Client.LocalEndPoint!).Port;
        int rtcpPort = ((IPEndPoint)serverRtcp.Client.LocalEndPoint!).Port;
        var clientPorts = new TaskCompletionSource<(int Rtp, int Rtcp)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new FakeRtspServer(r =>
        {
            if (r.Method != "SETUP")
            {
                return FakeRtspServer.Default(r);
            }

            var match = Regex.Match(r.Header("Transport")!, "client_port=(\\d+)-(\\d+)");
            clientPorts.TrySetResult((int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value)));
            return FakeRtspServer.Answer(r, headers: $"Session: 77;timeout=60\r\nTransport: RTP/AVP;unicast;client_port={match.Groups[1].Value}-{match.Groups[2].Value};server_port={rtpPort}-{rtcpPort}\r\n");
        });
        await using var client = new RtspClient(new RtspClientOptions
        {
            Uri = server.Uri,
            Transport = RtspTransport.Udp,
            TimeProvider = _time,
            ReceiveTimeout = TimeSpan.FromHours(1),
            ReceiverReportInterval = TimeSpan.FromSeconds(5),
        });
        var info = await client.StartAsync().WaitAsync(Guard);
        Assert.Equal(RtspTransport.Udp, info.Transport);
        var ports = await clientPorts.Task.WaitAsync(Guard);
        Assert.Equal(0, ports.Rtp % 2);
        Assert.Equal(ports.Rtp + 1, ports.Rtcp);
        var target = new IPEndPoint(IPAddress.Loopback, ports.Rtp);

        // A frame of three FU-A fragments, sent out of order.
        byte[] body = Enumerable.Range(0, 30).Select(i => (byte)i).ToArray();
        var packets = new[]
        {
            Rtp.Packet(10, 9000, false, Rtp.Concat([0x7C, 0x85], body[..10])),
            Rtp.Packet(11, 9000, false, Rtp.Concat([0x7C, 0x05], body[10..20])),
            Rtp.Packet(12, 9000, true, Rtp.Concat([0x7C, 0x45], body[20..])),
        };
        foreach (int i in new[] { 0, 2, 1 })
        {
            await serverRtp.SendAsync(packets[i], target);
        }

        using (var frame = await client.Frames.ReadAsync().AsTask().WaitAsync(Guard))
        {
            Assert.True(frame.IsKeyFrame);
            Assert.True(frame.Data.Span.EndsWith(Rtp.Concat([0x65], body)));
        }

        Assert.Equal(0, client.Statistics!.PacketsLost);

        _time.Advance(TimeSpan.FromSeconds(5));
        var report = await serverRtcp.ReceiveAsync().WaitAsync(Guard);
        Assert.Equal(ports.Rtcp, report.RemoteEndPoint.Port);
        Assert.Equal(201, report.Buffer[1]);
        Assert.Equal(12u, BinaryPrimitives.ReadUInt32BigEndian(report.Buffer.AsSpan(16)));
    }
}
