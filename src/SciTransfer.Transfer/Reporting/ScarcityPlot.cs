using SciTransfer.Plotting;
using SciTransfer.Plotting.Charts;
using SciTransfer.Plotting.Rendering;
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
    /// <param name="options">Which strategies to draw and which get bands (null: <see cref="PlotOptions.Default"/>).</param>
    public static ChartImage Render(ProblemManifest problem, MetricInfo metric, IEnumerable<SummaryRow> summary, StrategyPalette palette, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(palette);
        options ??= PlotOptions.Default;
        var rows = summary.Where(r => r.Problem == problem.Id && r.Metric == metric.Name).ToList();
        var strategies = OrderStrategies(options.Strategies ?? problem.Strategies, rows.Select(r => r.Strategy));
        if (options.Strategies is not null)
        {
            strategies = strategies.Where(options.Strategies.Contains).ToList();
        }

        var banded = BandedStrategies(strategies, rows, metric, options);
        var series = strategies
            .Select(s => new CurveSeries(s, s, null, palette[s],
                rows.Where(r => r.Strategy == s).Select(r => new CurvePoint(r.NTarget, r.Mean, r.Ci95Low, r.Ci95High)).ToList(),
                ShowBand: banded.Contains(s)))
            .ToList();

        string bands = !options.Bands ? "no bands"
            : banded.Count == strategies.Count ? "band = 95 % CI"
            : $"band = 95 % CI, drawn for {string.Join(", ", strategies.Where(banded.Contains))}";
        string subtitle = problem.Description.Length > 0
            ? $"{problem.Description}; mean over repeats, {bands}"
            : $"mean over repeats, {bands}";
        var spec = new CurveChartSpec(
            Title: $"{problem.Id}: {metric.Name}",
            Subtitle: subtitle,
            XTitle: $"{(problem.ScarcityAxis.Length > 0 ? problem.ScarcityAxis : "n_target")} (log scale)",
            YTitle: YTitle(metric),
            Series: series,
            DrawBands: options.Bands,
            EmptyNote: $"no data yet: no finished cells of {problem.Id} for {metric.Name}",
            YMin: metric.LowerIsBetter ? 0 : double.NaN);
        return CurveChart.Render(spec);
    }

    /// <summary>
    /// Strategies that get a band: scratch plus the <see cref="PlotOptions.BandsFor"/> best at the largest n where
    /// they all have a mean (every strategy when BandsFor is null or covers them all), so bands do not merge into a wash.
    /// </summary>
    public static HashSet<string> BandedStrategies(IReadOnlyList<string> strategies, IReadOnlyList<SummaryRow> rows, MetricInfo metric, PlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Bands)
        {
            return [];
        }

        if (options.BandsFor is not int k || strategies.Count <= k + 1)
        {
            return strategies.ToHashSet(StringComparer.Ordinal);
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        if (strategies.Contains(KnownStrategies.Scratch))
        {
            chosen.Add(KnownStrategies.Scratch);
        }

        var candidates = rows.Where(r => strategies.Contains(r.Strategy) && r.Strategy != KnownStrategies.Scratch && double.IsFinite(r.Mean)).ToList();
        int nMax = candidates.Count == 0 ? 0 : candidates.Max(r => r.NTarget);
        foreach (SummaryRow r in candidates.Where(r => r.NTarget == nMax)
                     .OrderBy(r => metric.LowerIsBetter ? r.Mean : -r.Mean).ThenBy(r => r.Strategy, StringComparer.Ordinal).Take(k))
        {
            chosen.Add(r.Strategy);
        }

        return chosen;
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
