using System.Collections.Concurrent;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Tests;

/// <summary>
/// A test problem that records which target indices each cell saw and returns values derived from its
/// seeds, so tests can check subsets, seeding and failure handling without any modelling.
/// </summary>
internal sealed class SpyProblem(string name = "test/spy", string? failOn = null, Exception? failOnCreate = null, string? divergeOn = null, string? seedKey = null, string? group = null) : ITransferProblem
{
    public string? SeedKey => seedKey;

    public string? ComparisonGroup => group;

    public int? ParameterCount => seedKey is null ? null : name.Length;

    public ConcurrentDictionary<(string Strategy, int N, int Repeat), int[]> Seen { get; } = new();

    private int _pretrainCalls;

    /// <summary>How many times a source model was trained (not loaded from the cache).</summary>
    public int PretrainCalls => _pretrainCalls;

    public string Name => name;

    public string Description => "records target subsets";

    public string ScarcityAxis => "target samples";

    public IReadOnlyList<MetricInfo> Metrics { get; } = [new("error", "", true), new("score", "", false)];

    public IReadOnlyList<IStrategy> Strategies { get; } =
        [new SpyStrategy(StrategyNames.Scratch, StrategyNeeds.TargetLabels), new SpyStrategy(StrategyNames.SourceOnly, StrategyNeeds.Source), new SpyStrategy(StrategyNames.FineTune, StrategyNeeds.Source | StrategyNeeds.TargetLabels)];

    public IReadOnlyList<int> DefaultSizes { get; } = [2, 4, 8, 16];

    public int? MaxTargetSize => PoolSize;

    public const int PoolSize = 32;

    /// <summary>The device of the last context a repeat was created with.</summary>
    public string? DeviceSeen { get; private set; }

    public ProblemInstance Create(ProblemContext context)
    {
        DeviceSeen = context.Settings.Device;
        return failOnCreate is null ? new Instance(this, context.Repeat, failOn, divergeOn) : throw failOnCreate;
    }

    /// <summary>The source model: the repeat's source seed key, boxed in a class.</summary>
    public sealed record SpySource(ulong Key);

    /// <summary>A strategy that records what it saw and returns values derived from its seeds.</summary>
    private sealed class SpyStrategy(string name, StrategyNeeds needs) : Strategy<Instance>
    {
        public override string Name => name;

        public override StrategyNeeds Needs => needs;

        public override string Description => "spy";

        public override CellResult Run(Instance instance, StrategyCell cell) => instance.Cell(Name, cell);
    }

    private sealed class Instance(SpyProblem owner, int repeat, string? failOn, string? divergeOn) : ProblemInstance<SpySource>
    {
        public override int TargetPoolSize => PoolSize;

        public override SpySource PretrainSource(SourceRequest request)
        {
            Interlocked.Increment(ref owner._pretrainCalls);
            return new SpySource(request.Seeds.Key);
        }

        public override bool SaveSource(SpySource source, Stream destination)
        {
            destination.Write(BitConverter.GetBytes(source.Key));
            return true;
        }

        public override SpySource? LoadSource(Stream source)
        {
            var bytes = new byte[8];
            source.ReadExactly(bytes);
            return new SpySource(BitConverter.ToUInt64(bytes));
        }

        public CellResult Cell(string strategy, StrategyCell cell)
        {
            if (failOn == strategy)
            {
                throw new InvalidOperationException("deliberate failure");
            }

            if (strategy != StrategyNames.Scratch)
            {
                _ = Source; // strategies that declare Source must find it prepared
            }

            owner.Seen[(strategy, cell.N, repeat)] = cell.TargetIndices.ToArray();
            double noise = (cell.Seeds.Key % 1000) / 1000.0;
            double sourceBonus = strategy == StrategyNames.Scratch ? 0 : 0.5;
            double error = (1.0 / (1 + cell.N)) + (0.01 * noise) + (strategy == StrategyNames.Scratch ? sourceBonus : -sourceBonus / (1 + cell.N));
            if (divergeOn == strategy)
            {
                error = double.PositiveInfinity; // a training that blew up
            }

            return new CellResult(new Dictionary<string, double> { ["error"] = error, ["score"] = 1 - error });
        }
    }
}

/// <summary>A factory for a fixed problem object.</summary>
internal sealed class FixedFactory(ITransferProblem problem) : IProblemFactory
{
    public string Name => problem.Name;

    public string Summary => problem.Description;

    public OptionSet Options => OptionSet.None;

    public ITransferProblem Create(ProblemOptions options, ProblemSettings settings) => problem;
}

/// <summary>A module with the given problems.</summary>
internal sealed class TestModule(params IProblemFactory[] problems) : IDomainModule
{
    public string Name => "test";

    public IReadOnlyList<IProblemFactory> Problems => problems;

    public IReadOnlyList<Bench.IBenchWorkload> Benchmarks => [];
}
