using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Problems;

/// <summary>
/// One repeat's data of a problem: source set, target pool and fixed target test set. Strategies run on it
/// (<see cref="IStrategy.Run"/>); the runner owns scheduling, seeding, caching, resume and output, and an instance
/// never writes files. Instances must be safe to use from several threads at once (cells run in parallel): keep
/// per-cell state local and treat the data and the source model as read-only.
/// Problems with a pre-trained source model derive from <see cref="ProblemInstance{TSource}"/>.
/// </summary>
public abstract class ProblemInstance
{
    /// <summary>
    /// Size of the target pool. Subsets are prefixes of a seeded permutation of 0..TargetPoolSize-1, so they are
    /// nested and identical across strategies. Problems whose scarcity axis is not a sample count (days of history)
    /// interpret <see cref="StrategyCell.N"/> directly.
    /// </summary>
    public abstract int TargetPoolSize { get; }

    /// <summary>Pre-trains (or loads from <paramref name="cacheFile"/>) the source model; no-op without one.</summary>
    /// <returns>True when a model was trained (not loaded).</returns>
    /// <param name="request">Seeds, progress and cancellation of the pre-training.</param>
    /// <param name="cacheFile">The on-disk cache file (null: no cache).</param>
    /// <param name="warn">Receives a line when a damaged or stale cache file is moved aside.</param>
    /// <param name="sourceModel">A model trained elsewhere to use instead (the <c>source_model</c> option); null: pre-train.</param>
    internal virtual bool PrepareSource(SourceRequest request, string? cacheFile, Action<string>? warn = null, SourceModelFile? sourceModel = null) => false;

    /// <summary>Reads the source model from a run's cache file without changing the file; null when read, else why not.</summary>
    internal virtual string? ReadCachedSource(string cacheFile) => "the problem has no source model";

    /// <summary>
    /// The prepared source model in exchange form (what <c>scitransfer export</c> writes); null when none is prepared
    /// or the problem's source model has no exchange form.
    /// </summary>
    public virtual ExchangeModel? ExportedSource() => null;

    /// <summary>Sets the source model from a model in exchange form (a model trained elsewhere).</summary>
    /// <exception cref="Errors.ConfigException">The problem has no source model, or the model does not fit it.</exception>
    public virtual void UseSourceModel(ExchangeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        throw model.Error($"{GetType().Name} has no source model to replace");
    }
}

/// <summary>
/// An instance whose strategies may start from a model pre-trained on the source, of type <typeparamref name="TSource"/>.
/// The runner calls <see cref="PretrainSource"/> once per (problem, repeat), and only when a strategy of the run
/// needs it; strategies read it from <see cref="Source"/>.
/// </summary>
/// <typeparam name="TSource">The source model (a network, a forest, a parameter vector).</typeparam>
public abstract class ProblemInstance<TSource> : ProblemInstance
    where TSource : class
{
    private TSource? _source;

    /// <summary>The repeat's pre-trained source model, shared read-only by every cell (clone before training it).</summary>
    /// <exception cref="InvalidOperationException">No strategy of the run declared <see cref="StrategyNeeds.Source"/>.</exception>
    public TSource Source => Volatile.Read(ref _source)
        ?? throw new InvalidOperationException($"{GetType().Name}: no source model was prepared (does the strategy declare StrategyNeeds.Source?)");

    /// <summary>True once the source model is available.</summary>
    public bool HasSource => Volatile.Read(ref _source) is not null;

    /// <summary>Pre-trains on the source. Must be deterministic given <see cref="SourceRequest.Seeds"/>.</summary>
    public abstract TSource PretrainSource(SourceRequest request);

    /// <summary>
    /// Writes the source model to the run's on-disk cache (sources/ in the output folder), so a resumed run does not
    /// train it again. Return false (the default) when the model is not cacheable. The round trip through
    /// <see cref="LoadSource"/> must be bit-exact.
    /// </summary>
    public virtual bool SaveSource(TSource source, Stream destination) => false;

    /// <summary>Reads a model written by <see cref="SaveSource"/>; null when not cacheable.</summary>
    public virtual TSource? LoadSource(Stream source) => null;

    /// <summary>
    /// The source model in exchange form (<see cref="ExchangeModel"/>: architecture, model object, feature order), for
    /// <c>scitransfer export</c>; null (the default) when it has none.
    /// </summary>
    public virtual ExchangeModel? ExportSource(TSource source) => null;

    /// <summary>
    /// Builds this problem's source model from a model trained elsewhere (the <c>source_model</c> option). Check the
    /// architecture, features and sizes with <see cref="ExchangeModel.As{T}"/> and <see cref="ExchangeModel.ExpectSizes"/>;
    /// the default refuses.
    /// </summary>
    public virtual TSource ImportSource(ExchangeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        throw model.Error($"{GetType().Name} cannot start from a model trained elsewhere");
    }

    /// <inheritdoc />
    public override ExchangeModel? ExportedSource() => HasSource ? ExportSource(Source) : null;

    /// <inheritdoc />
    public override void UseSourceModel(ExchangeModel model) => UseSource(ImportSource(model));

    /// <inheritdoc />
    internal override string? ReadCachedSource(string cacheFile)
    {
        var model = SourceCache.Read(this, cacheFile, out string? why);
        if (model is not null)
        {
            UseSource(model);
        }

        return why;
    }

    /// <summary>Sets the source model directly (tests, and models trained elsewhere).</summary>
    public void UseSource(TSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Volatile.Write(ref _source, source);
    }

    /// <inheritdoc />
    internal override bool PrepareSource(SourceRequest request, string? cacheFile, Action<string>? warn = null, SourceModelFile? sourceModel = null)
    {
        if (HasSource)
        {
            return false;
        }

        if (sourceModel is not null)
        {
            // A model trained elsewhere replaces pre-training; it is not cached (reading it again is cheap, and a
            // changed file is then picked up on resume).
            UseSourceModel(SourceModelFiles.Read(sourceModel));
            return false;
        }

        var cached = SourceCache.Load(this, cacheFile, warn);
        if (cached is not null)
        {
            UseSource(cached);
            return false;
        }

        var trained = PretrainSource(request);
        UseSource(trained);
        SourceCache.Save(this, trained, cacheFile);
        return true;
    }
}
