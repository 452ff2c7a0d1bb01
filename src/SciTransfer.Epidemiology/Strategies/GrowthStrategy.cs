using SciTransfer.Epidemiology.Problems;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Epidemiology.Strategies;

/// <summary>
/// A strategy of <c>epidemiology/small-area-growth</c>: estimates the growth rate r_hat (per day) of every target
/// county at one forecast origin. The instance runs it at every origin and scores the 7-day-ahead forecasts.
/// </summary>
internal abstract class GrowthStrategy : Strategy<SmallAreaGrowthInstance>
{
    /// <summary>True when the cell of repeat 0 at N = <see cref="SmallAreaGrowthInstance.FigureHistoryDays"/> adds this strategy's forecasts to the figure.</summary>
    public virtual bool InForecastFigure => false;

    /// <summary>True when this strategy's figure cell also draws the observed series (one strategy carries it).</summary>
    public virtual bool DrawsObservedSeries => false;

    /// <summary>
    /// True when the strategy's forecasts come from one model applied to every county's features (every forest strategy:
    /// it predicts through <see cref="SmallAreaGrowthInstance.PredictTargets"/>), so the same model can be scored on
    /// held-out source counties (iw_source_rmse). False for per-county fits and the oracle: NaN.
    /// </summary>
    public virtual bool ScoresHeldOutSource => true;

    /// <summary>r_hat of every target county (in <see cref="SmallAreaGrowthInstance.Targets"/> order; NaN: not forecastable).</summary>
    public abstract double[] PredictGrowth(SmallAreaGrowthInstance instance, GrowthWindow window);

    /// <inheritdoc />
    public sealed override CellResult Run(SmallAreaGrowthInstance instance, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.RunCell(this, cell);
    }
}
