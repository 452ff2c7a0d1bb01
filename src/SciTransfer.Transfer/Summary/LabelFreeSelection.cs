using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Summary;

/// <summary>
/// Label-free model selection, reported beside the test ranking: for every problem metric that is a label-free
/// estimate of a test metric (<see cref="MetricInfo.EstimateOf"/>, e.g. importance-weighted validation on the source,
/// Sugiyama et al. 2007), and every n_target, the strategies are ranked by the estimate's mean and by the test metric's
/// mean over repeats (from summary.csv). How well the label-free pick does is measured three ways: the Spearman rank
/// correlation of the two rankings, the regret (test metric of the label-free pick minus that of the test-best, signed
/// so that 0 is best and larger is worse, in the metric's unit) and whether the pick is the test-best. The oracle is
/// left out: it uses every target label, so no label-free procedure could choose it.
/// </summary>
public static class LabelFreeSelection
{
    /// <summary>The per-strategy rows (ranks) and the per-(problem, metric, n) statistics of <paramref name="summary"/>.</summary>
    public static (IReadOnlyList<LabelFreeRankRow> Ranks, IReadOnlyList<LabelFreeStatRow> Stats) Build(IReadOnlyList<ProblemManifest> manifests, IReadOnlyList<SummaryRow> summary)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(summary);
        var ranks = new List<LabelFreeRankRow>();
        var stats = new List<LabelFreeStatRow>();
        var mean = summary.ToDictionary(r => (r.Problem, r.Strategy, r.NTarget, r.Metric), r => r.Mean);
        foreach (var p in manifests)
        {
            foreach (var estimate in p.Metrics.Where(m => m.EstimateOf is not null))
            {
                var test = p.Metrics.FirstOrDefault(m => m.Name == estimate.EstimateOf);
                if (test is null)
                {
                    continue;
                }

                foreach (int n in summary.Where(r => r.Problem == p.Id && r.Metric == test.Name).Select(r => r.NTarget).Distinct().Order())
                {
                    var cands = summary
                        .Where(r => r.Problem == p.Id && r.NTarget == n && r.Metric == test.Name && r.Strategy != StrategyNames.Oracle)
                        .Select(r => (r.Strategy, Test: r.Mean, Estimate: mean.GetValueOrDefault((p.Id, r.Strategy, n, estimate.Name), double.NaN)))
                        .Where(c => double.IsFinite(c.Test) && double.IsFinite(c.Estimate))
                        .OrderBy(c => c.Strategy, StringComparer.Ordinal)
                        .ToArray();
                    if (cands.Length < 2)
                    {
                        continue;
                    }

                    double sign = test.LowerIsBetter ? 1 : -1;
                    double[] estRank = Ranks([.. cands.Select(c => sign * c.Estimate)]);
                    double[] testRank = Ranks([.. cands.Select(c => sign * c.Test)]);
                    for (int i = 0; i < cands.Length; i++)
                    {
                        ranks.Add(new LabelFreeRankRow(p.Id, test.Name, estimate.Name, n, cands[i].Strategy, cands[i].Estimate, estRank[i], cands[i].Test, testRank[i]));
                    }

                    // Ties go to the alphabetically first strategy (cands is sorted by name): deterministic.
                    int pick = ArgBest(cands.Select(c => sign * c.Estimate).ToArray());
                    int best = ArgBest(cands.Select(c => sign * c.Test).ToArray());
                    stats.Add(new LabelFreeStatRow(
                        p.Id, test.Name, estimate.Name, n, cands.Length, Spearman(estRank, testRank),
                        cands[pick].Strategy, cands[best].Strategy, Regret(cands[pick].Test, cands[best].Test, test.LowerIsBetter),
                        cands[pick].Test == cands[best].Test));
                }
            }
        }

        return (ranks, stats);
    }

    /// <summary>Regret of a pick: how much worse its test value is than the best's (&gt;= 0 when best is the best).</summary>
    public static double Regret(double picked, double best, bool lowerIsBetter) => lowerIsBetter ? picked - best : best - picked;

    /// <summary>Ranks 1..n of <paramref name="values"/> (smallest first), ties sharing their average rank.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int[] order = [.. Enumerable.Range(0, values.Count).OrderBy(i => values[i])];
        var rank = new double[values.Count];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }

            double avg = ((i + j) / 2.0) + 1;
            for (int k = i; k <= j; k++)
            {
                rank[order[k]] = avg;
            }

            i = j + 1;
        }

        return rank;
    }

    /// <summary>Spearman's rho: the Pearson correlation of two rank vectors (NaN when either is constant).</summary>
    public static double Spearman(IReadOnlyList<double> rankA, IReadOnlyList<double> rankB)
    {
        ArgumentNullException.ThrowIfNull(rankA);
        ArgumentNullException.ThrowIfNull(rankB);
        if (rankA.Count != rankB.Count || rankA.Count < 2)
        {
            throw new ArgumentException($"LabelFreeSelection.Spearman: {rankA.Count} and {rankB.Count} ranks (need equal counts >= 2)");
        }

        double ma = rankA.Average(), mb = rankB.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < rankA.Count; i++)
        {
            double a = rankA[i] - ma, b = rankB[i] - mb;
            sab += a * b;
            saa += a * a;
            sbb += b * b;
        }

        return saa == 0 || sbb == 0 ? double.NaN : sab / Math.Sqrt(saa * sbb);
    }

    private static int ArgBest(double[] v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++)
        {
            if (v[i] < v[best])
            {
                best = i;
            }
        }

        return best;
    }
}

/// <summary>One row of label_free_ranking.csv: one strategy's two ranks at one n (rank 1 = best; ties share the average).</summary>
/// <param name="Problem">Problem id.</param>
/// <param name="Metric">The test metric.</param>
/// <param name="Estimate">The label-free estimate metric.</param>
/// <param name="NTarget">Amount of target data.</param>
/// <param name="Strategy">Strategy name.</param>
/// <param name="EstimateMean">Mean over repeats of the estimate.</param>
/// <param name="EstimateRank">Rank by the estimate.</param>
/// <param name="TestMean">Mean over repeats of the test metric.</param>
/// <param name="TestRank">Rank by the test metric.</param>
public sealed record LabelFreeRankRow(string Problem, string Metric, string Estimate, int NTarget, string Strategy, double EstimateMean, double EstimateRank, double TestMean, double TestRank);

/// <summary>One row of label_free_selection.csv: how well the label-free ranking agrees with the test ranking at one n.</summary>
/// <param name="Problem">Problem id.</param>
/// <param name="Metric">The test metric.</param>
/// <param name="Estimate">The label-free estimate metric.</param>
/// <param name="NTarget">Amount of target data.</param>
/// <param name="Strategies">Strategies ranked (oracle excluded).</param>
/// <param name="Spearman">Spearman rank correlation of the two rankings (1 = same order).</param>
/// <param name="Pick">The strategy the label-free estimate ranks first.</param>
/// <param name="TestBest">The strategy the test metric ranks first.</param>
/// <param name="Regret">Test metric of the pick minus that of the test-best, signed so that 0 is best (metric unit).</param>
/// <param name="PickedBest">True when the pick's test value equals the best's.</param>
public sealed record LabelFreeStatRow(string Problem, string Metric, string Estimate, int NTarget, int Strategies, double Spearman, string Pick, string TestBest, double Regret, bool PickedBest);
