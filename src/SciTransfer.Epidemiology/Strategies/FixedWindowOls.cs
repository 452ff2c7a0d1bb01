using System.Globalization;
using SciTransfer.Epidemiology.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Epidemiology.Strategies;

/// <summary>
/// ols-w{w}: per-county OLS slope of ln rolled active cases over the last <see cref="Window"/> days (fewer if fewer
/// are visible; 0 below two points). The fixed-window baseline TLRF replaces.
/// </summary>
internal sealed class FixedWindowOls : GrowthStrategy
{
    /// <summary>Creates the baseline with a window of <paramref name="window"/> days.</summary>
    public FixedWindowOls(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        Window = window;
        Name = string.Create(CultureInfo.InvariantCulture, $"ols-w{window}");
    }

    /// <summary>Fitting window in days.</summary>
    public int Window { get; }

    public override string Name { get; }

    public override StrategyNeeds Needs => StrategyNeeds.TargetLabels;

    public override string Description => string.Create(CultureInfo.InvariantCulture, $"per-county OLS slope of ln I over the last {Window} visible days");

    public override bool IsBaseline => true;

    public override bool InForecastFigure => Window == SmallAreaGrowthInstance.FigureHistoryDays;

    public override bool ScoresHeldOutSource => false; // per-county OLS: no shared model to score on other counties

    public override double[] PredictGrowth(SmallAreaGrowthInstance instance, GrowthWindow window)
    {
        int t = window.Origin;
        var r = instance.NewEstimates();
        var x = new double[instance.Features.FeatureCount];
        for (int i = 0; i < instance.Targets.Count; i++)
        {
            int c = instance.Targets[i];
            if (instance.Features.TryFeatures(c, t, window.FirstVisible, x))
            {
                r[i] = GrowthPipeline.OlsSlope(instance.Panel.LogSeries(c), Math.Max(window.FirstVisible, t - Window + 1), t);
            }
        }

        return r;
    }
}
