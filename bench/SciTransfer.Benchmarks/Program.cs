using SciTransfer.Transfer.Bench;
using SciTransfer.Transfer.Bench.Engine;

// Usage: SciTransfer.Benchmarks WORKLOAD [--key value ...]   (e.g. lstm-step --threads 1)
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: SciTransfer.Benchmarks <" + string.Join("|", EngineBenchmarks.All.Select(w => w.Name)) + "> [--key value ...]");
    return 1;
}

var workload = EngineBenchmarks.All.FirstOrDefault(w => w.Name == args[0]);
if (workload is null)
{
    Console.Error.WriteLine($"unknown workload '{args[0]}'");
    return 1;
}

var values = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 1; i + 1 < args.Length; i += 2)
{
    values[args[i].TrimStart('-')] = args[i + 1];
}

workload.Run(new BenchArguments(values), Console.Out, CancellationToken.None);
return 0;
