using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Tests;

public class SummaryTests
{
    private static ProblemManifest Manifest(bool lowerIsBetter = true) =>
        new("p", "p", "", "target samples", [new MetricInfo("m", "", lowerIsBetter)], ["scratch", "fine-tune"], [10, 100], null);

    private static ResultRow Row(string strategy, int n, int repeat, double value) =>
        new("s", "p", strategy, n, repeat, 1, "m", value, 0.1);

    [Fact]
    public void Data_efficiency_interpolates_scratch_on_log_n()
    {
        // Scratch error 1.0 at n = 10 and 0.5 at n = 100; a transfer error of 0.75 at n = 10 is reached by
        // scratch half way on the log axis, n* = sqrt(10 * 100), so the multiplier is sqrt(1000) / 10.
        var (m, bound) = DataEfficiency.Compute(10, 0.75, [(10, 1.0), (100, 0.5)], lowerIsBetter: true);
        Assert.Equal(Math.Sqrt(1000) / 10, m, 10);
        Assert.Equal("exact", bound);
    }

    [Fact]
    public void Data_efficiency_beyond_scratchs_largest_size_is_a_lower_bound()
    {
        var (m, bound) = DataEfficiency.Compute(10, 0.2, [(10, 1.0), (100, 0.5)], lowerIsBetter: true);
        Assert.Equal(10.0, m, 12);
        Assert.Equal("lower", bound);
        var (m2, bound2) = DataEfficiency.Compute(10, 0.95, [(10, 0.9), (100, 0.5)], lowerIsBetter: false);
        Assert.Equal(10.0, m2, 12);
        Assert.Equal("lower", bound2);
    }

    [Fact]
    public void Summary_rows_hold_mean_std_ci_retention_and_negative_transfer()
    {
        var rows = new List<ResultRow>();
        double[] scratch10 = [1.0, 1.2, 0.8], scratch100 = [0.5, 0.55, 0.45];
        double[] ft10 = [1.5, 1.6, 1.4], ft100 = [0.5, 0.5, 0.5];
        for (int r = 0; r < 3; r++)
        {
            rows.Add(Row("scratch", 10, r, scratch10[r]));
            rows.Add(Row("scratch", 100, r, scratch100[r]));
            rows.Add(Row("fine-tune", 10, r, ft10[r]));
            rows.Add(Row("fine-tune", 100, r, ft100[r]));
        }

        rows.Reverse(); // completion order must not matter
        var summary = SummaryBuilder.Build([Manifest()], rows);
        Assert.Equal(["scratch", "scratch", "fine-tune", "fine-tune"], summary.Select(s => s.Strategy));
        var s10 = summary[0];
        Assert.Equal(1.0, s10.Mean, 12);
        Assert.Equal(0.2, s10.Std, 12);
        double half = 4.302652729749464 * 0.2 / Math.Sqrt(3); // t_{0.975, 2}
        Assert.Equal(1.0 - half, s10.Ci95Low, 9);
        Assert.Equal(1.0 + half, s10.Ci95High, 9);
        Assert.Equal(0.5, s10.Rpr, 12);          // lower is better: mean(n_max) / mean(n)
        Assert.Equal(0.5, s10.Degradation, 12);
        Assert.Equal(1.0, s10.DataEfficiency);
        var ft10Row = summary[2];
        Assert.True(ft10Row.NegativeTransfer);  // 1.5 > scratch's upper band 1.497
        Assert.False(summary[3].NegativeTransfer);
        Assert.Equal("upper", ft10Row.DataEfficiencyBound);
    }

    [Fact]
    public void Summary_csv_round_trips()
    {
        var rows = Enumerable.Range(0, 3).SelectMany(r => new[] { Row("scratch", 10, r, 1 + (0.1 * r)), Row("scratch", 100, r, 0.5) }).ToList();
        var summary = SummaryBuilder.Build([Manifest()], rows);
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "summary.csv");
        SummaryCsv.Write(path, summary);
        var back = SummaryCsv.Read(path);
        Assert.Equal(summary.Count, back.Count);
        for (int i = 0; i < summary.Count; i++)
        {
            Assert.Equal(summary[i].Mean, back[i].Mean);
            Assert.Equal(summary[i].Ci95High, back[i].Ci95High);
            Assert.Equal(summary[i].Std, back[i].Std); // NaN compares equal in xunit
        }
    }
}

public class TimingSummaryTests
{
    [Fact]
    public void Timing_metrics_stay_out_of_the_summary_and_go_to_the_timings_with_fit_seconds()
    {
        var manifest = new ProblemManifest("p", "p", "", "n", [new MetricInfo("err", "", true), new MetricInfo("seconds_to_target", "s", true, IsTiming: true)], ["scratch"], [4], null);
        var rows = new List<ResultRow>();
        for (int r = 0; r < 2; r++)
        {
            rows.Add(new ResultRow("s", "p", "scratch", 4, r, 1, "err", 0.5, 2.0 + r));
            rows.Add(new ResultRow("s", "p", "scratch", 4, r, 1, "seconds_to_target", 1.0 + r, 2.0 + r));
        }

        var summary = SummaryBuilder.Build([manifest], rows);
        Assert.Equal(["err"], summary.Select(s => s.Metric));
        var timings = TimingsBuilder.Build([manifest], rows);
        Assert.Equal(["seconds_to_target", "fit_seconds"], timings.Select(s => s.Metric));
        var fit = timings.Single(t => t.Metric == "fit_seconds");
        Assert.Equal(2, fit.Count); // one wall time per cell, though each cell has two metric rows
        Assert.Equal(2.5, fit.Mean, 12);
        Assert.Equal((2.0, 2.5, 3.0), (fit.Min, fit.Median, fit.Max));
        Assert.Equal(Math.Sqrt(0.5), fit.Std, 12);
        Assert.Equal(1.5, timings.Single(t => t.Metric == "seconds_to_target").Mean, 12);
    }

    [Fact]
    public void A_diagnostic_metric_a_strategy_has_no_value_for_leaves_no_summary_row_while_a_scored_nan_does()
    {
        var manifest = new ProblemManifest("p", "p", "", "n", [new MetricInfo("err", "", true), new MetricInfo("shift", "", true, IsDiagnostic: true)], ["scratch", "warp"], [4], null);
        var rows = new List<ResultRow>();
        for (int r = 0; r < 2; r++)
        {
            rows.Add(new ResultRow("s", "p", "scratch", 4, r, 1, "err", double.NaN, 1));
            rows.Add(new ResultRow("s", "p", "scratch", 4, r, 1, "shift", double.NaN, 1));
            rows.Add(new ResultRow("s", "p", "warp", 4, r, 1, "err", 0.5, 1));
            rows.Add(new ResultRow("s", "p", "warp", 4, r, 1, "shift", 1.0 + r, 1));
        }

        var summary = SummaryBuilder.Build([manifest], rows);
        Assert.Equal([("scratch", "err"), ("warp", "err"), ("warp", "shift")], summary.Select(s => (s.Strategy, s.Metric)));
        Assert.Equal(1.5, summary.Single(s => s.Metric == "shift").Mean, 12);
    }
}
