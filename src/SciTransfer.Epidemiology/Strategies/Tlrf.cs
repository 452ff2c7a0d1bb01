using SciTransfer.Epidemiology.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Epidemiology.Strategies;

/// <summary>
/// tlrf (She et al.): one forest on all source rows plus the target rows visible, so its neighbourhood weights pick
/// similar county-days across all counties and days (an adaptive fitting window).
/// </summary>
internal sealed class Tlrf : GrowthStrategy
{
    public override string Name => "tlrf";

    // Pools the source counties' rows (data, not the pre-trained source forests) with the visible target rows.
    public override StrategyNeeds Needs => StrategyNeeds.TargetLabels;

    public override string Description => "one forest on all source rows plus the visible target rows (all counties, all past days)";

    public override bool InForecastFigure => true;

    public override bool DrawsObservedSeries => true;

    public override double[] PredictGrowth(SmallAreaGrowthInstance instance, GrowthWindow window) => instance.PredictPooled(window);
}
