using System.Collections.Concurrent;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.Tests;

/// <summary>
/// A test problem that records which target indices each cell saw and returns values derived from its
/// seeds, so tests can check subsets, seeding and failure handling without any modelling.
/// </summary>
internal sealed class SpyProblem(string name = "test/spy", string? failOn = null, Exception? failOnCreate = null) : ITransferProblem
{
    public ConcurrentDictionary<(string Strategy, int N, int Repeat), int[]> Seen { get; } = new();

    private int _pretrainCalls;

    /// <summary>How many times a source model was trained (not loaded from the cache).</summary>
    public int PretrainCalls => _pretrainCalls;

    public string Name => name;

    public string Description => "records target subsets";

    public string ScarcityAxis => "target samples";

    public IReadOnlyList<MetricInfo> Metrics { get; } = [new("error", "", true), new("score", "", false)];

    public IReadOnlyList<string> Strategies { get; } = ["scratch", "source-only", "fine-tune"];

    public IReadOnlyList<int> DefaultSizes { get; } = [2, 4, 8, 16];

    public ProblemInstance Create(ProblemContext context) => failOnCreate is null ? new Instance(this, context.Repeat, failOn) : throw failOnCreate;

    private sealed class Instance(SpyProblem owner, int repeat, string? failOn) : ProblemInstance
    {
        public override int TargetPoolSize => 32;

        public override object? PretrainSource(SourceRequest request)
        {
            Interlocked.Increment(ref owner._pretrainCalls);
            return request.Seeds.Key;
        }

        public override bool SaveSource(object source, Stream destination)
        {
            destination.Write(BitConverter.GetBytes((ulong)source));
            return true;
        }

        public override object? LoadSource(Stream source)
        {
            var bytes = new byte[8];
            source.ReadExactly(bytes);
            return BitConverter.ToUInt64(bytes);
        }

        public override CellResult Run(CellRequest request)
        {
            if (failOn == request.Strategy)
            {
                throw new InvalidOperationException("deliberate failure");
            }

            owner.Seen[(request.Strategy, request.N, repeat)] = request.TargetIndices.ToArray();
            double noise = (request.Seeds.Key % 1000) / 1000.0;
            double sourceBonus = request.Strategy == "scratch" ? 0 : 0.5;
            double error = (1.0 / (1 + request.N)) + (0.01 * noise) + (request.Strategy == "scratch" ? sourceBonus : -sourceBonus / (1 + request.N));
            return new CellResult(new Dictionary<string, double> { ["error"] = error, ["score"] = 1 - error });
        }
    }
}

/// <summary>A factory for a fixed problem object.</summary>
internal sealed class FixedFactory(ITransferProblem problem) : IProblemFactory
{
    public string Name => problem.Name;

    public ITransferProblem Create(OptionsReader options, ProblemSettings settings) => problem;
}

/// <summary>A module with the given problems.</summary>
internal sealed class TestModule(params IProblemFactory[] problems) : IDomainModule
{
    public string Name => "test";

    public IReadOnlyList<IProblemFactory> Problems => problems;

    public IReadOnlyList<Bench.IBenchWorkload> Benchmarks => [];
}
