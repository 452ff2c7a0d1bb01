using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>PINN source-only: the water network, unchanged, on the sodium case.</summary>
internal sealed class PinnSourceOnly : Strategy<WaterToSodiumInstance>
{
    /// <inheritdoc/>
    public override string Name => StrategyNames.SourceOnly;

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.Source;

    /// <inheritdoc/>
    public override string Description => "the water PINN evaluated with the sodium output offset (n is ignored)";

    /// <inheritdoc/>
    public override CellResult Run(WaterToSodiumInstance instance, StrategyCell cell) =>
        instance.RunCell(Name, cell, instance.Source.Network, training: null);
}
