using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Slican.Cti.Benchmarks -- --filter '*' --job short
if (args.Length > 0 && args[0] == "rtsp")
{
    // Measured RTSP harness against gst-rtsp-server, compared with GStreamer's rtspsrc (docs/performance.md).
    return await Slican.Cti.Benchmarks.Rtsp.RtspHarness.RunAsync(args[1..]);
}

// dotnet run -c Release --project benchmarks/Slican.Cti.Benchmarks -- voip-pacing [calls] [seconds]
if (args.Length > 0 && args[0] == "voip-pacing") { await Slican.Cti.Benchmarks.VoipPacing.RunAsync(args); return 0; }

// dotnet run -c Release --project benchmarks/Slican.Cti.Benchmarks -- xctip-decode-ratio [rounds]
if (args.Length > 0 && args[0] == "xctip-decode-ratio") { Slican.Cti.Benchmarks.XctipDecodeRatio.Run(args); return 0; }

// dotnet run -c Release --project benchmarks/Slican.Cti.Benchmarks -- xctip-decode-profile [seconds]
// Decodes Status/Change_EV in a loop for a profiler (docs/performance.md shows the perf command).
if (args.Length > 0 && args[0] == "xctip-decode-profile") { Slican.Cti.Benchmarks.XctipDecodeRatio.Profile(args); return 0; }

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
