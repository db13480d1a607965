using System.Buffers;
using System.Text;
using Slican.Cti.Doorphone.Media;
using Slican.Cti.Doorphone.Rtsp;
using Slican.Cti.Doorphone.Rtsp.Sdp;

namespace Slican.Cti.Doorphone.Tests.Rtsp;

/// <summary>Seeded random and mutated input: parsers fail only with RtspProtocolException, depacketizers never throw.</summary>
public sealed class HostileInputTests
{
    private const string ValidResponse = "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Length: 40\r\n\r\nv=0\r\ns=x\r\nm=video 0 RTP/AVP 96\r\na=x:y\r\n\r\n";

    [Fact]
    public void Mutated_rtsp_messages_fail_only_with_protocol_exceptions()
    {
        var random = new Random(6184);
        byte[] valid = Encoding.ASCII.GetBytes(ValidResponse);
        for (int i = 0; i < 5000; i++)
        {
            byte[] input = i % 5 == 0 ? RandomBytes(random, random.Next(1, 200)) : Mutate(random, valid);
            var reader = new RtspMessageReader(1024, 256);
            var buffer = new ReadOnlySequence<byte>(input);
            try
            {
                while (reader.TryRead(ref buffer, out _, out _, out _) != RtspReadResult.NeedMoreData)
                {
                }
            }
            catch (RtspProtocolException)
            {
            }
        }
    }

    [Fact]
    public void Mutated_sdp_fails_only_with_protocol_exceptions()
    {
        var random = new Random(8866);
        byte[] valid = Encoding.ASCII.GetBytes("v=0\r\ns=cam\r\na=control:*\r\nm=video 0 RTP/AVP 96 26\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z0LAHg==,aM48gA==\r\na=control:trackID=1\r\n");
        for (int i = 0; i < 3000; i++)
        {
            try
            {
                var sdp = SessionDescription.Parse(Encoding.Latin1.GetString(Mutate(random, valid)));
                foreach (var format in sdp.Media.SelectMany(m => m.Formats))
                {
                    RtpDepacketizer.Create(format, f => f.Dispose());
                }
            }
            catch (RtspProtocolException)
            {
            }
        }
    }

    [Theory]
    [InlineData("H264", 96)]
    [InlineData("H265", 97)]
    [InlineData("JPEG", 26)]
    public void Depacketizers_survive_random_payloads(string codec, int payloadType)
    {
        var random = new Random(payloadType);
        int frames = 0;
        var format = new RtpFormat(payloadType, codec, 90000, new Dictionary<string, string> { ["sprop-max-don-diff"] = "1" });
        var depacketizer = RtpDepacketizer.Create(format, f =>
        {
            frames++;
            Assert.True(f.Length > 0);
            f.Dispose();
        })!;
        for (int i = 0; i < 20000; i++)
        {
            byte[] payload = RandomBytes(random, random.Next(0, 300));
            if (codec == "JPEG" && payload.Length > 8 && random.Next(2) == 0)
            {
                payload[1] = payload[2] = payload[3] = 0; // offset 0: a frame start
            }

            var packet = Media.Rtp.Packet((ushort)(i + random.Next(0, 2)), (uint)(i / 4), random.Next(4) == 0, payload, (byte)payloadType);
            Assert.True(RtpPacket.TryParse(packet, out var parsed));
            depacketizer.Process(parsed);
        }

        Assert.True(depacketizer.Statistics.PayloadsMalformed > 0);
        Assert.True(frames + depacketizer.Statistics.FramesDiscarded > 0);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] valid)
    {
        var bytes = valid.ToList();
        int edits = random.Next(1, 6);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes.Insert(at, (byte)"\r\n:; =/0123456789$"[random.Next(18)]);
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
