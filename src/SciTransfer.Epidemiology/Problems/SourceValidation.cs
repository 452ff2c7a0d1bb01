using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Random;
using SciTransfer.Core.Statistics;
using SciTransfer.Epidemiology.Strategies;
using SciTransfer.Transfer.Adaptation;

namespace SciTransfer.Epidemiology.Problems;

/// <summary>
/// Label-free model selection on <c>epidemiology/small-area-growth</c> (importance-weighted validation, Sugiyama,
/// Krauledat &amp; Müller 2007): the strategy is run again on the repeat's <see cref="SmallAreaGrowthInstance.ValidationView"/>
/// (the same targets, windows and unlabelled target rows; the held-out source counties removed from every source
/// training set and from the source forests); at each origin t its model also forecasts the held-out counties
/// through the targets' window, and their errors e_j = ln I_j(t) + h r_hat_j - ln I_j(t + h) are weighted by
/// w(x_j) = p_target(x) / p_source(x), a linear logistic classifier of the held-out rows' features x_j against the
/// target counties' unlabelled feature rows of the window (<see cref="ImportanceWeights"/>, clipped, mean 1).
/// The estimate is the median over origins of sqrt(sum_j w_j e_j^2 / sum_j w_j), as rmse is the median of per-origin
/// RMSEs. No target label is read beyond what the strategy itself trains on.
/// </summary>
internal static class SourceValidation
{
    /// <summary>The metric's name.</summary>
    public const string MetricName = "iw_source_rmse";

    /// <summary>Fewest usable held-out counties (and unlabelled target rows) at an origin for its weighted RMSE.</summary>
    public const int MinRows = 2;

    /// <summary>
    /// Linear density-ratio model: per origin there are only the held-out counties (a handful) against the target rows,
    /// too few for the quadratic model's p(p + 3)/2 coefficients.
    /// </summary>
    public static ImportanceWeights Weights { get; } = new(Ratio: new DensityRatioOptions(Quadratic: false));

    /// <summary>The estimate for <paramref name="strategy"/> with <paramref name="historyDays"/> days of target history (NaN: no origin had enough rows).</summary>
    public static double Estimate(SmallAreaGrowthInstance view, GrowthStrategy strategy, int historyDays, SeedTree seeds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(seeds);
        var perOrigin = new List<double>();
        int h = view.Horizon;
        for (int k = 0; k < view.Origins.Count; k++)
        {
            ct.ThrowIfCancellationRequested();
            int t = view.Origins[k];
            int first = t - historyDays + 1;
            var predicted = new double[view.HeldOutCounties.Count];
            Array.Fill(predicted, double.NaN);
            strategy.PredictGrowth(view, new GrowthWindow(k, t, first, seeds.Child("origin").Child(k), predicted));
            var (forecast, truth, x) = HeldOutRows(view, predicted, t, first, h);
            var targetInputs = view.TargetInputs(first, t);
            if (forecast.Length < MinRows || targetInputs.Count < MinRows)
            {
                continue;
            }

            var w = Weights.Estimate(Matrix<double>.Build.DenseOfRowArrays(x), Matrix<double>.Build.DenseOfRowArrays(targetInputs));
            perOrigin.Add(ImportanceWeightedValidation.Rmse(forecast, truth, [.. w]));
        }

        return perOrigin.Count == 0 ? double.NaN : Descriptive.Median([.. perOrigin]);
    }

    /// <summary>
    /// The held-out counties usable at origin t (a forecast, ln I at t and t + h, features in the window): their
    /// forecasts ln I(t) + h r_hat, the observed ln I(t + h), and their feature rows.
    /// </summary>
    public static (double[] Forecast, double[] Truth, double[][] Features) HeldOutRows(SmallAreaGrowthInstance view, IReadOnlyList<double> growth, int t, int firstVisible, int h)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(growth);
        var forecast = new List<double>();
        var truth = new List<double>();
        var features = new List<double[]>();
        var panel = view.Panel;
        for (int j = 0; j < view.HeldOutCounties.Count; j++)
        {
            int c = view.HeldOutCounties[j];
            double now = panel.LogUsable[(c * panel.Days) + t];
            double later = panel.LogAll[(c * panel.Days) + t + h];
            var x = new double[view.Features.FeatureCount];
            if (double.IsNaN(growth[j]) || double.IsNaN(now) || double.IsNaN(later) || !view.Features.TryFeatures(c, t, firstVisible, x))
            {
                continue;
            }

            forecast.Add(now + (h * growth[j]));
            truth.Add(later);
            features.Add(x);
        }

        return ([.. forecast], [.. truth], [.. features]);
    }
}
