using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>PINN fine-tune+lbfgs: fine-tune followed by an L-BFGS refinement.</summary>
internal sealed class PinnFineTuneLbfgs : Strategy<WaterToSodiumInstance>
{
    /// <inheritdoc/>
    public override string Name => $"{StrategyNames.FineTune}+lbfgs";

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    /// <inheritdoc/>
    public override string Description => "as fine-tune, then lbfgs_steps L-BFGS iterations";

    /// <inheritdoc/>
    public override CellResult Run(WaterToSodiumInstance instance, StrategyCell cell) =>
        instance.RunCell(Name, cell, instance.Source.Network.Clone(), instance.FineTuneTraining with { LbfgsSteps = instance.LbfgsSteps });
}
