using SciTransfer.HeatSink.Physics;
using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>Nusselt correlation: the Lyon liquid-metal correlation alone, a physics baseline.</summary>
internal sealed class NusseltCorrelation : Strategy<NusseltInstance>
{
    /// <inheritdoc/>
    public override string Name => "correlation";

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.None;

    /// <inheritdoc/>
    public override string Description => "the Lyon correlation Nu = 7 + 0.025 Pe^0.8 alone (n is ignored)";

    /// <inheritdoc/>
    public override bool IsBaseline => true;

    /// <inheritdoc/>
    public override CellResult Run(NusseltInstance instance, StrategyCell cell) =>
        instance.Score([.. instance.Test.Select(s => NusseltCorrelations.Lyon(s.Peclet))]);
}
