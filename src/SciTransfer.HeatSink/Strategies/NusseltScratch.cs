using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>Nusselt scratch: a fresh network on the sodium designs with the sodium prior.</summary>
internal sealed class NusseltScratch : Strategy<NusseltInstance>
{
    /// <inheritdoc/>
    public override string Name => StrategyNames.Scratch;

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.TargetLabels;

    /// <inheritdoc/>
    public override string Description => "a fresh network on the n sodium designs, data + sodium prior";

    /// <inheritdoc/>
    public override CellResult Run(NusseltInstance instance, StrategyCell cell) =>
        instance.TrainFresh(cell, instance.Subset(cell), usePrior: true);
}
