using SciTransfer.Plotting.Charts;
using SciTransfer.Plotting.Rendering;
using SciTransfer.Plotting.Styling;

namespace SciTransfer.Plotting.Tests;

public class FigureTests
{
    [Fact]
    public void Heat_map_takes_the_domain_aspect_and_titles_its_colour_bar_with_the_unit()
    {
        HeatMapGrid heat = ChartSamples.HeatMap();
        ChartImage chart = HeatMapChart.Render(heat);
        var png = ChartAssert.Rendered(chart);
        Assert.Contains(chart.Texts, t => t.Text == "temperature (K)");
        Assert.Equal("temperature (K)", chart.Plot.Axes.GetPanels().OfType<ScottPlot.Panels.ColorBar>().Single().Label);
        // A 2:1 domain: the data area is about twice as wide as tall, so little of the canvas is blank.
        var (x0, y0) = chart.PixelOf(heat.XMin, heat.YMin);
        var (x1, y1) = chart.PixelOf(heat.XMax, heat.YMax);
        Assert.InRange((x1 - x0) / (y0 - y1), 1.9, 2.1);
        Assert.True((x1 - x0) * (y0 - y1) / (png.Width * png.Height) > 0.35, "the field fills a good part of the canvas");
    }

    [Fact]
    public void Heat_map_rows_start_at_the_bottom_and_nan_cells_are_blank()
    {
        double[] v = [0, 0, 1, 1];
        ChartImage chart = HeatMapChart.Render(new HeatMapGrid("h", "h", 2, 2, v, 0, 1, 0, 1, "x", "y", "c"));
        var png = PngImage.Decode(chart.Png());
        string low = ColorMap.For(v, false)[0];
        Assert.True(ChartAssert.HasColourNear(png, chart.PixelOf(0.5, 0.25), low, 2), "row 0 (value 0) at the bottom");
        Assert.False(ChartAssert.HasColourNear(png, chart.PixelOf(0.5, 0.75), low, 2));

        ChartImage holes = HeatMapChart.Render(new HeatMapGrid("h", "h", 2, 2, [1, double.NaN, 2, 3], 0, 1, 0, 1, "x", "y", "c"));
        var hp = PngImage.Decode(holes.Png());
        var (px, py) = holes.PixelOf(0.72, 0.27);
        var (r, g, b) = hp[(int)px, (int)py];
        Assert.True(r > 235 && g > 235 && b > 235, "a NaN cell shows the white background");
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
    public void Time_series_draw_every_legend_series_and_break_lines_at_nan()
    {
        TimeSeriesChartSpec spec = ChartSamples.TimeSeries();
        double[] gappy = [.. spec.Series[1].Y];
        gappy[10] = double.NaN;
        spec = spec with { Series = [spec.Series[0], spec.Series[1] with { Y = gappy }, spec.Series[2], new TimeSeriesLine("empty", [1, 2], [double.NaN, double.NaN])] };
        ChartImage chart = TimeSeriesChart.Render(spec, new StrategyPalette(["scratch", "fine-tune"]));
        ChartAssert.Rendered(chart);
        Assert.Equal(["observed", "fine-tune", "scratch"], chart.Series.Select(s => s.Label));
        Assert.Equal(47, chart.Series[1].Points.Count);
        Assert.Equal(2, chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Count(s => s.Color.ToHex().Equals("#0072B2", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(chart.Texts, t => t.Text.Contains("no data for empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Png_and_svg_files_are_written_side_by_side()
    {
        string dir = Path.Combine(Path.GetTempPath(), "scitransfer-plot-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (png, svg) = HeatMapChart.Render(ChartSamples.HeatMap()).Save(Path.Combine(dir, "sub", "heat"));
            Assert.EndsWith("heat.png", png, StringComparison.Ordinal);
            Assert.Equal(0x89, File.ReadAllBytes(png)[0]);
            Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
