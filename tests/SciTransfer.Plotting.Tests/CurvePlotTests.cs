using SciTransfer.Plotting.Charts;
using SciTransfer.Plotting.Rendering;
using SciTransfer.Plotting.Styling;

namespace SciTransfer.Plotting.Tests;

public class CurvePlotTests
{
    private static readonly StrategyPalette Palette = new(["scratch", "source-only", "fine-tune", "oracle"]);

    [Fact]
    public void Curve_chart_renders_every_legend_series_at_its_points_with_no_text_cut()
    {
        ChartImage chart = CurveChart.Render(ChartSamples.Curves(Palette));
        ChartAssert.Rendered(chart);
        Assert.Equal(["scratch", "source-only", "fine-tune", "oracle"], chart.Series.Select(s => s.Label));
        Assert.Equal(5, chart.Series[0].Points.Count);
        Assert.Equal(6, chart.Series[2].Points.Count);
        Assert.Contains(chart.Texts, t => t.Text == "rmse (K), lower is better");
    }

    [Fact]
    public void Points_at_n_zero_sit_left_of_every_positive_size()
    {
        ChartImage chart = CurveChart.Render(ChartSamples.Curves(Palette));
        chart.Png();
        var fine = chart.Series.Single(s => s.Label == "fine-tune").Points;
        double zeroX = fine.Min(p => p.X);
        Assert.All(fine.Where(p => p.X != zeroX), p => Assert.True(chart.PixelOf(p.X, p.Y).X > chart.PixelOf(zeroX, p.Y).X + 20));
        var zeros = chart.Series.Select(s => s.Points.MinBy(p => p.X)).Where(p => p.X < 0.5).Select(p => Math.Round(chart.PixelOf(p.X, p.Y).X)).ToList();
        Assert.Equal(zeros.Count, zeros.Distinct().Count());
    }

    [Fact]
    public void Long_subtitles_wrap_instead_of_being_cut_and_keep_the_log_axis_note()
    {
        string longText = string.Concat(Enumerable.Repeat("a long problem description ", 20));
        var points = new[] { 1, 4, 16, 64, 256 }.Select(n => new CurvePoint(n, 10.0 / n, 8.0 / n, 12.0 / n)).ToList();
        var spec = new CurveChartSpec("t", longText, "n", "error", [new CurveSeries("strategy-with-an-extremely-long-name-that-goes-on-and-on", "a", null, StrategyPalette.Cycle(0), points)]);
        ChartImage chart = CurveChart.Render(spec);
        ChartAssert.Rendered(chart);
        Assert.True(chart.Texts.Count(t => t.FontSize == Rendering.ChartText.SubtitleSize) >= 2, "the subtitle wraps onto several lines");
        Assert.Equal(longText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length,
            chart.Texts.Where(t => t.FontSize == Rendering.ChartText.SubtitleSize).Sum(t => t.Text.Split(' ').Length));
        Assert.Contains(chart.Texts, t => t.Text == "error, log scale");
    }

    [Fact]
    public void Twelve_strategies_get_twelve_distinct_colours()
    {
        string[] names = [.. Enumerable.Range(0, 12).Select(i => $"s{i:00}"), "scratch", "oracle"];
        var palette = new StrategyPalette(names);
        Assert.Equal(names.Length, names.Select(n => palette[n].Color).Distinct().Count());
        Assert.Equal("#000000", palette["scratch"].Color);
        var series = names.Select((n, i) => new CurveSeries(n, n, null, palette[n], new[] { 4, 8, 16 }.Select(k => new CurvePoint(k, i + (1.0 / k), i, i + 1)).ToList())).ToList();
        ChartAssert.Rendered(CurveChart.Render(new CurveChartSpec("many", "", "n", "y", series)));
    }

    [Fact]
    public void An_empty_chart_says_no_data_yet()
    {
        var spec = new CurveChartSpec("empty", "", "n", "y", [new CurveSeries("a", "a", null, StrategyPalette.Cycle(0), [])]);
        ChartImage chart = CurveChart.Render(spec);
        ChartAssert.Rendered(chart);
        Assert.Empty(chart.Series);
        Assert.StartsWith("no data yet", chart.Note, StringComparison.Ordinal);
        Assert.Contains(chart.Texts, t => t.Text.Contains("no data yet for a", StringComparison.Ordinal));
    }

    [Fact]
    public void Series_without_bands_draw_no_fill()
    {
        var palette = new StrategyPalette(["a"]);
        var points = new[] { 4, 8, 16 }.Select(n => new CurvePoint(n, 1.0 / n, 0.5 / n, 2.0 / n)).ToList();
        ChartImage with = CurveChart.Render(new CurveChartSpec("t", "", "n", "y", [new CurveSeries("a", "a", null, palette["a"], points)]));
        ChartImage without = CurveChart.Render(new CurveChartSpec("t", "", "n", "y", [new CurveSeries("a", "a", null, palette["a"], points, ShowBand: false)]));
        Assert.Single(with.Plot.GetPlottables().OfType<ScottPlot.Plottables.FillY>());
        Assert.Empty(without.Plot.GetPlottables().OfType<ScottPlot.Plottables.FillY>());
    }

    [Fact]
    public void Reference_strategies_keep_their_style_whatever_else_runs()
    {
        var small = new StrategyPalette(["scratch", "oracle"]);
        var large = new StrategyPalette(["a", "b", "source-only", "scratch", "oracle", "zeta"]);
        Assert.Equal(small["scratch"], large["scratch"]);
        Assert.Equal(small["oracle"], large["oracle"]);
        var styles = new[] { "a", "b", "source-only", "scratch", "oracle", "zeta" }.Select(s => large[s]).ToList();
        Assert.Equal(styles.Count, styles.Select(s => s.Color).Distinct().Count());
    }
}
