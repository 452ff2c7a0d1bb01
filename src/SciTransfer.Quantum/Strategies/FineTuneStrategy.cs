using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Strategies;

/// <summary>fine-tune: start from the source parameters and train all of them on the target subset.</summary>
internal sealed class FineTuneStrategy : Strategy<IFlatParameterInstance>
{
    public override string Name => StrategyNames.FineTune;

    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    public override string Description => "source parameters, all retrained on the target subset";

    public override CellResult Run(IFlatParameterInstance instance, StrategyCell cell) =>
        instance.Score(instance.Train(instance.Source, cell.TargetIndices.Span, null, cell.Seeds.Child("train").CreateRng(), cell.CancellationToken));
}
