using BenchmarkDotNet.Running;
using SciTransfer.Benchmarks;

// dotnet run -c Release --project bench/SciTransfer.Benchmarks -- --filter '*Gemm*'
// Without a job option the short in-process job of BenchConfig runs; see docs/benchmarks.md for longer jobs.
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, BenchConfig.For(args));
