using SciTransfer.Plotting;
using SciTransfer.Plotting.Styling;
using SciTransfer.Transfer.Reporting;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Tests.Reporting;

public class ScarcityPlotTests
{
    private static readonly StrategyPalette Palette = new(["scratch", "source-only", "fine-tune", "oracle", "overfit"]);

    [Fact]
    public void Scarcity_plot_has_one_legend_series_per_strategy_with_a_point_per_row()
    {
        var input = SampleStudy.Input();
        var problem = input.Problems[0];
        var chart = ScarcityPlot.Render(problem, SampleStudy.Rmse, input.Summary, Palette);
        Assert.Equal(problem.Strategies, chart.Series.Select(s => s.Label));
        foreach (var s in chart.Series)
        {
            Assert.Equal(input.Summary.Count(r => r.Problem == problem.Id && r.Metric == "rmse" && r.Strategy == s.Label), s.Points.Count);
        }

        Assert.Contains(chart.Texts, t => t.Text == "rmse (K), lower is better");
        Assert.Contains(chart.Texts, t => t.Text == "target samples (log scale)");
    }

    [Fact]
    public void Higher_is_better_metrics_say_so_in_the_y_title()
    {
        Assert.Equal("r2, higher is better", ScarcityPlot.YTitle(SampleStudy.R2));
    }

    [Fact]
    public void Bands_go_to_scratch_and_the_best_few_at_the_largest_n()
    {
        string[] names = ["scratch", "a", "b", "c", "d", "e"];
        var rows = names.Select((s, i) => new SummaryRow("p", s, 64, "rmse", 3, 1 + i, 0.1, i, 2 + i, 1, 0, double.NaN, "", false)).ToList();
        var banded = ScarcityPlot.BandedStrategies(names, rows, SampleStudy.Rmse, PlotOptions.Default);
        Assert.Equal(["a", "b", "c", "scratch"], banded.Order(StringComparer.Ordinal));
        Assert.Equal(names.Length, ScarcityPlot.BandedStrategies(names, rows, SampleStudy.Rmse, new PlotOptions(BandsFor: null)).Count);
        Assert.Empty(ScarcityPlot.BandedStrategies(names, rows, SampleStudy.Rmse, new PlotOptions(Bands: false)));
    }

    [Fact]
    public void A_problem_without_summary_rows_says_no_data_yet()
    {
        var problem = SampleStudy.Manifest("empty/one", ["scratch", "source-only"], [4, 8]);
        var chart = ScarcityPlot.Render(problem, SampleStudy.Rmse, [], Palette);
        Assert.Empty(chart.Series);
        Assert.StartsWith("no data yet", chart.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Retention_plot_has_one_series_per_problem_and_strategy_without_the_shared_id_prefix()
    {
        var input = SampleStudy.Input();
        var renamed = input.Problems.Select(p => p with { Id = "quantum/digits/" + p.Id.Replace('/', '-') }).ToList();
        var rows = input.Summary.Select(r => r with { Problem = "quantum/digits/" + r.Problem.Replace('/', '-') }).ToList();
        var chart = RetentionPlot.Render("g", renamed, rows, Palette);
        Assert.Equal(renamed.Sum(p => p.Strategies.Count), chart.Series.Count);
        Assert.DoesNotContain(chart.Series, s => s.Label.StartsWith("quantum/digits/", StringComparison.Ordinal));
    }
}
