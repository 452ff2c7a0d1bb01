namespace SciTransfer.Transfer.Problems;

/// <summary>
/// One repeat's data of a problem, and how to run a strategy on a target subset of it.
/// The runner owns scheduling, seeding, caching, resume and output; an instance never writes files.
/// Implementations must be safe to call from several threads at once (cells run in parallel):
/// keep per-cell state local, treat the instance's data and the source model as read-only.
/// </summary>
public abstract class ProblemInstance
{
    /// <summary>
    /// Size of the target pool. Subsets are prefixes of a seeded permutation of 0..TargetPoolSize-1,
    /// so they are nested and identical across strategies. Problems whose scarcity axis is not a
    /// sample count (days of history) interpret <see cref="CellRequest.N"/> directly.
    /// </summary>
    public abstract int TargetPoolSize { get; }

    /// <summary>
    /// Pre-trains on the source, once per (problem, repeat); the result is shared read-only by every
    /// cell of the repeat. Return null when no strategy needs a source model.
    /// </summary>
    public virtual object? PretrainSource(SourceRequest request) => null;

    /// <summary>
    /// Writes the pre-trained source model to the run's on-disk cache (sources/ in the output folder), so a
    /// resumed run does not train it again. Return false (the default) when the model is not cacheable.
    /// The round trip through <see cref="LoadSource"/> must be bit-exact.
    /// </summary>
    public virtual bool SaveSource(object source, Stream destination) => false;

    /// <summary>Reads a source model written by <see cref="SaveSource"/>; null when not cacheable.</summary>
    public virtual object? LoadSource(Stream source) => null;

    /// <summary>Runs one cell: adapts to the target subset with the strategy and scores on the test set.</summary>
    public abstract CellResult Run(CellRequest request);
}
