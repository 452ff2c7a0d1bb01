using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>Nusselt fine-tune-fixed: as fine-tune with fixed 1:1 weights.</summary>
internal sealed class NusseltFineTuneFixed : Strategy<NusseltInstance>
{
    /// <inheritdoc/>
    public override string Name => $"{StrategyNames.FineTune}-fixed";

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    /// <inheritdoc/>
    public override string Description => "as fine-tune with fixed 1:1 data and prior weights";

    /// <inheritdoc/>
    public override CellResult Run(NusseltInstance instance, StrategyCell cell) =>
        instance.FineTune(cell, "fixed", usePrior: true);
}
