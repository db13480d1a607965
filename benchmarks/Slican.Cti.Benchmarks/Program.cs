using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Slican.Cti.Benchmarks -- --filter '*' --job short
// dotnet run -c Release --project benchmarks/Slican.Cti.Benchmarks -- voip-pacing [calls] [seconds]
if (args.Length > 0 && args[0] == "voip-pacing") { await Slican.Cti.Benchmarks.VoipPacing.RunAsync(args); return; }

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
