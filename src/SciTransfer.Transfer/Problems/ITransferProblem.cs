namespace SciTransfer.Transfer.Problems;

/// <summary>
/// A named source -> target pair, configured and ready to create per-repeat data.
/// Created by an <see cref="IProblemFactory"/> from the options in a study config.
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

    /// <summary>Strategies this problem can run; the first-class ones are "scratch" and "source-only".</summary>
    IReadOnlyList<string> Strategies { get; }

    /// <summary>Target sizes used when a config gives none.</summary>
    IReadOnlyList<int> DefaultSizes { get; }

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
}
