using System.Text;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Reporting;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Tests;

public class PairedDifferencesTests
{
    private static ProblemManifest Manifest(string id, string? group, bool lowerIsBetter = false) =>
        new(id, "p", "", "target samples", [new MetricInfo("acc", "", lowerIsBetter)], ["scratch", "fine-tune"], [2, 10], group);

    private static ResultRow Row(string problem, string strategy, int n, int repeat, double value) =>
        new("s", problem, strategy, n, repeat, 1, "acc", value, 0.1);

    // Four repeats of two models, scratch only: accuracy at n = 2 and at the largest n = 10.
    private static readonly double[] Q2 = [0.70, 0.80, 0.60, 0.90], Q10 = [0.90, 1.00, 0.80, 0.95];
    private static readonly double[] C2 = [0.60, 0.85, 0.50, 0.70], C10 = [1.00, 0.95, 0.90, 0.98];

    private static List<ResultRow> Rows()
    {
        var rows = new List<ResultRow>();
        for (int r = 3; r >= 0; r--) // completion order must not matter
        {
            rows.Add(Row("q", "scratch", 2, r, Q2[r]));
            rows.Add(Row("q", "scratch", 10, r, Q10[r]));
            rows.Add(Row("c", "scratch", 2, r, C2[r]));
            rows.Add(Row("c", "scratch", 10, r, C10[r]));
        }

        return rows;
    }

    [Fact]
    public void Retention_and_degradation_differences_match_a_hand_computed_paired_t_interval()
    {
        var diffs = PairedDifferences.Compute([Manifest("q", "g"), Manifest("c", "g")], Rows());
        // Only n = 2 (n = 10 is both problems' largest n); fine-tune has no rows.
        Assert.Equal(2, diffs.Count);
        var rpr = diffs.Single(d => d.Quantity == PairedDifferences.Rpr);
        var deg = diffs.Single(d => d.Quantity == PairedDifferences.Degradation);
        Assert.Equal(("g", "q", "c", "scratch", 2, "acc", 4), (rpr.Group, rpr.Reference, rpr.Other, rpr.Strategy, rpr.NTarget, rpr.Metric, rpr.Count));

        // By hand: d_r = Q2/Q10 - C2/C10, then mean, sample std and mean +- t(0.975, 3) s / sqrt(4).
        double[] d = new double[4], g = new double[4];
        for (int r = 0; r < 4; r++)
        {
            d[r] = (Q2[r] / Q10[r]) - (C2[r] / C10[r]);
            g[r] = (Q10[r] - Q2[r]) - (C10[r] - C2[r]);
        }

        const double T3 = 3.182446305284263; // Student t, 97.5 % quantile, 3 degrees of freedom (table value)
        foreach (var (stat, x) in new[] { (rpr, d), (deg, g) })
        {
            double mean = (x[0] + x[1] + x[2] + x[3]) / 4;
            double ss = 0;
            foreach (double v in x)
            {
                ss += (v - mean) * (v - mean);
            }

            double std = Math.Sqrt(ss / 3);
            Assert.Equal(mean, stat.Mean, 12);
            Assert.Equal(std, stat.Std, 12);
            Assert.Equal(mean - (T3 * std / 2), stat.Ci95Low, 9);
            Assert.Equal(mean + (T3 * std / 2), stat.Ci95High, 9);
        }

        // The hand values: d = 0.1778, -0.0947, 0.1944, 0.2331, mean 0.12764, interval [-0.1111, 0.3664]: not significant.
        Assert.Equal(0.127642, rpr.Mean, 5);
        Assert.Equal(-0.111123, rpr.Ci95Low, 5);
        Assert.False(rpr.Significant);
    }

    [Fact]
    public void Lower_is_better_metrics_use_the_inverted_ratio_and_a_repeat_missing_in_one_problem_is_dropped()
    {
        var rows = Rows().Where(r => !(r.Problem == "c" && r.Repeat == 3)).ToList();
        var diffs = PairedDifferences.Compute([Manifest("q", "g", lowerIsBetter: true), Manifest("c", "g", lowerIsBetter: true)], rows);
        var rpr = diffs.Single(x => x.Quantity == PairedDifferences.Rpr);
        Assert.Equal(3, rpr.Count);
        double expected = Enumerable.Range(0, 3).Average(r => (Q10[r] / Q2[r]) - (C10[r] / C2[r]));
        Assert.Equal(expected, rpr.Mean, 12);
        var deg = diffs.Single(x => x.Quantity == PairedDifferences.Degradation);
        Assert.Equal(Enumerable.Range(0, 3).Average(r => (Q2[r] - Q10[r]) - (C2[r] - C10[r])), deg.Mean, 12);
    }

    [Fact]
    public void Summary_appends_pair_rows_and_leaves_the_problem_rows_unchanged()
    {
        var plain = SummaryBuilder.Build([Manifest("q", null), Manifest("c", null)], Rows());
        var grouped = SummaryBuilder.Build([Manifest("q", "g"), Manifest("c", "g")], Rows());
        Assert.Equal(plain.Count + 2, grouped.Count);
        Assert.Equal(plain, grouped.Take(plain.Count));
        Assert.Equal(SummaryCsv.Format(plain), SummaryCsv.Format(grouped.Take(plain.Count)));
        var extra = grouped.Skip(plain.Count).ToList();
        Assert.All(extra, r => Assert.Equal("q vs c", r.Problem));
        Assert.Equal(["acc:rpr_difference", "acc:degradation_difference"], extra.Select(r => r.Metric));

        // The pair rows survive a summary.csv round trip (NaN retention columns, empty bound).
        string path = Path.Combine(Path.GetTempPath(), $"paired-{Guid.NewGuid():N}.csv");
        try
        {
            SummaryCsv.Write(path, grouped);
            Assert.Equal(SummaryCsv.Format(grouped), SummaryCsv.Format(SummaryCsv.Read(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_group_of_one_problem_has_no_pairs()
    {
        Assert.Empty(PairedDifferences.Compute([Manifest("q", "g"), Manifest("c", "h")], Rows()));
    }

    [Fact]
    public void Report_sentence_states_direction_interval_and_significance()
    {
        var d = new PairedDifference("g", "x/qcnn", "x/classical", "scratch", 5, "accuracy", PairedDifferences.Rpr, 5, 0.05, 0.056, -0.02, 0.12);
        Assert.Equal("qcnn retains 0.05 more [-0.02, 0.12]: not significant at n = 5", PairedDifferenceText.Sentence("x/qcnn", d, "retains", "more", "less"));
        var worse = d with { Mean = -0.21, Ci95Low = -0.35, Ci95High = -0.05 };
        Assert.Equal("qcnn retains 0.21 less [-0.35, -0.05]: significant at n = 5", PairedDifferenceText.Sentence("x/qcnn", worse, "retains", "more", "less"));
    }

    [Fact]
    public void Repeats_needed_for_a_half_width_follow_the_t_quantiles()
    {
        // s = 0.1, half-width 0.05: t(16) 0.1 / sqrt(17) = 0.0514 > 0.05, t(17) 0.1 / sqrt(18) = 0.0497 <= 0.05.
        Assert.Equal(18, PairedDifferenceText.RepeatsFor(0.1, 0.05));
        Assert.Equal(0, PairedDifferenceText.RepeatsFor(double.NaN, 0.05));
    }

    [Fact]
    public void Report_section_states_capacity_pairing_and_whether_repeats_suffice()
    {
        var q = Manifest("x/qcnn", "g") with { };
        var c = Manifest("x/classical", "g");
        q = q with { Parameters = 51, SeedKey = "k" };
        c = c with { Parameters = 101, SeedKey = "k" };
        var rows = Rows().Select(r => r with { Problem = r.Problem == "q" ? "x/qcnn" : "x/classical" }).ToList();
        var md = new StringBuilder();
        PairedDifferenceText.Append(md, [q, c], PairedDifferences.Compute([q, c], rows));
        string text = md.ToString();
        Assert.Contains("Capacity: qcnn 51 parameters vs classical 101 parameters", text, StringComparison.Ordinal);
        Assert.Contains("Repeats identical for both", text, StringComparison.Ordinal);
        Assert.Contains("cannot resolve +-0.05", text, StringComparison.Ordinal); // 4 noisy repeats: interval +-0.24
        var independent = new StringBuilder();
        PairedDifferenceText.Append(independent, [q with { SeedKey = null }, c with { SeedKey = null }], PairedDifferences.Compute([q, c], rows));
        Assert.Contains("drawn independently", independent.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_on_resolution_leaves_out_label_free_estimate_metrics()
    {
        var metrics = new[] { new MetricInfo("acc", "", false), new MetricInfo("acc_est", "", false, EstimateOf: "acc") };
        var q = Manifest("x/qcnn", "g") with { Metrics = metrics, SeedKey = "k" };
        var c = Manifest("x/classical", "g") with { Metrics = metrics, SeedKey = "k" };
        PairedDifference Rpr(string metric, double half) => new("g", "x/qcnn", "x/classical", "scratch", 2, metric, PairedDifferences.Rpr, 10, 0.01, half, 0.01 - half, 0.01 + half);
        var md = new StringBuilder();
        PairedDifferenceText.Append(md, [q, c], [Rpr("acc", 0.02), Rpr("acc_est", 14)]);
        string text = md.ToString();
        Assert.Contains("Every interval is within +-0.05 (widest +-0.020, 10 repeats).", text, StringComparison.Ordinal);
        Assert.Contains("left out of this verdict", text, StringComparison.Ordinal);
        Assert.DoesNotContain("14.000", text, StringComparison.Ordinal);
    }
}
