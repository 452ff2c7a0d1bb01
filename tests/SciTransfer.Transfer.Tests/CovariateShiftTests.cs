using System.Globalization;
using System.Text.Json;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Reference;
using SciTransfer.Transfer.Running;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Tests;

public class CovariateShiftTests
{
    private static List<SummaryRow> RunStudy(string kind, TempDir dir)
    {
        string json = "{ \"study\": \"cs\", \"seed\": 17, \"repeats\": 3, \"problems\": [ { \"problem\": \"reference/covariate-shift\", "
            + "\"strategies\": [\"scratch\", \"source-only\", \"fine-tune\", \"oracle\", \"coral\", \"importance-weighting\"], "
            + "\"sizes\": [0, 16], \"options\": { \"shift_kind\": \"" + kind + "\", \"test_size\": 1000 } } ] }";
        using var doc = JsonDocument.Parse(json);
        var config = StudyConfigLoader.Parse("cs.json", doc.RootElement, new ProblemCatalog([new ReferenceModule()]), new ProblemSettings());
        string outDir = dir.Sub(kind);
        StudyRunner.Run(config, new RunOptions(outDir, Threads: 2));
        return SummaryCsv.Read(Path.Combine(outDir, "summary.csv"));
    }

    private static double Mean(List<SummaryRow> s, string strategy, int n) =>
        s.Single(r => r.Strategy == strategy && r.NTarget == n && r.Metric == "rmse").Mean;

    private static string Table(List<SummaryRow> s) => string.Join("; ", s.Where(r => r.Metric == "rmse")
        .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Strategy}@{r.NTarget}={r.Mean:F3}")));

    [Fact]
    public void Under_covariate_shift_importance_weighting_beats_source_only_without_target_labels()
    {
        using var dir = new TempDir();
        var s = RunStudy("covariate", dir);
        Assert.True(Mean(s, "importance-weighting", 0) < 0.7 * Mean(s, "source-only", 0), Table(s));
        // With labels too, starting from the weighted fit beats starting from the plain source fit.
        Assert.True(Mean(s, "importance-weighting", 16) < Mean(s, "fine-tune", 16), Table(s));
    }

    [Fact]
    public void Under_a_feature_recalibration_coral_beats_source_only_without_target_labels()
    {
        using var dir = new TempDir();
        var s = RunStudy("feature", dir);
        Assert.True(Mean(s, "coral", 0) < 0.85 * Mean(s, "source-only", 0), Table(s));
        // CORAL inverts a symmetric positive definite re-calibration exactly (up to sampling), so it reaches the oracle.
        Assert.True(Mean(s, "coral", 0) < 1.05 * Mean(s, "oracle", 0), Table(s));
        Assert.True(Mean(s, "coral", 16) < Mean(s, "fine-tune", 16), Table(s));
    }

    [Fact]
    public void Under_label_shift_neither_coral_nor_importance_weighting_beats_source_only()
    {
        using var dir = new TempDir();
        var s = RunStudy("label", dir);
        // p(y|x) changes with p(y): reweighting inputs cannot fix it, and aligning inputs while keeping source labels hurts.
        Assert.True(Mean(s, "importance-weighting", 0) > 0.95 * Mean(s, "source-only", 0), Table(s));
        Assert.True(Mean(s, "coral", 0) > 0.95 * Mean(s, "source-only", 0), Table(s));
        Assert.True(Mean(s, "coral", 0) > 1.2 * Mean(s, "source-only", 0), "CORAL should hurt here: " + Table(s));
    }

    [Fact]
    public void Under_covariate_shift_the_label_free_estimate_tracks_the_test_error_and_ranks_like_it()
    {
        using var dir = new TempDir();
        var s = RunStudy("covariate", dir);
        double Metric(string strategy, string metric) => s.Single(r => r.Strategy == strategy && r.NTarget == 0 && r.Metric == metric).Mean;
        foreach (string strategy in new[] { "source-only", "importance-weighting" })
        {
            double test = Metric(strategy, "rmse"), estimate = Metric(strategy, "iw_source_rmse");
            Assert.True(Math.Abs(estimate - test) < 0.25 * test, $"{strategy}: estimate {estimate:F3}, test {test:F3}");
        }

        Assert.True(Metric("importance-weighting", "iw_source_rmse") < Metric("source-only", "iw_source_rmse"), Table(s));
    }
}
