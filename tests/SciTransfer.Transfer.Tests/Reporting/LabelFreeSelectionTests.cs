using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Reporting;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Tests.Reporting;

public class LabelFreeSelectionTests
{
    private static SummaryRow Row(string strategy, int n, string metric, double mean) =>
        new("p", strategy, n, metric, 3, mean, 0, mean, mean, double.NaN, double.NaN, double.NaN, "", false);

    private static ProblemManifest Manifest(bool lowerIsBetter) => new(
        "p", "p", "", "samples",
        [new MetricInfo("err", "", lowerIsBetter), new MetricInfo("est", "", lowerIsBetter, EstimateOf: "err")],
        ["a", "b", "c", "oracle"], [4], null);

    [Fact]
    public void Spearman_regret_and_pick_match_a_hand_example_and_the_oracle_is_left_out()
    {
        // Test error: a 1.0, b 2.0, c 3.0 (ranks 1, 2, 3); estimate: a 0.2, b 0.1, c 0.9 (ranks 2, 1, 3).
        // Hand: d = (1, 1, 0), rho = 1 - 6 * 2 / (3 * 8) = 0.5; pick b, best a, regret 2.0 - 1.0 = 1.0.
        // The oracle (test 0.0, estimate 0.0) would win both rankings if it were not excluded.
        SummaryRow[] summary =
        [
            Row("a", 4, "err", 1.0), Row("b", 4, "err", 2.0), Row("c", 4, "err", 3.0), Row("oracle", 4, "err", 0.0),
            Row("a", 4, "est", 0.2), Row("b", 4, "est", 0.1), Row("c", 4, "est", 0.9), Row("oracle", 4, "est", 0.0),
        ];
        var (ranks, stats) = LabelFreeSelection.Build([Manifest(true)], summary);
        var s = Assert.Single(stats);
        Assert.Equal(3, s.Strategies);
        Assert.Equal(0.5, s.Spearman, 12);
        Assert.Equal("b", s.Pick);
        Assert.Equal("a", s.TestBest);
        Assert.Equal(1.0, s.Regret, 12);
        Assert.False(s.PickedBest);
        Assert.Equal([2.0, 1.0, 3.0], ranks.OrderBy(r => r.Strategy, StringComparer.Ordinal).Select(r => r.EstimateRank));
        Assert.DoesNotContain(ranks, r => r.Strategy == "oracle");
        Assert.Contains("| est of err | 4 | 3 | 0.5 | b | a | 1 |", LabelFreeTable.ToMarkdown(stats), StringComparison.Ordinal);
    }

    [Fact]
    public void For_a_score_higher_is_better_so_a_perfect_estimate_gives_rho_one_and_zero_regret()
    {
        SummaryRow[] summary =
        [
            Row("a", 4, "err", 0.9), Row("b", 4, "err", 0.5), Row("c", 4, "err", 0.7),
            Row("a", 4, "est", 0.8), Row("b", 4, "est", 0.6), Row("c", 4, "est", 0.65),
        ];
        var s = Assert.Single(LabelFreeSelection.Build([Manifest(false)], summary).Stats);
        Assert.Equal(1.0, s.Spearman, 12);
        Assert.Equal("a", s.Pick);
        Assert.Equal(0.0, s.Regret);
        Assert.True(s.PickedBest);
    }

    [Fact]
    public void Ties_share_the_average_rank()
    {
        Assert.Equal([1.5, 3.0, 1.5, 4.0], LabelFreeSelection.Ranks([2.0, 5.0, 2.0, 7.0]));
        // Hand: ranks (1, 2, 3) vs (3, 2, 1) -> rho = -1.
        Assert.Equal(-1.0, LabelFreeSelection.Spearman([1, 2, 3], [3, 2, 1]), 12);
    }

    [Fact]
    public void A_study_without_an_estimate_metric_gets_no_rows()
    {
        var m = new ProblemManifest("p", "p", "", "samples", [new MetricInfo("err", "", true)], ["a", "b"], [4], null);
        var (ranks, stats) = LabelFreeSelection.Build([m], [Row("a", 4, "err", 1), Row("b", 4, "err", 2)]);
        Assert.Empty(ranks);
        Assert.Empty(stats);
        Assert.Equal("", LabelFreeTable.ToMarkdown(stats));
    }
}
