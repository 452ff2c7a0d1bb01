using SciTransfer.Core.Statistics;
using SciTransfer.Transfer.Results;

namespace SciTransfer.Transfer.Summary;

/// <summary>
/// One paired difference between two problems of a comparison group (e.g. a QCNN and its classical counterpart):
/// the mean over repeats of (reference - other) for one retention quantity, with a Student-t 95 % interval on the
/// per-repeat differences.
/// </summary>
/// <param name="Group">Comparison group.</param>
/// <param name="Reference">Id of the group's first problem (in config order): the minuend.</param>
/// <param name="Other">Id of the other problem: the subtrahend.</param>
/// <param name="Strategy">Strategy both problems ran.</param>
/// <param name="NTarget">Target size both ran.</param>
/// <param name="Metric">Underlying metric, e.g. "accuracy".</param>
/// <param name="Quantity"><see cref="PairedDifferences.Rpr"/> or <see cref="PairedDifferences.Degradation"/>.</param>
/// <param name="Count">Repeats with finite values at n and at both problems' largest n (the pairs).</param>
/// <param name="Mean">Mean of the per-repeat differences.</param>
/// <param name="Std">Sample standard deviation of the differences (NaN when Count &lt; 2).</param>
/// <param name="Ci95Low">Student-t 95 % interval of the mean difference, low end (NaN when Count &lt; 2).</param>
/// <param name="Ci95High">High end.</param>
public sealed record PairedDifference(
    string Group,
    string Reference,
    string Other,
    string Strategy,
    int NTarget,
    string Metric,
    string Quantity,
    int Count,
    double Mean,
    double Std,
    double Ci95Low,
    double Ci95High)
{
    /// <summary>Half-width of the interval (NaN when there is none).</summary>
    public double HalfWidth => (Ci95High - Ci95Low) / 2;

    /// <summary>True when the interval lies wholly above or below zero.</summary>
    public bool Significant => double.IsFinite(Ci95Low) && double.IsFinite(Ci95High) && (Ci95Low > 0 || Ci95High < 0);

    /// <summary>The summary.csv problem cell: "reference vs other".</summary>
    public string PairName => PairedDifferences.PairName(Reference, Other);
}

/// <summary>
/// The claim "model A loses less than model B when target data is scarce" as a statistic. For every comparison group,
/// its first problem (config order) is paired with each other problem; for every strategy and n both ran (except the
/// largest n of both, where the differences are 0 by definition), repeat r gives
/// <list type="bullet">
/// <item>retention rpr_r = m_r(n) / m_r(n_max) (n_max / n for lower-is-better metrics), per problem at its own largest n,
/// and the difference d_r = rpr_A,r - rpr_B,r;</item>
/// <item>degradation g_r = m_r(n_max) - m_r(n) (signed so that positive is worse with less data), and g_A,r - g_B,r.</item>
/// </list>
/// Mean, sample std and the Student-t 95 % interval of d over the repeats both problems have. The pairing is real when
/// the two problems drew identical repeats (same <see cref="ProblemManifest.SeedKey"/>: same data, target subsets and
/// seeds); otherwise repeat r of each is independent and the interval is that of a difference of independent means
/// matched by index (still valid, less powerful). Note the mean per-repeat retention differs from summary.csv's
/// retention column, which is the ratio of the means.
/// </summary>
public static class PairedDifferences
{
    /// <summary>Quantity name: relative performance retention difference.</summary>
    public const string Rpr = "rpr_difference";

    /// <summary>Quantity name: degradation difference.</summary>
    public const string Degradation = "degradation_difference";

    /// <summary>The summary.csv metric cell of a quantity: "accuracy:rpr_difference".</summary>
    public static string MetricName(string metric, string quantity) => metric + ":" + quantity;

    /// <summary>The summary.csv problem cell of a pair.</summary>
    public static string PairName(string reference, string other) => reference + " vs " + other;

    /// <summary>Paired differences of every comparison group of <paramref name="problems"/>, in a fixed order.</summary>
    /// <param name="problems">Problems in config order.</param>
    /// <param name="rows">Results rows (any order; rows of other problems are ignored).</param>
    public static List<PairedDifference> Compute(IReadOnlyList<ProblemManifest> problems, IEnumerable<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(rows);
        var output = new List<PairedDifference>();
        var groups = problems.Where(p => p.ComparisonGroup is not null)
            .GroupBy(p => p.ComparisonGroup!, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2)
            .ToList();
        if (groups.Count == 0)
        {
            return output;
        }

        // (problem, metric, strategy, n) -> repeat -> value
        var values = new Dictionary<(string, string, string, int), SortedDictionary<int, double>>();
        foreach (var r in rows)
        {
            var key = (r.Problem, r.Metric, r.Strategy, r.NTarget);
            if (!values.TryGetValue(key, out var byRepeat))
            {
                values[key] = byRepeat = [];
            }

            byRepeat[r.Repeat] = r.Value;
        }

        foreach (var g in groups)
        {
            var members = g.ToList();
            ProblemManifest a = members[0];
            foreach (ProblemManifest b in members.Skip(1))
            {
                var metrics = a.Metrics.Where(m => !m.IsTiming && !m.IsDiagnostic && b.Metrics.Any(x => x.Name == m.Name && !x.IsTiming && !x.IsDiagnostic));
                foreach (var metric in metrics)
                {
                    foreach (string strategy in a.Strategies.Where(s => b.Strategies.Contains(s)))
                    {
                        int? maxA = LargestN(values, a.Id, metric.Name, strategy);
                        int? maxB = LargestN(values, b.Id, metric.Name, strategy);
                        if (maxA is null || maxB is null)
                        {
                            continue;
                        }

                        var sizes = a.Sizes.Where(n => b.Sizes.Contains(n) && !(n == maxA && n == maxB)).Order();
                        foreach (int n in sizes)
                        {
                            var pa = Retention(values, a.Id, metric, strategy, n, maxA.Value);
                            var pb = Retention(values, b.Id, metric, strategy, n, maxB.Value);
                            if (pa is null || pb is null)
                            {
                                continue;
                            }

                            int[] common = [.. pa.Keys.Where(pb.ContainsKey).Order()];
                            double[] dr = [.. common.Select(r => pa[r].Rpr - pb[r].Rpr)];
                            double[] dg = [.. common.Select(r => pa[r].Degradation - pb[r].Degradation)];
                            output.Add(Statistic(g.Key, a.Id, b.Id, strategy, n, metric.Name, Rpr, dr));
                            output.Add(Statistic(g.Key, a.Id, b.Id, strategy, n, metric.Name, Degradation, dg));
                        }
                    }
                }
            }
        }

        return output;
    }

    /// <summary>Mean, sample std and Student-t 95 % interval of per-repeat differences.</summary>
    public static PairedDifference Statistic(string group, string reference, string other, string strategy, int n, string metric, string quantity, double[] differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        var (lo, hi) = Descriptive.ConfidenceInterval(differences);
        double mean = differences.Length == 0 ? double.NaN : Descriptive.Mean(differences);
        return new PairedDifference(group, reference, other, strategy, n, metric, quantity, differences.Length, mean, Descriptive.SampleStd(differences), lo, hi);
    }

    /// <summary>The summary.csv rows of <paramref name="differences"/>; the columns of retention and data efficiency are empty (NaN).</summary>
    public static IEnumerable<SummaryRow> ToSummaryRows(IEnumerable<PairedDifference> differences) =>
        differences.Select(d => new SummaryRow(
            d.PairName, d.Strategy, d.NTarget, MetricName(d.Metric, d.Quantity), d.Count, d.Mean, d.Std, d.Ci95Low, d.Ci95High,
            double.NaN, double.NaN, double.NaN, "", false));

    private static int? LargestN(Dictionary<(string, string, string, int), SortedDictionary<int, double>> values, string problem, string metric, string strategy)
    {
        int? best = null;
        foreach (var (key, byRepeat) in values)
        {
            if (key.Item1 == problem && key.Item2 == metric && key.Item3 == strategy && byRepeat.Values.Any(double.IsFinite) && (best is null || key.Item4 > best))
            {
                best = key.Item4;
            }
        }

        return best;
    }

    private static SortedDictionary<int, (double Rpr, double Degradation)>? Retention(
        Dictionary<(string, string, string, int), SortedDictionary<int, double>> values, string problem, Problems.MetricInfo metric, string strategy, int n, int nMax)
    {
        if (!values.TryGetValue((problem, metric.Name, strategy, n), out var at) || !values.TryGetValue((problem, metric.Name, strategy, nMax), out var full))
        {
            return null;
        }

        var result = new SortedDictionary<int, (double, double)>();
        foreach (var (repeat, v) in at)
        {
            if (double.IsFinite(v) && full.TryGetValue(repeat, out double best) && double.IsFinite(best))
            {
                double rpr = metric.LowerIsBetter ? best / v : v / best;
                double degradation = metric.LowerIsBetter ? v - best : best - v;
                if (double.IsFinite(rpr))
                {
                    result[repeat] = (rpr, degradation);
                }
            }
        }

        return result;
    }
}
