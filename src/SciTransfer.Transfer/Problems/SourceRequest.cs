using SciTransfer.Core.Random;

namespace SciTransfer.Transfer.Problems;

/// <summary>Arguments of <see cref="ProblemInstance{TSource}.PretrainSource"/>.</summary>
/// <param name="Seeds">Seed node for (problem, repeat, "source").</param>
/// <param name="Progress">Optional training progress sink.</param>
/// <param name="CancellationToken">Cancelled when the run is interrupted.</param>
public sealed record SourceRequest(SeedTree Seeds, IProgress<TrainingProgress>? Progress, CancellationToken CancellationToken);
