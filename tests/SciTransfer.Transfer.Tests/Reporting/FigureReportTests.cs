using SciTransfer.Plotting.Charts;
using SciTransfer.Plotting.Styling;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Reporting;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Tests.Reporting;

public class FigureReportTests
{
    [Fact]
    public void Merging_keeps_a_shared_data_series_once_and_does_not_depend_on_part_order()
    {
        var parts = SampleStudy.SampleFigures();
        var merged = FigureMerger.Merge(parts);
        var reversed = FigureMerger.Merge(parts.Reverse().ToList());
        var ts = merged.OfType<TimeSeriesFigure>().Single();
        Assert.Equal(["observed", "fine-tune", "scratch"], ts.Series.Select(s => s.Name));
        var palette = new StrategyPalette(["scratch", "fine-tune"]);
        Assert.Equal(TimeSeriesChart.Render(FigureCharts.ToChart(ts), palette).Png(), TimeSeriesChart.Render(FigureCharts.ToChart(reversed.OfType<TimeSeriesFigure>().Single()), palette).Png());
        Assert.Equal(merged.Select(f => f.Id), reversed.Select(f => f.Id));
    }

    [Fact]
    public void Merging_keeps_identical_heat_maps_once_and_different_ones_apart()
    {
        var heat = SampleStudy.SampleFigures().OfType<HeatMapFigure>().Single();
        var copy = heat with { Values = (double[])heat.Values.Clone() };
        var other = heat with { Values = heat.Values.Select(v => v + 1).ToArray() };
        Assert.Single(FigureMerger.Merge([heat, copy]));
        Assert.Equal(2, FigureMerger.Merge([heat, copy, other]).Count);
    }

    private static (TimeSeriesFigure Figure, ProblemManifest Problem, List<SummaryRow> Rows) BestOfCase(bool lowerIsBetter)
    {
        var metric = new MetricInfo("score", "", lowerIsBetter);
        var problem = new ProblemManifest("p/one", "p/one", "", "target samples", [metric], ["scratch", "a", "b"], [8, 16], null);
        // At n = 16: a = 1.0, b = 2.0, scratch = 1.5. At n = 8 the order is reversed, so using the wrong n fails.
        SummaryRow Row(string s, int n, double mean) => new("p/one", s, n, "score", 3, mean, 0.1, mean - 0.1, mean + 0.1, 1, 0, double.NaN, "", false);
        var rows = new List<SummaryRow> { Row("a", 8, 2.0), Row("a", 16, 1.0), Row("b", 8, 1.0), Row("b", 16, 2.0), Row("scratch", 8, 1.5), Row("scratch", 16, 1.5) };
        double[] x = [0, 1, 2];
        var figure = new TimeSeriesFigure("p_one_ts", "ts", "t", "y",
        [
            new FigureSeries("truth", x, [1, 2, 3]),
            new FigureSeries("a", x, [1, 2, 2], Strategy: "a", Candidate: true),
            new FigureSeries("b", x, [1, 3, 3], Strategy: "b", Candidate: true),
            new FigureSeries("scratch", x, [0, 2, 3], Strategy: "scratch", Candidate: true),
            new FigureSeries("source-only", x, [2, 2, 2], Strategy: "source-only", Candidate: false),
        ], BestOfMetric: "score", AtN: 16);
        return (figure, problem, rows);
    }

    [Fact]
    public void Best_of_keeps_the_lowest_mean_candidate_when_lower_is_better()
    {
        var (figure, problem, rows) = BestOfCase(lowerIsBetter: true);
        var result = BestOfSelector.Select(figure, [problem], rows);
        Assert.Equal("a", result.BestStrategy);
        Assert.Equal(["truth", "a", "source-only"], result.Figure.Series.Select(s => s.Name));
        var chart = TimeSeriesChart.Render(FigureCharts.ToChart(result.Figure), new StrategyPalette(["a", "b", "scratch", "source-only"]), result.Note);
        Assert.Equal(["truth", "a", "source-only"], chart.Series.Select(s => s.Label));
    }

    [Fact]
    public void Best_of_keeps_the_highest_mean_candidate_when_higher_is_better()
    {
        var (figure, problem, rows) = BestOfCase(lowerIsBetter: false);
        var result = BestOfSelector.Select(figure, [problem], rows);
        Assert.Equal("b", result.BestStrategy);
        Assert.Equal(["truth", "b", "source-only"], result.Figure.Series.Select(s => s.Name));
        Assert.Contains("highest", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Best_of_picks_the_problem_whose_id_prefixes_the_figure_id()
    {
        var (figure, problem, rows) = BestOfCase(lowerIsBetter: true);
        var twin = problem with { Id = "p/two" };
        // p/two has the opposite ranking at n = 16; the figure id "p_one_ts" belongs to p/one.
        var twinRows = rows.Select(r => r with { Problem = "p/two", Mean = -r.Mean }).ToList();
        var result = BestOfSelector.Select(figure, [twin, problem], twinRows.Concat(rows).ToList());
        Assert.Equal("a", result.BestStrategy);
    }

    [Fact]
    public void Figures_without_best_of_keep_every_series()
    {
        var (figure, problem, rows) = BestOfCase(lowerIsBetter: true);
        var result = BestOfSelector.Select(figure with { BestOfMetric = null }, [problem], rows);
        Assert.Null(result.BestStrategy);
        Assert.Equal(5, result.Figure.Series.Count);
    }
}
