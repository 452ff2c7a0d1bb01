using SciTransfer.Plotting.Styling;
using SciTransfer.Transfer.Reporting;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Tests.Reporting;

public class ScarcityPlotTests
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

    private static double MarkerX(System.Xml.Linq.XElement m) => m.Name.LocalName switch
    {
        "circle" => SvgDocument.Num(m, "cx"),
        "rect" => SvgDocument.Num(m, "x") + (SvgDocument.Num(m, "width") / 2),
        _ => SvgDocument.PathXs(m.Attribute("d")!.Value)[0],
    };

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
