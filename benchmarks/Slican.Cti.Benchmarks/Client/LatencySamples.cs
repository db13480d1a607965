using System.Diagnostics;

namespace Slican.Cti.Benchmarks.Client;

/// <summary>
/// Every call's latency in <see cref="Stopwatch"/> ticks, for the p50/p99/max line BenchmarkDotNet's mean cannot give.
/// </summary>
internal sealed class LatencySamples
{
    private readonly List<long> _ticks = new(1 << 20);

    public void Add(long startTimestamp) => _ticks.Add(Stopwatch.GetTimestamp() - startTimestamp);

    /// <summary>Prints the line (as a BenchmarkDotNet log comment) and starts over.</summary>
    public void PrintAndClear(string what)
    {
        if (_ticks.Count == 0) return;
        _ticks.Sort();
        double Micro(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
        Console.WriteLine($"// {what}: {_ticks.Count} calls, p50 {Micro(_ticks[_ticks.Count / 2]):0.0} µs, p99 {Micro(_ticks[(int)(_ticks.Count * 0.99)]):0.0} µs, max {Micro(_ticks[^1]):0.0} µs");
        _ticks.Clear();
    }
}
