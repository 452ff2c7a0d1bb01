using SciTransfer.Core.Random;

namespace SciTransfer.Transfer.Problems;

/// <summary>Arguments of <see cref="ProblemInstance.Run"/>: one (strategy, n_target) cell of a repeat.</summary>
/// <param name="Strategy">Strategy name, one of the problem's <see cref="ITransferProblem.Strategies"/>.</param>
/// <param name="N">n_target: the amount of target data on the scarcity axis.</param>
/// <param name="TargetIndices">Indices into the target pool, the first <paramref name="N"/> of the repeat's
/// permutation (empty when N exceeds nothing; capped at the pool size).</param>
/// <param name="Source">The repeat's pre-trained source model (null if the problem has none).</param>
/// <param name="Seeds">Seed node for (problem, repeat, strategy, n).</param>
/// <param name="Progress">Optional training progress sink.</param>
/// <param name="CancellationToken">Cancelled when the run is interrupted.</param>
public sealed record CellRequest(
    string Strategy,
    int N,
    ReadOnlyMemory<int> TargetIndices,
    object? Source,
    SeedTree Seeds,
    IProgress<TrainingProgress>? Progress,
    CancellationToken CancellationToken);
