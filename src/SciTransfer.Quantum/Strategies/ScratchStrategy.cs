using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Strategies;

/// <summary>scratch: a fresh random initialisation trained on the target subset alone.</summary>
internal sealed class ScratchStrategy : Strategy<IFlatParameterInstance>
{
    public override string Name => StrategyNames.Scratch;

    public override StrategyNeeds Needs => StrategyNeeds.TargetLabels;

    public override string Description => "random initialisation trained on the target subset";

    public override CellResult Run(IFlatParameterInstance instance, StrategyCell cell)
    {
        var start = instance.Initialize(cell.Seeds.Child("init").CreateRng());
        return instance.Score(instance.Train(start, cell.TargetIndices.Span, null, cell.Seeds.Child("train").CreateRng(), cell.CancellationToken));
    }
}
