using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>PINN fine-tune-head: fine-tune with the leading layers frozen (only the head adapts).</summary>
internal sealed class PinnFineTuneHead : Strategy<WaterToSodiumInstance>
{
    /// <inheritdoc/>
    public override string Name => $"{StrategyNames.FineTune}-head";

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    /// <inheritdoc/>
    public override string Description => "as fine-tune with the first head_frozen_layers layers frozen";

    /// <inheritdoc/>
    public override CellResult Run(WaterToSodiumInstance instance, StrategyCell cell) =>
        instance.RunCell(Name, cell, instance.Source.Network.Clone(), instance.FineTuneTraining with { FrozenLayers = instance.HeadFrozenLayers });
}
