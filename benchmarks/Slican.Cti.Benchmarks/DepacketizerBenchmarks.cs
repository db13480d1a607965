using BenchmarkDotNet.Attributes;
using Slican.Cti.Doorphone.Media;

namespace Slican.Cti.Benchmarks;

/// <summary>
/// Cost of turning one video frame's RTP packets into a frame: H.264 (STAP-A with SPS/PPS + a 20 KB IDR in FU-A
/// fragments of 1400 bytes) and MJPEG (a 30 KB JPEG in 22 fragments, headers rebuilt from in-band tables).
/// </summary>
[MemoryDiagnoser]
public class DepacketizerBenchmarks
{
    private readonly List<byte[]> _h264 = [];
    private readonly List<byte[]> _jpeg = [];
    private H264Depacketizer _h264Depacketizer = null!;
    private JpegDepacketizer _jpegDepacketizer = null!;
    private ushort _sequence;
    private uint _timestamp;
    private long _bytes;
    private readonly byte[] _packet = new byte[12 + 1600];

    [GlobalSetup]
    public void Setup()
    {
        byte[] sps = [0x67, 0x42, 0xC0, 0x1E, 0xDA, 0x02, 0x80, 0xBF, 0xE5, 0xC0];
        byte[] pps = [0x68, 0xCE, 0x3C, 0x80];
        _h264.Add([24, 0, (byte)sps.Length, .. sps, 0, (byte)pps.Length, .. pps]);
        var idr = new byte[20_000];
        new Random(1).NextBytes(idr);
        for (int offset = 1; offset < idr.Length; offset += 1400)
        {
            int length = Math.Min(1400, idr.Length - offset);
            byte header = (byte)((offset == 1 ? 0x80 : 0) | (offset + length >= idr.Length ? 0x40 : 0) | 5);
            _h264.Add([0x7C, header, .. idr.AsSpan(offset, length)]);
        }

        var scan = new byte[30_000];
        new Random(2).NextBytes(scan);
        byte[] tables = Enumerable.Range(1, 128).Select(i => (byte)i).ToArray();
        for (int offset = 0; offset < scan.Length; offset += 1400)
        {
            int length = Math.Min(1400, scan.Length - offset);
            byte[] main = [0, (byte)(offset >> 16), (byte)(offset >> 8), (byte)offset, 1, 255, 80, 45];
            _jpeg.Add(offset == 0 ? [.. main, 0, 0, 0, 128, .. tables, .. scan.AsSpan(offset, length)] : [.. main, .. scan.AsSpan(offset, length)]);
        }

        _h264Depacketizer = new H264Depacketizer(Consume);
        _jpegDepacketizer = new JpegDepacketizer(Consume);
    }

    [Benchmark(Description = "H.264 IDR frame, 20 KB in 15 FU-A packets")]
    public long H264Frame() => Feed(_h264Depacketizer, _h264);

    [Benchmark(Description = "MJPEG frame, 30 KB in 22 packets")]
    public long JpegFrame() => Feed(_jpegDepacketizer, _jpeg);

    private long Feed(RtpDepacketizer depacketizer, List<byte[]> payloads)
    {
        _timestamp += 3600;
        var packet = _packet;
        for (int i = 0; i < payloads.Count; i++)
        {
            var payload = payloads[i];
            packet[0] = 0x80;
            packet[1] = (byte)((i == payloads.Count - 1 ? 0x80 : 0) | 96);
            packet[2] = (byte)(_sequence >> 8);
            packet[3] = (byte)_sequence++;
            packet[4] = (byte)(_timestamp >> 24);
            packet[5] = (byte)(_timestamp >> 16);
            packet[6] = (byte)(_timestamp >> 8);
            packet[7] = (byte)_timestamp;
            payload.CopyTo(packet, 12);
            if (!RtpPacket.TryParse(packet.AsSpan(0, 12 + payload.Length), out var parsed))
            {
                throw new InvalidOperationException("bad packet");
            }

            depacketizer.Process(parsed);
        }

        return _bytes;
    }

    private void Consume(VideoFrame frame)
    {
        _bytes += frame.Length;
        frame.Dispose();
    }
}
