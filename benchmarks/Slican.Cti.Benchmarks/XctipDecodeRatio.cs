using System.Diagnostics;

namespace Slican.Cti.Benchmarks;

/// <summary>
/// A cross-check of <see cref="XctipStatusChangeDecodeBenchmarks"/> for a loaded machine: the decoders run
/// interleaved in short batches, round after round, so every one of them sees the same background load, and the
/// fastest batch of each (the one least disturbed) and the median are reported. BenchmarkDotNet runs one method
/// after another, so on a shared machine a load change between methods moves its ratios.
/// </summary>
/// <remarks><c>dotnet run -c Release --project benchmarks/Slican.Cti.Benchmarks -- xctip-decode-ratio [rounds]</c></remarks>
internal static class XctipDecodeRatio
{
    public static void Run(string[] args)
    {
        int rounds = args.Length > 1 && int.TryParse(args[1], out int r) ? r : 3000;
        var bench = new XctipStatusChangeDecodeBenchmarks();
        bench.Setup();
        byte[] frame = System.Text.Encoding.ASCII.GetBytes(SampleTraffic.StatusChange);
        var leaves = new Protocol.Xctip.XctipLeaf[Protocol.Xctip.XctipFlatFrame.MaxLeaves];
        var scanned = leaves[..StatusChangeParts.Scan(frame, leaves)];
        var methods = new (string Name, int Batch, Func<object?> Run)[]
        {
            ("XmlReader into a POCO", 20, bench.XmlReaderFields),
            ("XmlReader, settings + NameTable reused", 20, bench.XmlReaderFieldsReusedSettings),
            ("XmlSerializer into classes", 10, bench.XmlSerializerClasses),
            ("Slican: XctipCodec.Decode", 100, bench.SlicanTyped),
            ("Slican: tokenize only", 100, () => bench.SlicanTokenizeOnly()),
            ("Slican: decode forced through tokenizer", 100, () => Protocol.Xctip.XctipCodec.Decode(frame, null, 0, allowFlat: false)[0]),
            ("part: the one-pass presence read alone", 100, () => StatusChangeParts.OnePassRead(frame)),
            ("part: the 3 allocations alone", 100, StatusChangeParts.AllocationsOnly),
            ("general flat path: scan", 100, () => StatusChangeParts.Scan(frame, leaves)),
            ("general flat path: reader over the scan", 100, () => StatusChangeParts.ReadTyped(frame, scanned)),
        };
        var samples = methods.Select(_ => new List<double>(rounds)).ToArray();
        for (int round = -50; round < rounds; round++)
        {
            for (int m = 0; m < methods.Length; m++)
            {
                var (_, batch, run) = methods[m];
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < batch; i++)
                {
                    run();
                }

                double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / batch;
                if (round >= 0)
                {
                    samples[m].Add(ns);
                }
            }
        }

        var min = samples.Select(s => s.Min()).ToArray();
        var median = samples.Select(s => s.Order().ElementAt(s.Count / 2)).ToArray();
        const int slican = 3;
        Console.WriteLine($"{rounds} interleaved rounds; per call: fastest batch / median batch; ratio to Slican decode (fastest / median)");
        for (int m = 0; m < methods.Length; m++)
        {
            Console.WriteLine($"{methods[m].Name,-40} {min[m],8:F0} ns / {median[m],8:F0} ns   {min[m] / min[slican],6:F2}x / {median[m] / median[slican],6:F2}x");
        }
    }

    /// <summary>Decodes the presence frame in a loop for <c>seconds</c> (default 8), for a sampling profiler.</summary>
    public static void Profile(string[] args)
    {
        double seconds = args.Length > 1 && double.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out double s) ? s : 8;
        byte[] frame = System.Text.Encoding.ASCII.GetBytes(SampleTraffic.StatusChange);
        long decoded = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (int i = 0; i < 10_000; i++)
            {
                decoded += Protocol.Xctip.XctipCodec.Decode(frame).Count;
            }
        }

        Console.WriteLine($"{decoded} frames decoded, {clock.Elapsed.TotalNanoseconds / decoded:F0} ns per frame");
    }
}
