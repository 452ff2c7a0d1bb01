using SciTransfer.Core.Statistics;
using SciTransfer.Transfer.Results;

namespace SciTransfer.Transfer.Summary;

/// <summary>
/// Aggregates the timing columns of results rows into timings.csv rows: each problem's timing metrics
/// (<see cref="Problems.MetricInfo.IsTiming"/>) and each cell's fit_seconds, as count, mean, std, min, median and max
/// over repeats. Values are taken in repeat order and rows sorted by the manifests' order, like the summary.
/// </summary>
public static class TimingsBuilder
{
    /// <summary>Name of the pseudo-metric timings.csv reports for the results' fit_seconds column.</summary>
    public const string FitSeconds = "fit_seconds";

    /// <summary>Timing rows of <paramref name="problems"/>; rows of other problems are ignored.</summary>
    public static List<TimingRow> Build(IReadOnlyList<ProblemManifest> problems, IEnumerable<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(rows);
        var byProblem = rows.GroupBy(r => r.Problem).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var output = new List<TimingRow>();
        foreach (var p in problems)
        {
            if (!byProblem.TryGetValue(p.Id, out var prow))
            {
                continue;
            }

            var strategyRank = p.Strategies.Select((s, i) => (s, i)).GroupBy(x => x.s).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
            var cells = prow.GroupBy(r => (r.Strategy, r.NTarget))
                .OrderBy(g => strategyRank.GetValueOrDefault(g.Key.Strategy, int.MaxValue))
                .ThenBy(g => g.Key.Strategy, StringComparer.Ordinal)
                .ThenBy(g => g.Key.NTarget);
            foreach (var g in cells)
            {
                foreach (var metric in p.Metrics.Where(m => m.IsTiming))
                {
                    var values = g.Where(r => r.Metric == metric.Name).OrderBy(r => r.Repeat).Select(r => r.Value).ToList();
                    if (values.Count > 0)
                    {
                        output.Add(Row(p.Id, g.Key, metric.Name, metric.Unit, values));
                    }
                }

                // fit_seconds is per cell, repeated on each metric row of the cell: take it once per repeat.
                var fit = g.GroupBy(r => r.Repeat).OrderBy(r => r.Key).Select(r => r.First().FitSeconds);
                output.Add(Row(p.Id, g.Key, FitSeconds, "s", fit));
            }
        }

        return output;
    }

    private static TimingRow Row(string problem, (string Strategy, int N) key, string metric, string unit, IEnumerable<double> values)
    {
        double[] v = [.. values.Where(double.IsFinite)];
        double min = v.Length > 0 ? v.Min() : double.NaN;
        double max = v.Length > 0 ? v.Max() : double.NaN;
        return new TimingRow(problem, key.Strategy, key.N, metric, unit, v.Length, Descriptive.Mean(v), Descriptive.SampleStd(v), min, Descriptive.Median(v), max);
    }
}
