using System.Globalization;
using SciTransfer.Plotting.Axes;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Reporting;

/// <summary>One row of a comparison table: what wins at one n, beside scratch and the simple baseline.</summary>
/// <param name="N">Target size.</param>
/// <param name="Best">Best strategy by mean (oracle left out unless alone), or null.</param>
/// <param name="Indistinguishable">Strategies whose paired difference from <paramref name="Best"/> has an interval containing 0 (or no interval).</param>
/// <param name="BestMean">Best strategy's mean with its bootstrap interval.</param>
/// <param name="Scratch">Scratch's mean (null when scratch has no value at this n).</param>
/// <param name="Baseline">The best simple baseline at this n, or null.</param>
/// <param name="BaselineMean">Its mean.</param>
/// <param name="BestVsScratch">Paired difference best - scratch (null when either is missing or best is scratch).</param>
/// <param name="NegativeTransfer">Strategies significantly worse than scratch at this n (paired interval excludes 0).</param>
public sealed record ComparisonRow(
    int N,
    string? Best,
    IReadOnlyList<string> Indistinguishable,
    Estimate? BestMean,
    Estimate? Scratch,
    string? Baseline,
    Estimate? BaselineMean,
    Estimate? BestVsScratch,
    IReadOnlyList<string> NegativeTransfer);

/// <summary>
/// The per-repeat analysis of one (problem, metric) from results rows: the comparison table and the one-sentence
/// answer the report opens with. Every comparison is paired over repeats (see <see cref="PairedStatistics"/>).
/// </summary>
public sealed class ProblemAnalysis
{
    private readonly Dictionary<string, Dictionary<int, Dictionary<int, double>>> _values;
    private readonly HashSet<string> _baselines;

    /// <summary>Analyses <paramref name="metric"/> of <paramref name="problem"/>.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="metric">The metric.</param>
    /// <param name="results">results.csv rows (other problems and metrics ignored).</param>
    /// <param name="baselines">Names of the simple baselines (strategies of this problem not named here are transfer strategies).</param>
    public ProblemAnalysis(ProblemManifest problem, MetricInfo metric, IEnumerable<ResultRow> results, IEnumerable<string> baselines)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(baselines);
        Problem = problem;
        Metric = metric;
        _baselines = baselines.ToHashSet(StringComparer.Ordinal);
        _values = new Dictionary<string, Dictionary<int, Dictionary<int, double>>>(StringComparer.Ordinal);
        foreach (ResultRow r in results.Where(r => r.Problem == problem.Id && r.Metric == metric.Name))
        {
            if (!_values.TryGetValue(r.Strategy, out var byN))
            {
                _values[r.Strategy] = byN = [];
            }

            if (!byN.TryGetValue(r.NTarget, out var byRepeat))
            {
                byN[r.NTarget] = byRepeat = [];
            }

            byRepeat[r.Repeat] = r.Value;
        }

        Rows = BuildRows();
    }

    /// <summary>The problem.</summary>
    public ProblemManifest Problem { get; }

    /// <summary>The metric.</summary>
    public MetricInfo Metric { get; }

    /// <summary>Table rows in increasing n.</summary>
    public IReadOnlyList<ComparisonRow> Rows { get; }

    /// <summary>Baselines this problem ran.</summary>
    public IReadOnlyList<string> BaselinesRun => [.. _values.Keys.Where(_baselines.Contains).Order(StringComparer.Ordinal)];

    /// <summary>Most repeats any cell of this metric has.</summary>
    public int Repeats => _values.Values.SelectMany(v => v.Values).Select(v => v.Count).DefaultIfEmpty(0).Max();

    /// <summary>Values of a strategy at n by repeat (empty when none).</summary>
    public IReadOnlyDictionary<int, double> Values(string strategy, int n) =>
        _values.TryGetValue(strategy, out var byN) && byN.TryGetValue(n, out var byR) ? byR : new Dictionary<int, double>();

    /// <summary>
    /// The answer in one sentence (or two): which transfer strategy reaches scratch's value at scratch's largest n
    /// with how much less target data (with its bootstrap interval), and from which n it beats the simple baseline;
    /// or the negative result.
    /// </summary>
    public string Answer()
    {
        if (_values.Count == 0)
        {
            return "no results yet.";
        }

        string metricName = Metric.Name;
        var parts = new List<string>();
        var scratchSizes = _values.TryGetValue(KnownStrategies.Scratch, out var s) ? s.Keys.Where(n => n > 0 && s[n].Values.Any(double.IsFinite)).Order().ToList() : [];
        var transfer = _values.Keys.Where(k => k is not KnownStrategies.Scratch and not KnownStrategies.Oracle && !_baselines.Contains(k)).Order(StringComparer.Ordinal).ToList();
        string? lead = null;
        if (scratchSizes.Count == 0)
        {
            parts.Add($"scratch has no results, so no strategy can be compared with it on {metricName}");
        }
        else
        {
            int nMax = scratchSizes[^1];
            var scratchAt = Values(KnownStrategies.Scratch, nMax);
            var candidates = transfer
                .Select(t => (Name: t, Eff: PairedStatistics.DataEfficiency(
                    _values[t].Where(kv => kv.Key > 0).ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<int, double>)kv.Value), scratchAt, nMax, Metric.LowerIsBetter)))
                .Where(c => double.IsFinite(c.Eff.Multiplier.Value) && c.Eff.Multiplier.Value > 1)
                .OrderByDescending(c => c.Eff.Multiplier.Value).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
            if (candidates.Count == 0)
            {
                parts.Add(transfer.Count == 0
                    ? $"no transfer strategy ran; scratch reaches {Fmt(Mean(KnownStrategies.Scratch, nMax))} {metricName} at n = {nMax}"
                    : $"no transfer strategy ({string.Join(", ", transfer)}) reaches scratch's {metricName} at n = {nMax} with less target data");
            }
            else
            {
                var (name, (mult, at)) = candidates[0];
                lead = name;
                string ci = mult.HasInterval
                    ? $" [95 % CI {Fmt(mult.Low, 2)}-{Fmt(mult.High, 2)}x]"
                    : $" ({(mult.Count < PairedStatistics.MinRepeats ? PairedStatistics.NoIntervalReason : "no interval: too few bootstrap resamples reach it")})";
                parts.Add($"{name} reaches scratch's {metricName} at n = {nMax} with {Fmt(at, 3)} samples: {Fmt(mult.Value, 2)}x less target data{ci}");
            }
        }

        parts.Add(BaselineSentence(lead, transfer));
        string text = string.Join("; ", parts.Where(p => p.Length > 0));
        return text + ".";
    }

    private string BaselineSentence(string? lead, List<string> transfer)
    {
        var baselines = BaselinesRun.Where(b => b != lead).ToList();
        if (baselines.Count == 0)
        {
            return "no simple baseline ran";
        }

        var sizes = _values.Values.SelectMany(v => v.Keys).Where(n => n > 0).Distinct().Order().ToList();
        int? From(string strategy)
        {
            int? from = null;
            foreach (int n in sizes.AsEnumerable().Reverse())
            {
                string? b = BestOf(baselines, n);
                if (b is null || !Values(strategy, n).Values.Any(double.IsFinite))
                {
                    break;
                }

                Estimate d = PairedStatistics.Difference(Values(strategy, n), Values(b, n));
                bool better = d.ExcludesZero && (Metric.LowerIsBetter ? d.High < 0 : d.Low > 0);
                if (!better)
                {
                    break;
                }

                from = n;
            }

            return from;
        }

        string names = string.Join(", ", baselines);
        bool noIntervals = Repeats < PairedStatistics.MinRepeats;
        if (lead is not null)
        {
            int? n0 = From(lead);
            if (noIntervals)
            {
                return $"whether it beats the simple baseline ({names}) cannot be decided ({PairedStatistics.NoIntervalReason})";
            }

            return n0 is int k
                ? $"it beats the simple baseline ({names}) from n = {k}"
                : $"it does not beat the simple baseline ({names}) at the largest n";
        }

        if (noIntervals)
        {
            return $"comparison with the simple baseline ({names}) needs at least 3 repeats";
        }

        var froms = transfer.Select(From).OfType<int>().ToList();
        return froms.Count == 0
            ? $"no strategy beats the simple baseline ({names}) at the largest n"
            : froms.Min() > sizes[0] ? $"no strategy beats the simple baseline ({names}) below n = {froms.Min()}" : $"a transfer strategy beats the simple baseline ({names}) from n = {froms.Min()}";
    }

    private List<ComparisonRow> BuildRows()
    {
        var table = new List<ComparisonRow>();
        var sizes = _values.Values.SelectMany(v => v.Keys).Distinct().Order().ToList();
        foreach (int n in sizes)
        {
            var present = _values.Keys.Where(k => Values(k, n).Values.Any(double.IsFinite)).ToList();
            var contenders = present.Where(k => k != KnownStrategies.Oracle).ToList();
            string? best = BestOf(contenders.Count > 0 ? contenders : present, n);
            var indistinct = new List<string>();
            if (best is not null)
            {
                foreach (string other in (contenders.Count > 0 ? contenders : present).Where(k => k != best).Order(StringComparer.Ordinal))
                {
                    if (!PairedStatistics.Difference(Values(best, n), Values(other, n)).ExcludesZero)
                    {
                        indistinct.Add(other);
                    }
                }
            }

            string? baseline = BestOf(present.Where(_baselines.Contains), n);
            var scratch = Values(KnownStrategies.Scratch, n);
            Estimate? scratchMean = scratch.Values.Any(double.IsFinite) ? PairedStatistics.Mean([.. scratch.Values]) : null;
            Estimate? vsScratch = best is not null && best != KnownStrategies.Scratch && scratchMean is not null ? PairedStatistics.Difference(Values(best, n), scratch) : null;
            var negative = present.Where(k => k != KnownStrategies.Scratch && scratchMean is not null)
                .Where(k =>
                {
                    Estimate d = PairedStatistics.Difference(Values(k, n), scratch);
                    return d.ExcludesZero && (Metric.LowerIsBetter ? d.Low > 0 : d.High < 0);
                }).Order(StringComparer.Ordinal).ToList();
            table.Add(new ComparisonRow(
                n,
                best,
                indistinct,
                best is null ? null : PairedStatistics.Mean([.. Values(best, n).Values]),
                scratchMean,
                baseline,
                baseline is null ? null : PairedStatistics.Mean([.. Values(baseline, n).Values]),
                vsScratch,
                negative));
        }

        return table;
    }

    private string? BestOf(IEnumerable<string> strategies, int n) =>
        strategies.Select(k => (k, m: Mean(k, n))).Where(x => double.IsFinite(x.m))
            .OrderBy(x => Metric.LowerIsBetter ? x.m : -x.m).ThenBy(x => x.k, StringComparer.Ordinal).Select(x => x.k).FirstOrDefault();

    private double Mean(string strategy, int n)
    {
        var v = Values(strategy, n).Values.Where(double.IsFinite).ToList();
        return v.Count == 0 ? double.NaN : v.Average();
    }

    internal static string Fmt(double v, int digits = 4) => TickFormat.Significant(v, digits);

    /// <summary>"0.1234 [0.1, 0.15]", or the value with the reason there is no interval.</summary>
    internal static string Fmt(Estimate? e)
    {
        if (e is null || !double.IsFinite(e.Value))
        {
            return "n/a";
        }

        return e.HasInterval
            ? string.Create(CultureInfo.InvariantCulture, $"{Fmt(e.Value)} [{Fmt(e.Low)}, {Fmt(e.High)}]")
            : Fmt(e.Value) + (e.Count < PairedStatistics.MinRepeats ? " (n/i)" : "");
    }
}
