using SciTransfer.Plotting.Charts;
using SciTransfer.Plotting.Report;
using SciTransfer.Plotting.Styling;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Plotting.Tests;

public class EdgeCaseTests
{
    private static readonly StrategyPalette Palette = new(["scratch", "source-only"]);

    [Fact]
    public void A_problem_without_summary_rows_still_gets_a_valid_plot_and_key_table()
    {
        var problem = SampleStudy.Manifest("empty/one", ["scratch", "source-only"], [4, 8]);
        string svg = ScarcityPlot.Render(problem, SampleStudy.Rmse, [], Palette);
        Assert.Empty(new SvgDocument(svg).SeriesGroups());
        Assert.Empty(KeyTable.Build(problem, SampleStudy.Rmse, []));
    }

    [Fact]
    public void Only_n_zero_draws_markers_at_the_zero_tick_without_lines()
    {
        var problem = SampleStudy.Manifest("zero/only", ["source-only"], [0]);
        var rows = new List<SummaryRow> { new("zero/only", "source-only", 0, "rmse", 3, 1.2, 0.1, 1.0, 1.4, 1, 0, double.NaN, "", false) };
        var doc = new SvgDocument(ScarcityPlot.Render(problem, SampleStudy.Rmse, rows, Palette));
        var group = doc.SeriesGroups().Single();
        Assert.Single(group.Descendants(), e => e.Attribute("class")?.Value == "marker");
        Assert.DoesNotContain(group.Descendants(), e => e.Attribute("class")?.Value == "line");
        Assert.Equal(["0"], doc.WithClass("xtick").Select(t => t.Value));
    }

    [Fact]
    public void Series_whose_means_are_all_nan_keep_their_group_but_draw_nothing()
    {
        var points = new List<CurvePoint> { new(4, double.NaN, double.NaN, double.NaN), new(8, double.NaN, 1, 2) };
        var good = new List<CurvePoint> { new(4, 1, 0.9, 1.1), new(8, 0.8, 0.7, 0.9) };
        string svg = CurveChart.Render(new CurveChartSpec("t", "", "n", "y",
            [new CurveSeries("nan", "nan", null, StrategyPalette.Cycle(0), points), new CurveSeries("ok", "ok", null, StrategyPalette.Cycle(1), good)]));
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        var nan = new SvgDocument(svg).SeriesGroups().Single(g => g.Attribute("data-strategy")!.Value == "nan");
        Assert.Empty(nan.Elements());
    }

    [Fact]
    public void Huge_confidence_intervals_do_not_flatten_the_curves()
    {
        // Two repeats give Student-t intervals about 12.7 std wide: the y range must stay near the means.
        var points = new[] { 4, 8, 16, 32 }.Select(n => new CurvePoint(n, 1.0 + (1.0 / n), -50, 50)).ToList();
        var doc = new SvgDocument(CurveChart.Render(new CurveChartSpec("t", "", "n", "y", [new CurveSeries("a", "a", null, StrategyPalette.Cycle(0), points)])));
        var ys = doc.WithClass("ytick").Select(t => double.Parse(t.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(ys.Max() - ys.Min() < 1, $"y ticks span {ys.Min()}..{ys.Max()}");
        var axisLine = doc.WithClass("y-axis").Single().Elements().Last(e => e.Name.LocalName == "line");
        double top = SvgDocument.Num(axisLine, "y1"), bottom = SvgDocument.Num(axisLine, "y2");
        string d = doc.WithClass("band").Single().Attribute("d")!.Value;
        var bandYs = d.Split('M', 'L', 'Z').Where(s => s.Length > 0).Select(s => double.Parse(s.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(bandYs, y => Assert.InRange(y, top, bottom));
        Assert.Contains(bandYs, y => Math.Abs(y - top) < 0.01);
    }

    [Fact]
    public void Long_subtitles_and_legend_labels_are_cut_to_fit_the_chart()
    {
        string longText = string.Concat(Enumerable.Repeat("a long problem description ", 20));
        var problem = SampleStudy.Manifest("long/one", ["scratch", "strategy-with-an-extremely-long-name-that-goes-on-and-on"], [4, 8]) with { Description = longText };
        var rows = problem.Strategies.SelectMany(s => new[] { 4, 8 }.Select(n => new SummaryRow("long/one", s, n, "rmse", 3, 1.0 / n, 0.1, double.NaN, double.NaN, 1, 0, double.NaN, "", false))).ToList();
        var doc = new SvgDocument(ScarcityPlot.Render(problem, SampleStudy.Rmse, rows, new StrategyPalette(problem.Strategies)));
        string subtitle = doc.WithClass("subtitle").Single().Value;
        Assert.EndsWith("\u2026", subtitle, StringComparison.Ordinal);
        Assert.True(subtitle.Length * 12 * 0.6 <= 900 - 92, $"subtitle of {subtitle.Length} characters overflows");
        var legend = doc.All("g").Single(g => g.Attribute("data-legend")?.Value == problem.Strategies[1]);
        Assert.EndsWith("\u2026", legend.Elements().Last().Value, StringComparison.Ordinal);
    }
}
