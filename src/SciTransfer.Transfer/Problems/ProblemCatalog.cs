using SciTransfer.Transfer.Bench;

namespace SciTransfer.Transfer.Problems;

/// <summary>Problems and bench workloads of the registered domain modules, by name.</summary>
public sealed class ProblemCatalog
{
    private readonly Dictionary<string, IProblemFactory> _problems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IBenchWorkload> _benchmarks = new(StringComparer.Ordinal);

    /// <summary>Registers every module's problems and workloads; duplicate names are an error.</summary>
    public ProblemCatalog(IEnumerable<IDomainModule> modules, IEnumerable<IBenchWorkload>? extraBenchmarks = null)
    {
        Modules = [.. modules];
        foreach (var m in Modules)
        {
            foreach (var p in m.Problems)
            {
                if (!_problems.TryAdd(p.Name, p))
                {
                    throw new InvalidOperationException($"problem '{p.Name}' is registered twice");
                }
            }

            foreach (var b in m.Benchmarks)
            {
                AddBenchmark(b);
            }
        }

        foreach (var b in extraBenchmarks ?? [])
        {
            AddBenchmark(b);
        }
    }

    /// <summary>The modules, in registration order.</summary>
    public IReadOnlyList<IDomainModule> Modules { get; }

    /// <summary>Problem names in registration order.</summary>
    public IEnumerable<string> ProblemNames => Modules.SelectMany(m => m.Problems).Select(p => p.Name);

    /// <summary>Benchmark workloads, sorted by name.</summary>
    public IEnumerable<IBenchWorkload> Benchmarks => _benchmarks.Values.OrderBy(b => b.Name, StringComparer.Ordinal);

    /// <summary>Looks up a problem factory.</summary>
    public bool TryGetProblem(string name, out IProblemFactory factory) => _problems.TryGetValue(name, out factory!);

    /// <summary>Looks up a workload.</summary>
    public bool TryGetBenchmark(string name, out IBenchWorkload workload) => _benchmarks.TryGetValue(name, out workload!);

    private void AddBenchmark(IBenchWorkload b)
    {
        if (!_benchmarks.TryAdd(b.Name, b))
        {
            throw new InvalidOperationException($"bench workload '{b.Name}' is registered twice");
        }
    }
}
