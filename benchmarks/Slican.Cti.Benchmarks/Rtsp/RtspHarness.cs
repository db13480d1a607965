using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Slican.Cti.Doorphone.Rtsp;

namespace Slican.Cti.Benchmarks.Rtsp;

/// <summary>
/// Measured harness (not BenchmarkDotNet: the quantity is network/session latency against a live 25 frames/s
/// server, not a CPU-bound method): time to first frame and sustained frames/s + CPU for the SDK's
/// <see cref="RtspClient"/> and for GStreamer's <c>rtspsrc</c> (in its own process, timed inside it so process
/// start-up is excluded), alternating rounds against the same gst-rtsp-server.
/// <c>dotnet run -c Release --project benchmarks/Slican.Cti.Benchmarks -- rtsp [rounds] [seconds] [h264,mjpeg]</c>
/// </summary>
internal static class RtspHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        string root = FindRepositoryRoot();
        string serverScript = Path.Combine(root, "tests", "Slican.Cti.Doorphone.Tests", "Interop", "rtsp_server.py");
        string clientScript = Path.Combine(root, "benchmarks", "Slican.Cti.Benchmarks", "Rtsp", "gst_rtspsrc_client.py");
        int port = FreePort();
        using var server = Start("/usr/bin/python3", serverScript, port.ToString(CultureInfo.InvariantCulture));
        try
        {
            await WaitForLineAsync(server, "READY");

            Console.WriteLine($"RTSP harness: {rounds} rounds x {seconds} s per client and codec, server 640x360 25 fps on 127.0.0.1:{port}, {Environment.ProcessorCount} cores");
            Console.WriteLine("| codec | client | time to first frame, median (min-max) ms | sustained frames/s | client CPU ms per s |");
            Console.WriteLine("|---|---|---|---|---|");
            string[] codecs = args.Length > 2 ? args[2].Split(',') : ["h264", "mjpeg"];
            foreach (string codec in codecs)
            {
                var uri = new Uri($"rtsp://127.0.0.1:{port}/{codec}");

                // A warm viewer in another process keeps the shared server pipeline prepared, so every round measures
                // the client (and the wait for the next key frame), not the server's encoder start-up.
                using var warm = Start("gst-launch-1.0", "-q", "rtspsrc", $"location={uri}", "protocols=tcp", "!", "fakesink");
                try
                {
                    await MeasureSdkAsync(uri, seconds); // warm-up round (JIT tiering), not recorded

                    var sdk = new List<(double Ttff, double Fps, double Cpu)>();
                    var gst = new List<(double Ttff, double Fps, double Cpu)>();
                    var gstAny = new List<(double Ttff, double Fps, double Cpu)>();
                    for (int round = 0; round < rounds; round++)
                    {
                        sdk.Add(await MeasureSdkAsync(uri, seconds));
                        gst.Add(await MeasureGstAsync(clientScript, uri, codec, seconds, anyFrame: false));
                        if (codec == "h264")
                        {
                            gstAny.Add(await MeasureGstAsync(clientScript, uri, codec, seconds, anyFrame: true));
                        }

                        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: sdk {sdk[^1]} gst {gst[^1]}"));
                    }

                    Print(codec, "Slican.Cti.Doorphone RtspClient", sdk);
                    double idle = await MeasureIdleAsync(seconds);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {codec} | (same .NET process, idle, no client) | - | - | {idle:0.0} |"));
                    Print(codec, codec == "h264" ? "GStreamer rtspsrc + rtph264depay wait-for-keyframe=true" : "GStreamer rtspsrc + rtpjpegdepay", gst);
                    if (gstAny.Count > 0)
                    {
                        Print(codec, "GStreamer rtspsrc + rtph264depay, first buffer of any kind", gstAny);
                    }
                }
                finally
                {
                    warm.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            // Never leave the server behind, also when a round fails.
            server.Kill(entireProcessTree: true);
        }

        return 0;
    }

    private static async Task<(double, double, double)> MeasureSdkAsync(Uri uri, double seconds)
    {
        var clock = Stopwatch.StartNew();
        await using var client = new RtspClient(new RtspClientOptions { Uri = uri });
        await client.StartAsync();
        using (var first = await client.Frames.ReadAsync())
        {
        }

        double ttff = clock.Elapsed.TotalMilliseconds;
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var window = Stopwatch.StartNew();
        int frames = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            while (true)
            {
                using var frame = await client.Frames.ReadAsync(stop.Token);
                frames++;
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Refresh();
        double elapsed = window.Elapsed.TotalSeconds;
        return (ttff, frames / elapsed, (process.TotalProcessorTime - cpu0).TotalMilliseconds / elapsed);
    }

    private static async Task<double> MeasureIdleAsync(double seconds)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var window = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        process.Refresh();
        return (process.TotalProcessorTime - cpu0).TotalMilliseconds / window.Elapsed.TotalSeconds;
    }

    private static async Task<(double, double, double)> MeasureGstAsync(string script, Uri uri, string codec, double seconds, bool anyFrame)
    {
        using var client = Start("/usr/bin/python3", script, uri.ToString(), codec, seconds.ToString(CultureInfo.InvariantCulture), anyFrame ? "any-frame" : "key-frame");
        string line;
        try
        {
            await WaitForLineAsync(client, "READY");
            await client.StandardInput.WriteLineAsync("go");
            await client.StandardInput.FlushAsync();
            line = await WaitForLineAsync(client, "{");
            await client.WaitForExitAsync();
        }
        finally
        {
            if (!client.HasExited)
            {
                client.Kill(entireProcessTree: true);
            }
        }

        using var json = JsonDocument.Parse(line);
        var r = json.RootElement;
        if (r.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException("rtspsrc: " + error.GetString());
        }

        return (r.GetProperty("ttff_ms").GetDouble(), r.GetProperty("fps").GetDouble(), r.GetProperty("cpu_ms_per_s").GetDouble());
    }

    private static void Print(string codec, string name, List<(double Ttff, double Fps, double Cpu)> results)
    {
        var ttff = results.Select(r => r.Ttff).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {codec} | {name} | {ttff[ttff.Length / 2]:0} ({ttff[0]:0}-{ttff[^1]:0}) | {results.Average(r => r.Fps):0.0} | {results.Average(r => r.Cpu):0.0} |"));
    }

    private static Process Start(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> WaitForLineAsync(Process process, string prefix)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            string? line = await process.StandardOutput.ReadLineAsync(guard.Token) ?? throw new InvalidOperationException($"{process.StartInfo.FileName} ended before printing {prefix}");
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Slican.Cti.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
