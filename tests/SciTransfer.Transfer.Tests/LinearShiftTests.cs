using System.Text.Json;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Reference;
using SciTransfer.Transfer.Running;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Tests;

public class LinearShiftTests
{
    private static List<SummaryRow> RunStudy(double shift, TempDir dir)
    {
        string json = "{ \"study\": \"ls\", \"seed\": 7, \"repeats\": 4, \"problems\": [ { \"problem\": \"reference/linear-shift\", "
            + "\"sizes\": [4, 8, 16, 64, 256], \"options\": { \"shift\": " + shift.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ", \"test_size\": 1000, \"source_samples\": 1000 } } ] }";
        using var doc = JsonDocument.Parse(json);
        var config = StudyConfigLoader.Parse("ls.json", doc.RootElement, new ProblemCatalog([new ReferenceModule()]), new ProblemSettings());
        string outDir = dir.Sub("shift" + shift.ToString(System.Globalization.CultureInfo.InvariantCulture));
        StudyRunner.Run(config, new RunOptions(outDir, Threads: 2));
        return SummaryCsv.Read(Path.Combine(outDir, "summary.csv"));
    }

    private static double Mean(List<SummaryRow> s, string strategy, int n) =>
        s.Single(r => r.Strategy == strategy && r.NTarget == n && r.Metric == "rmse").Mean;

    [Fact]
    [Trait("Category", "Slow")] // fast tier < 1 min: this test alone takes 7-30 s on 2 cores
    public void Small_shift_transfer_wins_at_small_n_and_the_gap_closes_as_n_grows()
    {
        using var dir = new TempDir();
        var s = RunStudy(0.3, dir);
        Assert.True(Mean(s, "fine-tune", 4) < 0.8 * Mean(s, "scratch", 4), "fine-tune should clearly beat scratch at n = 4");
        double gapSmall = Mean(s, "scratch", 4) - Mean(s, "fine-tune", 4);
        double gapLarge = Mean(s, "scratch", 256) - Mean(s, "fine-tune", 256);
        Assert.True(Math.Abs(gapLarge) < 0.1 * gapSmall, $"gap at 256 ({gapLarge}) should be far smaller than at 4 ({gapSmall})");
        // Every strategy is bounded below by the noise floor (noise std 0.5).
        Assert.All(s.Where(r => r.Metric == "rmse"), r => Assert.True(r.Mean > 0.45));
        var eff = s.Single(r => r.Strategy == "fine-tune" && r.NTarget == 4 && r.Metric == "rmse");
        Assert.True(eff.DataEfficiency > 2, $"fine-tune at n = 4 should be worth more than 8 scratch samples, got x{eff.DataEfficiency}");
    }

    [Trait("Category", "Slow")]

    [Fact]
    public void Large_shift_makes_the_source_model_a_negative_transfer()
    {
        using var dir = new TempDir();
        var s = RunStudy(3.0, dir);
        var sourceOnly = s.Single(r => r.Strategy == "source-only" && r.NTarget == 64 && r.Metric == "rmse");
        Assert.True(sourceOnly.NegativeTransfer);
        // Validation-chosen pull strength protects fine-tune: it stays close to scratch at moderate n.
        Assert.True(Mean(s, "fine-tune", 64) < 1.1 * Mean(s, "scratch", 64));
    }

    [Trait("Category", "Slow")]

    [Fact]
    public void The_oracle_reaches_the_noise_floor()
    {
        using var dir = new TempDir();
        var s = RunStudy(0.3, dir);
        Assert.InRange(Mean(s, "oracle", 4), 0.45, 0.6);
    }
}
