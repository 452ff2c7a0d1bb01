using SciTransfer.Plotting.Charts;
using SciTransfer.Plotting.Styling;

namespace SciTransfer.Plotting.Tests;

public class FigureTests
{
    [Fact]
    public void Heat_map_draws_one_cell_per_finite_value_and_leaves_nan_cells_blank()
    {
        var heat = ChartSamples.HeatMap();
        var doc = new SvgDocument(HeatMapChart.Render(heat));
        var cells = doc.WithClass("cell");
        Assert.Equal(heat.Values.Count(double.IsFinite), cells.Count);
        Assert.True(cells.Count < heat.Nx * heat.Ny, "the sample has NaN cells");
        Assert.Equal(64, doc.WithClass("colorbar-step").Count);
        Assert.Contains(doc.All("text"), t => t.Value == "temperature (K)");
    }

    [Fact]
    public void Heat_map_rows_start_at_the_bottom()
    {
        double[] v = [0, 0, 1, 1];
        var doc = new SvgDocument(HeatMapChart.Render(new HeatMapGrid("h", "h", 2, 2, v, 0, 1, 0, 1, "x", "y", "c")));
        var cells = doc.WithClass("cell");
        string low = ColorMap.For(v, false)[0];
        var lowCells = cells.Where(c => c.Attribute("fill")!.Value == low).ToList();
        var highCells = cells.Where(c => c.Attribute("fill")!.Value != low).ToList();
        Assert.Equal(2, lowCells.Count);
        Assert.All(lowCells, l => Assert.All(highCells, h => Assert.True(SvgDocument.Num(l, "y") > SvgDocument.Num(h, "y"))));
    }

    [Fact]
    public void Colour_maps_span_the_data_and_the_diverging_one_is_white_at_zero()
    {
        var diverging = ColorMap.For([-1, 3, double.NaN], diverging: true);
        Assert.Equal(-3, diverging.Min);
        Assert.Equal(3, diverging.Max);
        Assert.Equal("#f7f7f7", diverging[0]);
        var sequential = ColorMap.For([2, 5, double.NaN], diverging: false);
        Assert.Equal("#440154", sequential[2]);
        Assert.Equal("#fde725", sequential[5]);
    }

    [Fact]
    public void Heat_map_with_the_wrong_number_of_values_names_the_figure()
    {
        var bad = new HeatMapGrid("bad-map", "t", 3, 2, new double[5], 0, 1, 0, 1, "x", "y", "c");
        var ex = Assert.Throws<ArgumentException>(() => HeatMapChart.Render(bad));
        Assert.Contains("bad-map", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3*2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_series_draw_markers_for_observations_and_lines_for_models()
    {
        var doc = new SvgDocument(TimeSeriesChart.Render(ChartSamples.TimeSeries(), new StrategyPalette(["scratch", "fine-tune"])));
        var observed = doc.All("g").Single(g => g.Attribute("data-series")?.Value == "observed");
        Assert.Null(observed.Attribute("data-strategy"));
        Assert.Equal(48, observed.Descendants().Count(e => e.Attribute("class")?.Value == "marker"));
        Assert.DoesNotContain(observed.Descendants(), e => e.Attribute("class")?.Value == "line");
        var scratch = doc.SeriesGroups().Single(g => g.Attribute("data-strategy")!.Value == "scratch");
        Assert.Single(scratch.Descendants(), e => e.Attribute("class")?.Value == "line");
    }
}
