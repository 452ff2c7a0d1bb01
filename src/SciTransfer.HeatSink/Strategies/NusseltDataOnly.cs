using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>Nusselt data-only: a fresh network on the sodium designs, no physics prior.</summary>
internal sealed class NusseltDataOnly : Strategy<NusseltInstance>
{
    /// <inheritdoc/>
    public override string Name => "data-only";

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.TargetLabels;

    /// <inheritdoc/>
    public override string Description => "a fresh network on the n sodium designs, no prior";

    /// <inheritdoc/>
    public override CellResult Run(NusseltInstance instance, StrategyCell cell) =>
        instance.TrainFresh(cell, instance.Subset(cell), usePrior: false);
}
