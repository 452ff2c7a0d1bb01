using SciTransfer.HeatSink.Models;
using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Strategies;

/// <summary>
/// Fitted correlation: Nu = a + b Pe^c by least squares on the cell's n sodium designs alone (no network, no water
/// data; <see cref="CorrelationFit"/>), started at the configured prior, which also supplies what fewer than three
/// designs cannot determine (n = 0: the prior; 1: a only; 2: a and b). The simple, strong baseline a transfer must beat.
/// </summary>
internal sealed class NusseltFittedCorrelation : Strategy<NusseltInstance>
{
    /// <inheritdoc/>
    public override string Name => "fitted-correlation";

    /// <inheritdoc/>
    public override StrategyNeeds Needs => StrategyNeeds.TargetLabels;

    /// <inheritdoc/>
    public override string Description => "a + b Pe^c least squares on the n sodium designs (Levenberg-Marquardt; n < 3 fits a, or a and b, with the rest from the prior)";

    /// <inheritdoc/>
    public override bool IsBaseline => true;

    /// <inheritdoc/>
    public override CellResult Run(NusseltInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var subset = instance.Subset(cell);
        double[] pe = [.. subset.Select(s => s.Peclet)];
        double[] nu = [.. subset.Select(s => s.Nu)];
        var fit = CorrelationFit.Fit(pe, nu, instance.PriorStart);
        return instance.Score(rows => [.. rows.Select(s => fit.Nu(s.Peclet))]);
    }
}
