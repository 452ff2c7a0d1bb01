using System.Globalization;
using SciTransfer.Plotting.Axes;
using SciTransfer.Plotting.Charts;
using SciTransfer.Plotting.Report;
using SciTransfer.Plotting.Styling;

namespace SciTransfer.Plotting.Tests;

public class CurvePlotTests
{
    private static readonly StrategyPalette Palette = new(["scratch", "source-only", "fine-tune", "oracle", "overfit"]);

    [Fact]
    public void Scarcity_plot_parses_as_xml_with_one_series_group_per_strategy()
    {
        var input = SampleStudy.Input();
        var problem = input.Problems[0];
        var doc = new SvgDocument(ScarcityPlot.Render(problem, SampleStudy.Rmse, input.Summary, Palette));
        var groups = doc.SeriesGroups();
        Assert.Equal(problem.Strategies, groups.Select(g => g.Attribute("data-strategy")!.Value));
        foreach (var g in groups)
        {
            int rowsOfStrategy = input.Summary.Count(r => r.Problem == problem.Id && r.Metric == "rmse" && r.Strategy == g.Attribute("data-strategy")!.Value);
            Assert.Equal(rowsOfStrategy, g.Descendants().Count(e => e.Attribute("class")?.Value == "marker"));
        }

        Assert.Contains(doc.All("text"), t => t.Value == "rmse (K), lower is better");
        Assert.Contains(doc.All("text"), t => t.Value == "target samples (log scale)");
        Assert.Equal(problem.Strategies, doc.All("g").Where(g => g.Attribute("data-legend") is not null).Select(g => g.Attribute("data-legend")!.Value));
    }

    [Fact]
    public void Higher_is_better_metrics_say_so_in_the_y_title()
    {
        Assert.Equal("r2, higher is better", ScarcityPlot.YTitle(SampleStudy.R2));
    }

    [Fact]
    public void N_zero_is_drawn_left_of_the_axis_break_and_not_joined_to_the_line()
    {
        var input = SampleStudy.Input();
        string svg = ScarcityPlot.Render(input.Problems[0], SampleStudy.Rmse, input.Summary, Palette);
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", svg, StringComparison.Ordinal);
        var doc = new SvgDocument(svg);
        Assert.Equal("0", doc.WithClass("xtick").First().Value);
        double breakX = SvgDocument.Num(doc.WithClass("break-divider").Single(), "x1");
        var fine = doc.SeriesGroups().Single(g => g.Attribute("data-strategy")!.Value == "fine-tune");
        var markers = fine.Descendants().Where(e => e.Attribute("class")?.Value == "marker").ToList();
        double zeroX = MarkerX(markers.Single(m => m.Attribute("data-n")!.Value == "0"));
        Assert.True(zeroX < breakX);
        Assert.All(markers.Where(m => m.Attribute("data-n")!.Value != "0"), m => Assert.True(MarkerX(m) > breakX));
        string line = fine.Descendants().Single(e => e.Attribute("class")?.Value == "line").Attribute("d")!.Value;
        Assert.All(SvgDocument.PathXs(line), x => Assert.True(x > breakX));
    }

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
    public void Retention_plot_has_one_group_per_problem_and_strategy_and_a_reference_line_at_one()
    {
        var input = SampleStudy.Input();
        var doc = new SvgDocument(RetentionPlot.Render("shift", input.Problems, input.Summary, Palette));
        var keys = doc.SeriesGroups().Select(g => (g.Attribute("data-problem")!.Value, g.Attribute("data-strategy")!.Value)).ToList();
        var expected = input.Problems.SelectMany(p => p.Strategies.Select(s => (p.Id, s))).ToList();
        Assert.Equal(expected, keys);
        Assert.Single(doc.WithClass("reference"));
        Assert.Empty(doc.WithClass("band"));
    }

    [Fact]
    public void Retention_legend_drops_the_id_prefix_the_problems_share()
    {
        var input = SampleStudy.Input();
        var renamed = input.Problems.Select(p => p with { Id = "quantum/digits/" + p.Id.Replace('/', '-') }).ToList();
        var rows = input.Summary.Select(r => r with { Problem = "quantum/digits/" + r.Problem.Replace('/', '-') }).ToList();
        string svg = RetentionPlot.Render("g", renamed, rows, Palette);
        string first = renamed[0].Id["quantum/digits/".Length..];
        Assert.Contains($">{first} / {renamed[0].Strategies[0]}<", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(">quantum/digits/", svg, StringComparison.Ordinal);
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
}
