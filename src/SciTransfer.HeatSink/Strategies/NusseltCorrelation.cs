using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>Nusselt correlation: the configured prior correlation (default Lyon) alone, a physics baseline.</summary>
internal sealed class NusseltCorrelation : Strategy<NusseltInstance>
{
    /// <inheritdoc/>
    public override string Name => "correlation";

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.None;

    /// <inheritdoc/>
    public override string Description => "the prior correlation alone (option prior; default Lyon, Nu = 7 + 0.025 Pe^0.8; n is ignored)";

    /// <inheritdoc/>
    public override bool IsBaseline => true;

    /// <inheritdoc/>
    public override CellResult Run(NusseltInstance instance, StrategyCell cell) =>
        instance.Score(rows => [.. rows.Select(s => instance.PriorStart.Nu(s.Peclet))]);
}
