using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.Strategies;

/// <summary>
/// Base class of every strategy. <typeparamref name="TInstance"/> is either a domain's instance class (for a
/// domain-specific strategy such as time-warp) or a capability interface that several domains implement (for a
/// generic strategy written once, e.g. an L2-SP fine-tune over any model that exposes engine parameters).
/// </summary>
/// <typeparam name="TInstance">What the strategy runs on.</typeparam>
public abstract class Strategy<TInstance> : IStrategy
    where TInstance : class
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract StrategyNeeds Needs { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public virtual bool IsBaseline => false;

    /// <inheritdoc />
    public Type InstanceType => typeof(TInstance);

    /// <summary>Runs one cell.</summary>
    /// <param name="instance">The repeat's data (and source model, when <see cref="Needs"/> has <see cref="StrategyNeeds.Source"/>).</param>
    /// <param name="cell">The cell: n, target subset, seeds, progress, cancellation.</param>
    public abstract CellResult Run(TInstance instance, StrategyCell cell);

    /// <inheritdoc />
    CellResult IStrategy.Run(ProblemInstance instance, StrategyCell cell) =>
        instance is TInstance typed
            ? Run(typed, cell)
            : throw new InvalidOperationException($"strategy '{Name}' runs on {typeof(TInstance).Name}, not on {instance.GetType().Name}");

    /// <inheritdoc />
    public override string ToString() => Name;
}
