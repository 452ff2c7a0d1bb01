using SciTransfer.Core.Statistics;
using SciTransfer.Transfer.Results;

namespace SciTransfer.Transfer.Summary;

/// <summary>
/// Aggregates results rows into summary rows: mean, std, Student-t 95 % CI, relative performance retention,
/// degradation, data-efficiency over scratch and the negative-transfer flag. Values are aggregated in repeat
/// order and rows sorted by the manifests' order, so the output does not depend on completion order.
/// </summary>
public static class SummaryBuilder
{
    /// <summary>The name of the baseline strategy for data efficiency and negative transfer.</summary>
    public const string Scratch = Strategies.StrategyNames.Scratch;

    /// <summary>
    /// Summary rows (summary.csv) of the non-timing metrics of <paramref name="problems"/>; rows of other problems are
    /// ignored. Timing metrics go to timings.csv (<see cref="TimingsBuilder"/>), without the transfer statistics.
    /// After the per-problem rows come the paired differences of comparison groups (<see cref="PairedDifferences"/>:
    /// problem "A vs B", metric "accuracy:rpr_difference" / "accuracy:degradation_difference"); studies without a
    /// group of two or more problems have none, so their summary is unchanged.
    /// </summary>
    public static List<SummaryRow> Build(IReadOnlyList<ProblemManifest> problems, IEnumerable<ResultRow> rows)
    {
        var all = rows as IReadOnlyList<ResultRow> ?? [.. rows];
        return [.. Aggregate(problems, all), .. PairedDifferences.ToSummaryRows(PairedDifferences.Compute(problems, all))];
    }

    private static List<SummaryRow> Aggregate(IReadOnlyList<ProblemManifest> problems, IEnumerable<ResultRow> rows)
    {
        var byProblem = rows.GroupBy(r => r.Problem).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var output = new List<SummaryRow>();
        foreach (var p in problems)
        {
            if (!byProblem.TryGetValue(p.Id, out var prow))
            {
                continue;
            }

            foreach (var metric in p.Metrics.Where(m => !m.IsTiming))
            {
                var basic = new Dictionary<(string Strategy, int N), (int Count, double Mean, double Std, double Lo, double Hi)>();
                foreach (var g in prow.Where(r => r.Metric == metric.Name).GroupBy(r => (r.Strategy, r.NTarget)))
                {
                    double[] values = [.. g.OrderBy(r => r.Repeat).Select(r => r.Value).Where(double.IsFinite)];
                    if (metric.IsDiagnostic && values.Length == 0)
                    {
                        // A diagnostic the strategy does not have (a warp shift of fine-tune): no row rather than NaN.
                        continue;
                    }

                    var (lo, hi) = Descriptive.ConfidenceInterval(values);
                    basic[g.Key] = (values.Length, Descriptive.Mean(values), Descriptive.SampleStd(values), lo, hi);
                }

                var scratchCurve = basic.Where(kv => kv.Key.Strategy == Scratch).Select(kv => (kv.Key.N, kv.Value.Mean)).ToList();
                foreach (string strategy in OrderedStrategies(p, basic.Keys.Select(k => k.Strategy)))
                {
                    var sizes = basic.Keys.Where(k => k.Strategy == strategy).Select(k => k.N).OrderBy(n => n).ToList();
                    var finiteSizes = sizes.Where(n => double.IsFinite(basic[(strategy, n)].Mean)).ToList();
                    double best = finiteSizes.Count > 0 ? basic[(strategy, finiteSizes[^1])].Mean : double.NaN;
                    foreach (int n in sizes)
                    {
                        var b = basic[(strategy, n)];
                        double rpr = metric.LowerIsBetter ? best / b.Mean : b.Mean / best;
                        double degradation = metric.LowerIsBetter ? b.Mean - best : best - b.Mean;
                        (double eff, string bound) = strategy == Scratch
                            ? (n > 0 && double.IsFinite(b.Mean) ? 1.0 : double.NaN, n > 0 && double.IsFinite(b.Mean) ? "exact" : "")
                            : DataEfficiency.Compute(n, b.Mean, scratchCurve, metric.LowerIsBetter);
                        bool negative = false;
                        if (strategy != Scratch && basic.TryGetValue((Scratch, n), out var s) && double.IsFinite(s.Hi) && double.IsFinite(b.Mean))
                        {
                            negative = metric.LowerIsBetter ? b.Mean > s.Hi : b.Mean < s.Lo;
                        }

                        output.Add(new SummaryRow(p.Id, strategy, n, metric.Name, b.Count, b.Mean, b.Std, b.Lo, b.Hi, rpr, degradation, eff, bound, negative));
                    }
                }
            }
        }

        // Final order: problem (manifest order), strategy (manifest order), n, metric (manifest order).
        var problemOrder = problems.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return [.. output
            .OrderBy(r => problemOrder[r.Problem])
            .ThenBy(r => StrategyRank(problems[problemOrder[r.Problem]], r.Strategy))
            .ThenBy(r => r.Strategy, StringComparer.Ordinal)
            .ThenBy(r => r.NTarget)
            .ThenBy(r => MetricRank(problems[problemOrder[r.Problem]], r.Metric))];
    }

    private static IEnumerable<string> OrderedStrategies(ProblemManifest p, IEnumerable<string> present) =>
        present.Distinct().OrderBy(s => StrategyRank(p, s)).ThenBy(s => s, StringComparer.Ordinal);

    private static int StrategyRank(ProblemManifest p, string strategy)
    {
        int i = p.Strategies.ToList().IndexOf(strategy);
        return i < 0 ? int.MaxValue : i;
    }

    private static int MetricRank(ProblemManifest p, string metric)
    {
        int i = p.Metrics.Select(m => m.Name).ToList().IndexOf(metric);
        return i < 0 ? int.MaxValue : i;
    }
}
