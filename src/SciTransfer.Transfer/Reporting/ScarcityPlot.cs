using SciTransfer.Plotting.Charts;
using SciTransfer.Plotting.Styling;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Reporting;

/// <summary>The data-scarcity curve of one (problem, metric): mean and 95 % band per strategy vs n_target.</summary>
public static class ScarcityPlot
{
    /// <summary>Renders the curve of <paramref name="metric"/> for <paramref name="problem"/> from its summary rows.</summary>
    /// <param name="problem">The problem (id, axis title, strategy order).</param>
    /// <param name="metric">The metric (name, unit, direction).</param>
    /// <param name="summary">summary.csv rows (rows of other problems/metrics are ignored).</param>
    /// <param name="palette">Strategy styles shared by every plot of the report.</param>
    public static string Render(ProblemManifest problem, MetricInfo metric, IEnumerable<SummaryRow> summary, StrategyPalette palette)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(palette);
        var rows = summary.Where(r => r.Problem == problem.Id && r.Metric == metric.Name).ToList();
        var series = OrderStrategies(problem.Strategies, rows.Select(r => r.Strategy))
            .Select(s => new CurveSeries(s, s, null, palette[s],
                rows.Where(r => r.Strategy == s).Select(r => new CurvePoint(r.NTarget, r.Mean, r.Ci95Low, r.Ci95High)).ToList()))
            .ToList();

        string subtitle = problem.Description.Length > 0
            ? $"{problem.Description}; mean over repeats, band = 95 % CI"
            : "mean over repeats, band = 95 % CI";
        var spec = new CurveChartSpec(
            Title: $"{problem.Id}: {metric.Name}",
            Subtitle: subtitle,
            XTitle: $"{(problem.ScarcityAxis.Length > 0 ? problem.ScarcityAxis : "n_target")} (log scale)",
            YTitle: YTitle(metric),
            Series: series);
        return CurveChart.Render(spec);
    }

    /// <summary>"rmse (K), lower is better"; the unit is left out when empty.</summary>
    public static string YTitle(MetricInfo metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        string unit = metric.Unit.Length > 0 ? $" ({metric.Unit})" : "";
        return $"{metric.Name}{unit}, {(metric.LowerIsBetter ? "lower" : "higher")} is better";
    }

    /// <summary>Strategies in manifest order, then any others present in the data in ordinal order, each once.</summary>
    internal static List<string> OrderStrategies(IEnumerable<string> manifestOrder, IEnumerable<string> present)
    {
        var presentSet = present.ToHashSet(StringComparer.Ordinal);
        var ordered = manifestOrder.Where(presentSet.Contains).Distinct(StringComparer.Ordinal).ToList();
        ordered.AddRange(presentSet.Except(ordered, StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return ordered;
    }
}
