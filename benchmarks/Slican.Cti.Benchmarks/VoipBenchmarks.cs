using System.Text;
using BenchmarkDotNet.Attributes;
using Slican.Cti.Voip.Media;
using Slican.Cti.Voip.Sip.Messages;

namespace Slican.Cti.Benchmarks;

/// <summary>SIP message parse and serialize, against the obvious string-splitting parser.</summary>
[MemoryDiagnoser]
public class SipMessageBenchmarks
{
    private static readonly byte[] Invite = Encoding.UTF8.GetBytes(
        "INVITE sip:204@192.168.1.10 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.168.1.50:5060;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:204@192.168.1.10>\r\n" +
        "From: \"Reception\" <sip:201@192.168.1.10>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:201@192.168.1.50:5060>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY\r\n" +
        "Supported: replaces\r\n" +
        "User-Agent: Slican.Cti.Voip\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 187\r\n\r\n" +
        "v=0\r\no=slican 1 1 IN IP4 192.168.1.50\r\ns=-\r\nc=IN IP4 192.168.1.50\r\nt=0 0\r\nm=audio 10000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n");

    private readonly SipMessage _parsed = SipMessageParser.Parse(Invite);

    /// <summary>Our parser: validates, keeps order, expands compact names, checks limits.</summary>
    [Benchmark]
    public SipMessage Parse() => SipMessageParser.Parse(Invite);

    /// <summary>The obvious alternative: decode to a string, split lines, split on ':' into a dictionary. No validation.</summary>
    [Benchmark(Baseline = true)]
    public Dictionary<string, string> NaiveStringSplit()
    {
        string text = Encoding.UTF8.GetString(Invite);
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = text[..end].Split("\r\n");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        headers["body"] = text[(end + 4)..];
        return headers;
    }

    /// <summary>Serialize the parsed INVITE back to bytes.</summary>
    [Benchmark]
    public byte[] Serialize() => _parsed.ToBytes();
}

/// <summary>G.711 on one second of audio (50 frames), against the other usual implementations.</summary>
public class G711Benchmarks
{
    private readonly short[] _pcm = new short[AudioFormat.SampleRate];
    private readonly byte[] _encoded = new byte[AudioFormat.SampleRate];
    private readonly short[] _decoded = new short[AudioFormat.SampleRate];
    private static readonly byte[] MuLawTable64K = BuildTable();

    /// <summary>Fills the input with speech-level noise plus a tone.</summary>
    [GlobalSetup]
    public void Setup()
    {
        new ToneSource(440, 0.2).ReadFrame(_pcm);
        var random = new Random(1);
        for (int i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)Math.Clamp(_pcm[i] + random.Next(-2000, 2000), short.MinValue, short.MaxValue);
        }

        G711.EncodeMuLaw(_pcm, _encoded);
    }

    /// <summary>Our encoder: the reference segment search per sample.</summary>
    [Benchmark]
    public void EncodeMuLaw() => G711.EncodeMuLaw(_pcm, _encoded);

    /// <summary>Alternative: a 64 KiB lookup table indexed by the sample.</summary>
    [Benchmark]
    public void EncodeMuLawTable64K()
    {
        var table = MuLawTable64K;
        for (int i = 0; i < _pcm.Length; i++)
        {
            _encoded[i] = table[(ushort)_pcm[i]];
        }
    }

    /// <summary>Our A-law encoder.</summary>
    [Benchmark]
    public void EncodeALaw() => G711.EncodeALaw(_pcm, _encoded);

    /// <summary>Our decoder: 256-entry table.</summary>
    [Benchmark]
    public void DecodeMuLaw() => G711.DecodeMuLaw(_encoded, _decoded);

    /// <summary>Alternative: the textbook bit arithmetic per sample.</summary>
    [Benchmark(Baseline = true)]
    public void DecodeMuLawComputed()
    {
        for (int i = 0; i < _encoded.Length; i++)
        {
            int u = ~_encoded[i] & 0xFF;
            int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
            _decoded[i] = (short)((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
        }
    }

    private static byte[] BuildTable()
    {
        var table = new byte[65536];
        for (int i = 0; i < 65536; i++)
        {
            table[i] = G711.LinearToMuLaw((short)(ushort)i);
        }

        return table;
    }
}
