using SciTransfer.Plotting.Charts;
using SciTransfer.Plotting.Rendering;
using SciTransfer.Plotting.Styling;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Reporting;

/// <summary>
/// Relative performance retention (RPR, 1 = as good as at the strategy's largest n) vs n for every
/// (problem, strategy) of a comparison group on one chart: colour = strategy, line style and marker =
/// problem. Each problem contributes its first (primary) metric.
/// </summary>
public static class RetentionPlot
{
    private static readonly LineDash[] ProblemDashes = [LineDash.Solid, LineDash.Dashed, LineDash.Dotted, LineDash.DenselyDashed];
    private static readonly MarkerShape[] ProblemMarkers = [MarkerShape.Circle, MarkerShape.Square, MarkerShape.TriangleUp, MarkerShape.Diamond, MarkerShape.TriangleDown, MarkerShape.OpenCircle];

    /// <summary>Renders the retention chart of <paramref name="group"/> over <paramref name="problems"/> (all in that group).</summary>
    public static ChartImage Render(string group, IReadOnlyList<ProblemManifest> problems, IEnumerable<SummaryRow> summary, StrategyPalette palette)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(palette);
        var all = summary.ToList();
        var series = new List<CurveSeries>();
        var metricNotes = new List<string>();
        int shared = SharedPrefixLength(problems.Select(p => p.Id).ToList());
        for (int pi = 0; pi < problems.Count; pi++)
        {
            ProblemManifest p = problems[pi];
            if (p.Metrics.Count == 0)
            {
                continue;
            }

            string metric = p.Metrics[0].Name;
            metricNotes.Add($"{p.Id}: {metric}");
            var rows = all.Where(r => r.Problem == p.Id && r.Metric == metric).ToList();
            foreach (string s in ScarcityPlot.OrderStrategies(p.Strategies, rows.Select(r => r.Strategy)))
            {
                SeriesStyle baseStyle = palette[s];
                var style = new SeriesStyle(baseStyle.Color, ProblemDashes[pi % ProblemDashes.Length], ProblemMarkers[pi % ProblemMarkers.Length]);
                var points = rows.Where(r => r.Strategy == s).Select(r => new CurvePoint(r.NTarget, r.Rpr, double.NaN, double.NaN)).ToList();
                series.Add(new CurveSeries($"{p.Id[shared..]} / {s}", s, p.Id, style, points));
            }
        }

        var spec = new CurveChartSpec(
            Title: $"Retention: {group}",
            Subtitle: $"colour = strategy, line style = problem; metric per problem: {string.Join(", ", metricNotes)}",
            XTitle: $"{string.Join(" / ", problems.Select(p => p.ScarcityAxis).Distinct(StringComparer.Ordinal))} (log scale)",
            YTitle: "relative performance retention (1 = as at largest n)",
            Series: series,
            DrawBands: false,
            AllowLogY: false,
            ReferenceY: 1);
        return CurveChart.Render(spec);
    }

    /// <summary>
    /// Length of the prefix up to and including the last '/' that every id shares, so legend labels keep
    /// only what tells the problems apart ("qcnn / fine-tune" rather than the whole id); 0 for one problem.
    /// </summary>
    private static int SharedPrefixLength(IReadOnlyList<string> ids)
    {
        if (ids.Count < 2)
        {
            return 0;
        }

        int n = ids.Min(id => id.Length);
        int common = 0;
        while (common < n && ids.All(id => id[common] == ids[0][common]))
        {
            common++;
        }

        int slash = ids[0].LastIndexOf('/', Math.Max(0, common - 1));
        return slash < 0 || ids.Any(id => id.Length == slash + 1) ? 0 : slash + 1;
    }
}
