using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Problems;

/// <summary>
/// A named source -> target pair, configured and ready to create per-repeat data.
/// Created by an <see cref="IProblemFactory"/> from the declared options of a study config entry.
/// </summary>
public interface ITransferProblem
{
    /// <summary>Registered name, e.g. "fuel-moisture/10h-to-1h".</summary>
    string Name { get; }

    /// <summary>One line describing source, target and what is measured.</summary>
    string Description { get; }

    /// <summary>What n_target counts, for axis titles: "target samples", "days of history".</summary>
    string ScarcityAxis { get; }

    /// <summary>Metrics every cell reports (each cell must return exactly these names).</summary>
    IReadOnlyList<MetricInfo> Metrics { get; }

    /// <summary>Strategies this problem can run, in default order; the shared names are in <see cref="StrategyNames"/>.</summary>
    IReadOnlyList<IStrategy> Strategies { get; }

    /// <summary>Target sizes used when a config gives none.</summary>
    IReadOnlyList<int> DefaultSizes { get; }

    /// <summary>
    /// The largest n the configured target pool allows (after the data split), known before any data is generated;
    /// a config size above it is a config error. Null when n is not bounded by a pool (e.g. days of history that
    /// the problem caps itself).
    /// </summary>
    int? MaxTargetSize { get; }

    /// <summary>
    /// Generates (or loads) one repeat's data: source set, target pool and fixed target test set.
    /// Called once per (problem, repeat); the runner keeps the instance for every cell of that repeat.
    /// Must be deterministic given <see cref="ProblemContext.Seeds"/>.
    /// </summary>
    ProblemInstance Create(ProblemContext context);

    /// <summary>
    /// Problems that share a comparison group (e.g. "quantum-vs-classical/digits") get one extra report
    /// plot with their relative-performance-retention curves together. Null: no group.
    /// </summary>
    string? ComparisonGroup => null;

    /// <summary>
    /// Declared cost of one cell of <paramref name="strategy"/>, used to balance cluster shards
    /// (<see cref="Cluster.CellCostModel"/>) until an earlier run's timings.csv refines it. Default: Moderate.
    /// </summary>
    CostClass CellCost(string strategy) => CostClass.Moderate;

    /// <summary>
    /// True when the source model is written to the sources/ cache (the instance overrides
    /// <see cref="ProblemInstance{TSource}.SaveSource"/>), so a cluster pre-training job can train it once for every
    /// shard. Default: false (shards then keep each (problem, repeat) together so it is trained once).
    /// </summary>
    bool CachesSource => false;

    /// <summary>
    /// Doubts about the configured data that are not errors (values clipped or rounded by an option, physically
    /// implausible values kept): the runner writes them into run.json ("warnings", per problem id) and the report lists
    /// them. Empty by default.
    /// </summary>
    IReadOnlyList<string> Warnings => [];

    /// <summary>
    /// Seed key of the repeats (null: the entry's id). Entries whose problems return the same key draw identical repeats
    /// (the same data, target subsets and cell seeds), so their models can be compared per repeat (paired). Default: null.
    /// </summary>
    string? SeedKey => null;

    /// <summary>
    /// Trainable parameters of the model this problem trains, stated in run.json and the report (capacity of
    /// quantum-vs-classical pairs); null when the problem has no single model size. Default: null.
    /// </summary>
    int? ParameterCount => null;
}
