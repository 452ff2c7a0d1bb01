using SciTransfer.Core.Random;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.Strategies;

/// <summary>One (strategy, n_target) cell of a repeat, as a strategy sees it.</summary>
/// <param name="N">n_target: the amount of target data on the scarcity axis.</param>
/// <param name="TargetIndices">Indices into the target pool: the first <paramref name="N"/> of the repeat's seeded
/// permutation, so subsets are nested and identical across strategies (capped at the pool size for problems
/// whose scarcity axis is not a sample count).</param>
/// <param name="Seeds">Seed node of (problem, repeat, strategy, n).</param>
/// <param name="Progress">Optional training progress sink.</param>
/// <param name="CancellationToken">Cancelled when the run is interrupted.</param>
public sealed record StrategyCell(
    int N,
    ReadOnlyMemory<int> TargetIndices,
    SeedTree Seeds,
    IProgress<TrainingProgress>? Progress,
    CancellationToken CancellationToken);
