using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Slican.Cti.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
