using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>Nusselt fine-tune: the water network on the sodium designs, data and prior blended by the configured balancer.</summary>
internal sealed class NusseltFineTune : Strategy<NusseltInstance>
{
    /// <inheritdoc/>
    public override string Name => StrategyNames.FineTune;

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.Source | StrategyNeeds.TargetLabels;

    /// <inheritdoc/>
    public override string Description => "the water network trained on the n sodium designs, data + sodium prior blended by the balancing option (default: learnable uncertainty weights)";

    /// <inheritdoc/>
    public override CellResult Run(NusseltInstance instance, StrategyCell cell) =>
        instance.FineTune(cell, instance.Balancing, usePrior: true);
}
