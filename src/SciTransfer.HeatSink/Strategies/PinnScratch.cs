using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>PINN scratch: random initialisation, sodium physics plus the n sensors.</summary>
internal sealed class PinnScratch : Strategy<WaterToSodiumInstance>
{
    /// <inheritdoc/>
    public override string Name => StrategyNames.Scratch;

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.TargetLabels;

    /// <inheritdoc/>
    public override string Description => "a fresh PINN on the sodium physics and the n sensors";

    /// <inheritdoc/>
    public override CellResult Run(WaterToSodiumInstance instance, StrategyCell cell) =>
        instance.RunCell(Name, cell, instance.FreshNetwork(cell), instance.TargetTraining);
}
