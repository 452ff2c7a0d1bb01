using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Strategies;

/// <summary>source-only: the source parameters applied to the target unchanged (n is ignored).</summary>
internal sealed class SourceOnlyStrategy : Strategy<IFlatParameterInstance>
{
    public override string Name => StrategyNames.SourceOnly;

    public override StrategyNeeds Needs => StrategyNeeds.Source;

    public override string Description => "the source model applied to the target unchanged";

    public override CellResult Run(IFlatParameterInstance instance, StrategyCell cell) => instance.Score(instance.Source);
}
