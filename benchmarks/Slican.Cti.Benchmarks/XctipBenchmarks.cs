using System.Buffers;
using System.Text;
using System.Xml;
using System.Xml.Serialization;
using BenchmarkDotNet.Attributes;
using Slican.Cti.Protocol.Xctip;

namespace Slican.Cti.Benchmarks;

/// <summary>
/// Splitting and tokenizing a mixed 64 KiB stream: the SDK's frame reader + tokenizer against
/// <see cref="XmlReader"/> reading the same nodes. Per-frame figures are the result divided by <see cref="Frames"/>.
/// </summary>
[MemoryDiagnoser]
public class XctipStreamBenchmarks
{
    private byte[] _stream = [];

    /// <summary>Frames in the stream (for per-frame numbers).</summary>
    public int Frames { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _stream = SampleTraffic.MixedStream();
        Frames = SampleTraffic.FrameCount(_stream);
        Console.WriteLine($"// stream: {_stream.Length} bytes, {Frames} frames");
    }

    [Benchmark(Baseline = true, Description = "XmlReader: fragment stream, all nodes")]
    public int XmlReaderNodes()
    {
        var settings = new XmlReaderSettings { ConformanceLevel = ConformanceLevel.Fragment, DtdProcessing = DtdProcessing.Prohibit };
        using var reader = XmlReader.Create(new MemoryStream(_stream), settings);
        int nodes = 0;
        while (reader.Read())
        {
            nodes++;
        }

        return nodes;
    }

    [Benchmark(Description = "Slican: split + tokenize")]
    public int SplitAndTokenize()
    {
        var reader = new XctipFrameReader();
        var buffer = new ReadOnlySequence<byte>(_stream);
        int tokens = 0;
        while (reader.TryReadFrame(ref buffer, out var frame))
        {
            var tokenizer = new XctipTokenizer(frame.FirstSpan);
            while (tokenizer.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    [Benchmark(Description = "Slican: split + typed decode")]
    public int SplitAndDecode() => SplitAndDecode(allowFlat: true);

    /// <summary>The same with every frame through the tokenizer: what the flat paths gain, or cost, on a mixed stream.</summary>
    [Benchmark(Description = "Slican: split + typed decode, tokenizer path only")]
    public int SplitAndDecodeThroughTokenizer() => SplitAndDecode(allowFlat: false);

    private int SplitAndDecode(bool allowFlat)
    {
        var reader = new XctipFrameReader();
        var buffer = new ReadOnlySequence<byte>(_stream);
        int messages = 0;
        while (reader.TryReadFrame(ref buffer, out var frame))
        {
            messages += XctipCodec.Decode(frame.FirstSpan, null, 0, allowFlat).Count;
        }

        return messages;
    }
}

/// <summary>
/// Typed decoding of one <c>Status/Change_EV</c> frame: the SDK against <see cref="XmlReader"/> reading the same
/// fields and against <see cref="XmlSerializer"/> into classes, the way existing Slican client code does it.
/// </summary>
[MemoryDiagnoser]
public class XctipStatusChangeDecodeBenchmarks
{
    private static readonly XmlSerializer s_serializer = new(typeof(XctipDocument));
    private static readonly XmlReaderSettings s_reusedSettings = new() { NameTable = new NameTable(), DtdProcessing = DtdProcessing.Prohibit };
    private byte[] _frame = [];

    [GlobalSetup]
    public void Setup() => _frame = Encoding.ASCII.GetBytes(SampleTraffic.StatusChange);

    [Benchmark(Baseline = true, Description = "XmlReader into a POCO")]
    public StatusPoco XmlReaderFields()
    {
        using var reader = XmlReader.Create(new MemoryStream(_frame));
        return ReadPoco(reader);
    }

    /// <summary>
    /// The same reader with its settings and name table created once and reused, as a careful client would: the
    /// stronger baseline (about 15% faster than the default <see cref="XmlReaderFields"/>).
    /// </summary>
    [Benchmark(Description = "XmlReader into a POCO, settings + NameTable reused")]
    public StatusPoco XmlReaderFieldsReusedSettings()
    {
        using var reader = XmlReader.Create(new MemoryStream(_frame), s_reusedSettings);
        return ReadPoco(reader);
    }

    private static StatusPoco ReadPoco(XmlReader reader)
    {
        var poco = new StatusPoco();
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 3)
            {
                continue;
            }

            switch (reader.Name)
            {
                case "Id": poco.Id = reader.ReadElementContentAsInt(); break;
                case "State": poco.State = reader.ReadElementContentAsString(); break;
                case "DndStat": poco.DndStat = reader.ReadElementContentAsString(); break;
                case "AppState": poco.AppState = reader.ReadElementContentAsString(); break;
                case "AppInfo": poco.AppInfo = reader.ReadElementContentAsString(); break;
                case "AppInfoTime": poco.AppInfoTime = DateTime.ParseExact(reader.ReadElementContentAsString(), "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }

        return poco;
    }

    [Benchmark(Description = "XmlSerializer into classes")]
    public object? XmlSerializerClasses()
    {
        using var reader = XmlReader.Create(new MemoryStream(_frame), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return s_serializer.Deserialize(reader);
    }

    [Benchmark(Description = "Slican: XctipCodec.Decode")]
    public XctipMessage SlicanTyped() => XctipCodec.Decode(_frame)[0];

    [Benchmark(Description = "Slican: tokenizer alone (no typed fields)")]
    public int SlicanTokenizeOnly()
    {
        var tokenizer = new XctipTokenizer(_frame);
        int n = 0;
        while (tokenizer.Read())
        {
            n++;
        }

        return n;
    }
}

/// <summary>Writer throughput: one presence frame and the whole mixed stream's messages.</summary>
[MemoryDiagnoser]
public class XctipWriteBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(128 * 1024);
    private XctipMessage[] _messages = [];
    private XctipWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _messages = [.. SampleTraffic.Frames.SelectMany(f => XctipCodec.Decode(Encoding.ASCII.GetBytes(f)))];
        _writer = new XctipWriter(_buffer);
    }

    [Benchmark(Description = "Write Status/Change_EV frame")]
    public int WriteStatusChange()
    {
        _buffer.ResetWrittenCount();
        XctipCodec.Encode(_writer, [SampleTraffic.TypedStatusChange]);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Write the 7 mixed frames")]
    public int WriteMixed()
    {
        _buffer.ResetWrittenCount();
        foreach (var message in _messages)
        {
            XctipCodec.Encode(_writer, [message]);
        }

        return _buffer.WrittenCount;
    }
}

#pragma warning disable CA1034, CA1819, SA1402 // XmlSerializer needs public nested classes with settable properties.

/// <summary>What XmlReader fills.</summary>
public sealed class StatusPoco
{
    public int Id { get; set; }

    public string? State { get; set; }

    public string? DndStat { get; set; }

    public string? AppState { get; set; }

    public string? AppInfo { get; set; }

    public DateTime AppInfoTime { get; set; }
}

/// <summary>xsd-style classes like the ones existing Slican clients generate.</summary>
[XmlRoot("XCTIP")]
public sealed class XctipDocument
{
    [XmlElement("Status")]
    public StatusModule? Status { get; set; }

    public sealed class StatusModule
    {
        [XmlElement("Change_EV")]
        public ChangeEvent[]? Change_EV { get; set; }
    }

    public sealed class ChangeEvent
    {
        public int Id { get; set; }

        public string? State { get; set; }

        public string? DndStat { get; set; }

        public string? AppState { get; set; }

        public string? AppInfo { get; set; }

        public string? AppInfoTime { get; set; }
    }
}
