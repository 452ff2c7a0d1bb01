using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>PINN data-only: a plain regression network on the n sensors, no physics residuals.</summary>
internal sealed class PinnDataOnly : Strategy<WaterToSodiumInstance>
{
    /// <inheritdoc/>
    public override string Name => "data-only";

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.TargetLabels;

    /// <inheritdoc/>
    public override string Description => "a plain network fitted to the n sensors, no physics";

    /// <inheritdoc/>
    public override CellResult Run(WaterToSodiumInstance instance, StrategyCell cell) =>
        instance.RunCell(Name, cell, instance.FreshNetwork(cell), instance.TargetTraining, usePhysics: false);
}
