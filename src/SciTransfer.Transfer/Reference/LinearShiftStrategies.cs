using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Reference;

/// <summary>scratch: ridge regression on the target subset alone (zero weights at n = 0).</summary>
internal sealed class LinearScratch : Strategy<ILinearRegressionInstance>
{
    public override string Name => StrategyNames.Scratch;

    public override StrategyNeeds Needs => StrategyNeeds.TargetLabels;

    public override string Description => "ridge regression on the target subset (fixed strength scratch_ridge)";

    public override CellResult Run(ILinearRegressionInstance instance, StrategyCell cell)
    {
        var (x, y) = instance.Subset(cell);
        return instance.Score(x is null ? Vector<double>.Build.Dense(instance.DesignColumns) : LinearShiftInstance.Ridge(x, y!, instance.ScratchRidge, null));
    }
}

/// <summary>source-only: the source least-squares weights, unchanged.</summary>
internal sealed class LinearSourceOnly : Strategy<ILinearRegressionInstance>
{
    public override string Name => StrategyNames.SourceOnly;

    public override StrategyNeeds Needs => StrategyNeeds.Source;

    public override string Description => "the source least-squares weights applied to the target";

    public override CellResult Run(ILinearRegressionInstance instance, StrategyCell cell) => instance.Score(instance.Source);
}

/// <summary>fine-tune: ridge pulled toward the source weights, strength by exact leave-one-out on the subset.</summary>
internal sealed class LinearFineTune : Strategy<ILinearRegressionInstance>
{
    public override string Name => StrategyNames.FineTune;

    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    public override string Description => "ridge toward the source weights, strength chosen by leave-one-out on the subset";

    public override CellResult Run(ILinearRegressionInstance instance, StrategyCell cell)
    {
        var (x, y) = instance.Subset(cell);
        return instance.Score(LinearShiftInstance.PullToward(instance.Source, x, y));
    }
}

/// <summary>oracle: ridge on the whole target pool (ignores n).</summary>
internal sealed class LinearOracle : Strategy<ILinearRegressionInstance>
{
    public override string Name => StrategyNames.Oracle;

    public override StrategyNeeds Needs => StrategyNeeds.WholePool;

    public override string Description => "ridge regression on the whole target pool (upper bound; ignores n)";

    public override CellResult Run(ILinearRegressionInstance instance, StrategyCell cell) => instance.Score(instance.PoolRidge());
}
