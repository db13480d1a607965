using System.Text;
using BenchmarkDotNet.Attributes;
using Slican.Cti.Protocol.Text;
using Slican.Cti.Protocol.Xctip;

namespace Slican.Cti.Benchmarks;

/// <summary>
/// Where the time of one <c>Status/Change_EV</c> decode goes: the one-pass presence read alone, the allocations, the
/// general flat path's scan and reader (what other flat messages take), the same decode forced through the tokenizer
/// (the path every non-flat frame takes), the tokenizer alone, and the IBM852 decoding of the one text field. Read with <see cref="XctipStatusChangeDecodeBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class XctipDecodeBreakdownBenchmarks
{
    private readonly XctipLeaf[] _leaves = new XctipLeaf[XctipFlatFrame.MaxLeaves];
    private byte[] _frame = [];
    private byte[] _appInfo = [];
    private int _count;

    [GlobalSetup]
    public void Setup()
    {
        _frame = Encoding.ASCII.GetBytes(SampleTraffic.StatusChange);
        _appInfo = Encoding.ASCII.GetBytes("Back at 14:00, call my mobile");
        _count = StatusChangeParts.Scan(_frame, _leaves);
    }

    [Benchmark(Baseline = true, Description = "typed decode (fast path)")]
    public XctipMessage Decode() => XctipCodec.Decode(_frame)[0];

    [Benchmark(Description = "typed decode forced through the tokenizer")]
    public XctipMessage DecodeThroughTokenizer() => XctipCodec.Decode(_frame, null, 0, allowFlat: false)[0];

    [Benchmark(Description = "general flat path: scan")]
    public int ScanOnly() => StatusChangeParts.Scan(_frame, _leaves);

    [Benchmark(Description = "general flat path: reader over the scan")]
    public XctipMessage TypedReadOnly() => StatusChangeParts.ReadTyped(_frame, _leaves.AsSpan(0, _count));

    [Benchmark(Description = "the one-pass presence read alone")]
    public XctipMessage? OnePassRead() => StatusChangeParts.OnePassRead(_frame);

    [Benchmark(Description = "the 3 allocations alone")]
    public IReadOnlyList<XctipMessage> AllocationsOnly() => StatusChangeParts.AllocationsOnly();

    [Benchmark(Description = "tokenizer only")]
    public int TokenizeOnly()
    {
        var tokenizer = new XctipTokenizer(_frame);
        int n = 0;
        while (tokenizer.Read())
        {
            n++;
        }

        return n;
    }

    [Benchmark(Description = "IBM852 text field to string")]
    public string TextField() => CtiEncoding.Ibm852.GetString(_appInfo);
}
