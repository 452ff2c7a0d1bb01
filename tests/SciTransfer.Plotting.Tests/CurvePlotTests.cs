using System.Globalization;
using SciTransfer.Plotting.Charts;
using SciTransfer.Plotting.Styling;

namespace SciTransfer.Plotting.Tests;

public class CurvePlotTests
{
    [Fact]
    public void Bands_are_split_where_the_interval_is_nan_and_absent_without_intervals()
    {
        var points = new List<CurvePoint>
        {
            new(1, 2.0, 1.5, 2.5), new(2, 1.8, 1.4, 2.2), new(4, 1.6, 1.3, 1.9),
            new(8, 1.5, double.NaN, double.NaN),
            new(16, 1.4, 1.2, 1.6), new(32, 1.3, 1.1, 1.5),
        };
        var noCi = points.Select(p => p with { Low = double.NaN, High = double.NaN }).ToList();
        var spec = new CurveChartSpec("t", "", "n", "y", [
            new CurveSeries("a", "a", null, StrategyPalette.Cycle(0), points),
            new CurveSeries("b", "b", null, StrategyPalette.Cycle(1), noCi)]);
        string svg = CurveChart.Render(spec);
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        var doc = new SvgDocument(svg);
        var a = doc.SeriesGroups().Single(g => g.Attribute("data-strategy")!.Value == "a");
        var b = doc.SeriesGroups().Single(g => g.Attribute("data-strategy")!.Value == "b");
        var bands = a.Descendants().Where(e => e.Attribute("class")?.Value == "band").ToList();
        Assert.Equal(2, bands.Count);
        double x8 = MarkerX(a.Descendants().Single(e => e.Attribute("data-n")?.Value == "8"));
        Assert.All(bands.SelectMany(p => SvgDocument.PathXs(p.Attribute("d")!.Value)), x => Assert.NotEqual(x8, x, 1));
        Assert.DoesNotContain(b.Descendants(), e => (e.Attribute("class")?.Value ?? "").StartsWith("band", StringComparison.Ordinal));
        Assert.Equal(6, b.Descendants().Count(e => e.Attribute("class")?.Value == "marker"));
    }

    [Fact]
    public void A_nan_mean_breaks_the_line_into_two_pieces()
    {
        var points = new List<CurvePoint> { new(1, 2, 1, 3), new(2, 1.5, 1, 2), new(4, double.NaN, double.NaN, double.NaN), new(8, 1.2, 1, 1.4), new(16, 1.1, 1, 1.2) };
        var doc = new SvgDocument(CurveChart.Render(new CurveChartSpec("t", "", "n", "y", [new CurveSeries("a", "a", null, StrategyPalette.Cycle(0), points)])));
        string d = doc.WithClass("line").Single().Attribute("d")!.Value;
        Assert.Equal(2, d.Count(c => c == 'M'));
    }

    [Fact]
    public void Errors_spanning_decades_get_a_log_y_axis_with_readable_ticks()
    {
        var points = new[] { 1, 4, 16, 64, 256 }.Select(n => new CurvePoint(n, 10.0 / n, 8.0 / n, 12.0 / n)).ToList();
        var doc = new SvgDocument(CurveChart.Render(new CurveChartSpec("t", "", "n", "error", [new CurveSeries("a", "a", null, StrategyPalette.Cycle(0), points)])));
        Assert.Contains("log y axis", doc.WithClass("subtitle").Single().Value, StringComparison.Ordinal);
        var ticks = doc.WithClass("ytick").Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(ticks.Count, 3, 11);
        Assert.Contains(0.1, ticks);
        Assert.Contains(1.0, ticks);
        var ys = doc.WithClass("ytick").Select(t => SvgDocument.Num(t, "y")).ToList();
        Assert.True(ys.Zip(ys.Skip(1)).All(p => p.Second < p.First), "larger values must sit higher");
    }

    [Fact]
    public void Reference_strategies_keep_their_style_whatever_else_runs()
    {
        var small = new StrategyPalette(["scratch", "oracle"]);
        var large = new StrategyPalette(["a", "b", "source-only", "scratch", "oracle", "zeta"]);
        Assert.Equal(small["scratch"], large["scratch"]);
        Assert.Equal(small["oracle"], large["oracle"]);
        Assert.Equal("#000000", large["scratch"].Color);
        var styles = new[] { "a", "b", "source-only", "scratch", "oracle", "zeta" }.Select(s => large[s]).ToList();
        Assert.Equal(styles.Count, styles.Distinct().Count());
        Assert.Equal(styles.Count, styles.Select(s => s.Color).Distinct().Count());
    }

    private static double MarkerX(System.Xml.Linq.XElement m) => m.Name.LocalName switch
    {
        "circle" => SvgDocument.Num(m, "cx"),
        "rect" => SvgDocument.Num(m, "x") + (SvgDocument.Num(m, "width") / 2),
        _ => SvgDocument.PathXs(m.Attribute("d")!.Value)[0],
    };

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
}
