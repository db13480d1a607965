using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Voip.Media;
using Slican.Cti.Voip.Rtp;

namespace Slican.Cti.Voip.Tests.Rtp;

public sealed class RtpTests
{
    [Fact]
    public void Rtp_header_round_trips_and_rejects_rtcp_and_garbage()
    {
        var packet = new byte[RtpHeader.FixedSize + 160];
        RtpHeader.Write(packet, true, 8, 65535, 0xDEADBEEF, 0x12345678);
        Assert.True(RtpHeader.TryParse(packet, out var h));
        Assert.Equal(new RtpHeader(true, 8, 65535, 0xDEADBEEF, 0x12345678, 12, 160), h);
        Assert.False(RtpHeader.TryParse(new byte[] { 0x80, 200, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 }, out _));
        Assert.False(RtpHeader.TryParse(new byte[5], out _));
        Assert.False(RtpHeader.TryParse(new byte[] { 0x8F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, out _)); // 15 CSRCs announced, none present
    }

    [Fact]
    public void Dtmf_event_payload_round_trips()
    {
        var bytes = new byte[4];
        new DtmfEvent(DtmfEvent.CodeOf('#'), true, 10, 800).Write(bytes);
        Assert.True(DtmfEvent.TryParse(bytes, out var e));
        Assert.Equal('#', DtmfEvent.DigitOf(e.Event));
        Assert.True(e.End);
        Assert.Equal(800, e.Duration);
        Assert.Throws<ArgumentOutOfRangeException>(() => DtmfEvent.CodeOf('x'));
    }

    private static (RtpAudioSession Session, Socket Peer) NewSession(FakeTimeProvider time)
    {
        var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rtp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rtcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var session = new RtpAudioSession(rtp, rtcp, time, NullLogger.Instance, DefaultRandom.Instance)
        {
            RemoteEndPoint = (IPEndPoint)peer.LocalEndPoint!,
            Codec = G711Law.MuLaw,
            Source = new ToneSource(1000),
        };
        return (session, peer);
    }

    [Fact]
    public async Task Each_media_clock_tick_sends_one_20_ms_packet_with_consecutive_sequence_and_timestamps()
    {
        var time = new FakeTimeProvider();
        var (session, peer) = NewSession(time);
        await using (session)
        {
            using (peer)
            {
                for (int i = 0; i < 10; i++)
                {
                    session.Tick();
                }

                var buffer = new byte[2048];
                RtpHeader? previous = null;
                var pcm = new List<short>();
                for (int i = 0; i < 10; i++)
                {
                    int n = await peer.ReceiveAsync(buffer).WaitAsync(TimeSpan.FromSeconds(10));
                    Assert.True(RtpHeader.TryParse(buffer.AsSpan(0, n), out var h));
                    Assert.Equal(0, h.PayloadType);
                    Assert.Equal(160, h.PayloadLength);
                    Assert.Equal(i == 0, h.Marker);
                    if (previous is { } p)
                    {
                        Assert.Equal((ushort)(p.SequenceNumber + 1), h.SequenceNumber);
                        Assert.Equal(p.Timestamp + 160, h.Timestamp);
                    }

                    previous = h;
                    pcm.AddRange(buffer.Skip(h.PayloadOffset).Take(h.PayloadLength).Select(G711.MuLawToLinear));
                }

                Assert.True(GoertzelDetector.IsTone(pcm.ToArray(), 1000));
                Assert.Equal(10, session.GetStatistics().PacketsSent);
                session.Muted = true;
                session.Tick();
                int m = await peer.ReceiveAsync(buffer).WaitAsync(TimeSpan.FromSeconds(10));
                Assert.All(buffer.Skip(12).Take(m - 12), b => Assert.Equal(0xFF, b)); // µ-law silence
            }
        }
    }

    [Fact]
    public async Task The_shared_clock_prepares_before_the_edge_and_sends_only_at_it_and_dtmf_completes_once_sent()
    {
        var time = new FakeTimeProvider();
        var (session, peer) = NewSession(time);
        await using (session)
        {
            using (peer)
            {
                session.TelephoneEventPayloadType = 101;
                var buffer = new byte[2048];

                // Audio: preparing sends nothing; the send phase sends exactly one 20 ms packet.
                session.PrepareFromClock();
                Assert.Equal(0, peer.Available);
                session.SendFromClock();
                session.PlayOutFromClock();
                int n = await peer.ReceiveAsync(buffer).WaitAsync(TimeSpan.FromSeconds(10));
                Assert.True(RtpHeader.TryParse(buffer.AsSpan(0, n), out var audio));
                Assert.Equal(160, audio.PayloadLength);

                // A 40 ms digit is two frames: the second carries the end flag three times (RFC 4733 §2.5.1.4),
                // and the digit's task completes only when those have gone out.
                var sent = session.SendDtmfAsync('5', TimeSpan.FromMilliseconds(40));
                session.PrepareFromClock();
                session.SendFromClock();
                session.PrepareFromClock();
                Assert.False(sent.IsCompleted);
                session.SendFromClock();
                await sent.WaitAsync(TimeSpan.FromSeconds(10));

                var events = new List<(RtpHeader Header, DtmfEvent Event)>();
                for (int i = 0; i < 4; i++)
                {
                    int m = await peer.ReceiveAsync(buffer).WaitAsync(TimeSpan.FromSeconds(10));
                    Assert.True(RtpHeader.TryParse(buffer.AsSpan(0, m), out var h));
                    Assert.Equal(101, h.PayloadType);
                    Assert.True(DtmfEvent.TryParse(buffer.AsSpan(h.PayloadOffset, h.PayloadLength), out var e));
                    events.Add((h, e));
                }

                Assert.Equal([false, true, true, true], events.Select(x => x.Event.End));
                Assert.All(events, x => Assert.Equal(events[0].Header.Timestamp, x.Header.Timestamp));
                Assert.Equal(Enumerable.Range(0, 4).Select(i => (ushort)(audio.SequenceNumber + 1 + i)), events.Select(x => x.Header.SequenceNumber));
                Assert.Equal(4, session.GetStatistics().PacketsSent - 1);
            }
        }
    }

    [Fact]
    public void Received_packets_feed_stats_dtmf_and_the_jitter_buffer_and_rtcp_reports_describe_them()
    {
        var time = new FakeTimeProvider();
        var (session, peer) = NewSession(time);
        using (peer)
        {
            session.TelephoneEventPayloadType = 101;
            var digits = new List<char>();
            session.DtmfReceived += digits.Add;
            var source = new IPEndPoint(IPAddress.Loopback, 40000);
            var packet = new byte[RtpHeader.FixedSize + 160];
            var decoded = new short[640];
            foreach (ushort seq in new ushort[] { 1, 2, 4, 5 })
            {
                RtpHeader.Write(packet, false, 0, seq, seq * 160u, 42);
                session.OnRtp(packet, source, decoded);
                time.Advance(TimeSpan.FromMilliseconds(20));
            }

            var dtmf = new byte[RtpHeader.FixedSize + 4];
            new DtmfEvent(5, true, 10, 800).Write(dtmf.AsSpan(RtpHeader.FixedSize));
            for (int i = 0; i < 3; i++)
            {
                RtpHeader.Write(dtmf, false, 101, (ushort)(6 + i), 960, 42);
                session.OnRtp(dtmf, source, decoded); // the end packet is repeated three times: one digit
            }

            Assert.Equal(['5'], digits);
            var stats = session.GetStatistics();
            Assert.Equal(7, stats.PacketsReceived);
            Assert.Equal(1, stats.PacketsLost); // 1..8 expected, 7 received
            Assert.Equal(source, session.RemoteEndPoint); // symmetric RTP latched onto the real source

            byte[] report = session.BuildRtcpReport();
            Assert.Equal(201, report[1]); // RR: we have not sent anything
            Assert.Equal(1, report[0] & 0x1F);
            Assert.Equal(42u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(report.AsSpan(8)));
            Assert.Equal(32, report[12]); // fraction lost 1/8 = 32/256
        }
    }
}
