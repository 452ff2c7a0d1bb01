using ScottPlot;
using SciTransfer.Plotting.Rendering;
using SciTransfer.Plotting.Styling;

namespace SciTransfer.Plotting.Charts;

/// <summary>
/// Draws a <see cref="HeatMapGrid"/> with ScottPlot: row 0 at the bottom, NaN cells transparent, a colour bar
/// titled with the value's label and unit (viridis over [min, max], or RdBu symmetric about 0 when
/// <see cref="HeatMapGrid.Diverging"/>). The image takes the domain's aspect ratio (clamped to 1:4..4:1), so
/// the field fills the canvas instead of floating in white space.
/// </summary>
public static class HeatMapChart
{
    /// <summary>Longest side of the data area in pixels.</summary>
    public const int DataSide = 560;

    private const int PadLeft = 90;
    private const int PadRight = 150;
    private const int PadBottom = 64;

    /// <summary>Builds the chart.</summary>
    /// <exception cref="ArgumentException">The grid shape does not match the number of values, or the extents are not increasing.</exception>
    public static ChartImage Render(HeatMapGrid figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (figure.Nx <= 0 || figure.Ny <= 0 || figure.Values is null || figure.Values.Length != (long)figure.Nx * figure.Ny)
        {
            throw new ArgumentException($"heat map '{figure.Id}': Nx*Ny = {figure.Nx}*{figure.Ny} but Values has {figure.Values?.Length ?? 0} entries.", nameof(figure));
        }

        if (!(figure.XMax > figure.XMin) || !(figure.YMax > figure.YMin) || !double.IsFinite(figure.XMax - figure.XMin) || !double.IsFinite(figure.YMax - figure.YMin))
        {
            throw new ArgumentException($"heat map '{figure.Id}': extents x [{figure.XMin}, {figure.XMax}], y [{figure.YMin}, {figure.YMax}] must be finite and increasing.", nameof(figure));
        }

        double aspect = Math.Clamp((figure.XMax - figure.XMin) / (figure.YMax - figure.YMin), 0.25, 4);
        int dataW = aspect >= 1 ? DataSide : (int)Math.Round(DataSide * aspect);
        int dataH = aspect >= 1 ? (int)Math.Round(DataSide / aspect) : DataSide;
        dataW = Math.Max(dataW, 240);
        int width = PadLeft + dataW + PadRight;

        ColorMap map = ColorMap.For(figure.Values, figure.Diverging);
        int finite = figure.Values.Count(double.IsFinite);
        string subtitle = $"{figure.Nx} x {figure.Ny} grid" + (finite < figure.Values.Length ? "; blank cells: outside the domain" : "");
        var texts = new List<PlacedText>();
        Plot plot = PlotSetup.Create(dataW - 10, figure.Title, subtitle, texts);
        plot.HideGrid();
        PlotSetup.TickFont(plot);
        int titleLines = texts.Count;
        int padTop = 24 + (titleLines * 22);
        int height = padTop + dataH + PadBottom;

        var values = new double[figure.Ny, figure.Nx];
        for (int row = 0; row < figure.Ny; row++)
        {
            for (int col = 0; col < figure.Nx; col++)
            {
                // ScottPlot draws intensity row 0 at the top; our row 0 is at YMin (bottom).
                values[figure.Ny - 1 - row, col] = figure.Values[(row * figure.Nx) + col];
            }
        }

        var hm = plot.Add.Heatmap(values);
        hm.Extent = new CoordinateRect(figure.XMin, figure.XMax, figure.YMin, figure.YMax);
        hm.Colormap = new ScottPlot.Colormaps.CustomInterpolated([.. map.Stops.Select(Color.FromHex)]);
        hm.ManualRange = new ScottPlot.Range(map.Min, map.Max);
        hm.NaNCellColor = Colors.Transparent;
        var bar = plot.Add.ColorBar(hm);
        bar.Label = figure.ColorLabel;
        bar.LabelStyle.FontName = ChartText.FontName;
        bar.LabelStyle.FontSize = ChartText.AxisTitleSize;
        bar.LabelStyle.Bold = false;
        bar.Axis.TickLabelStyle.FontName = ChartText.FontName;
        bar.Axis.TickLabelStyle.FontSize = ChartText.LabelSize;
        texts.Add(new PlacedText(figure.ColorLabel, ChartText.AxisTitleSize, false, dataH));

        PlotSetup.AxisTitle(plot.Axes.Bottom, figure.XLabel, dataW, texts);
        PlotSetup.AxisTitle(plot.Axes.Left, figure.YLabel, dataH, texts);
        plot.Axes.SetLimits(figure.XMin, figure.XMax, figure.YMin, figure.YMax);
        plot.Layout.Fixed(new PixelPadding(PadLeft, PadRight, PadBottom, padTop));
        return new ChartImage(plot, width, height, [], texts, finite == 0 ? "no finite values" : null);
    }
}
