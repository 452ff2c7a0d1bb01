using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>Nusselt fine-tune-no-prior: the water network on the sodium designs, data loss only.</summary>
internal sealed class NusseltFineTuneNoPrior : Strategy<NusseltInstance>
{
    /// <inheritdoc/>
    public override string Name => $"{StrategyNames.FineTune}-no-prior";

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    /// <inheritdoc/>
    public override string Description => "the water network trained on the n sodium designs, data loss only (fixed weight)";

    /// <inheritdoc/>
    public override CellResult Run(NusseltInstance instance, StrategyCell cell) =>
        instance.FineTune(cell, "fixed", usePrior: false);
}
