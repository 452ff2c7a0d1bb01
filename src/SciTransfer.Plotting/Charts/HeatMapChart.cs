using SciTransfer.Plotting.Axes;
using SciTransfer.Plotting.Styling;
using SciTransfer.Plotting.Svg;

namespace SciTransfer.Plotting.Charts;

/// <summary>
/// Renders a <see cref="HeatMapGrid"/>: one <c>&lt;rect class="cell"&gt;</c> per finite value (NaN
/// cells stay blank), row 0 at the bottom, the plot's aspect ratio following the domain's (clamped),
/// and a colour bar (viridis, or RdBu centred at 0 when <see cref="HeatMapGrid.Diverging"/>).
/// </summary>
public static class HeatMapChart
{
    private const double Width = 900;

    /// <summary>Renders the figure as an SVG document.</summary>
    /// <exception cref="ArgumentException">The grid shape does not match the number of values, or the extents are not increasing.</exception>
    public static string Render(HeatMapGrid figure)
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

        // Fit the domain's aspect ratio (clamped to 1:4..4:1) into the box left of the colour bar.
        const double boxLeft = 92;
        const double boxTop = 62;
        const double boxW = 640;
        const double boxH = 460;
        double aspect = Math.Clamp((figure.XMax - figure.XMin) / (figure.YMax - figure.YMin), 0.25, 4);
        double plotW = Math.Min(boxW, boxH * aspect);
        double plotH = plotW / aspect;
        var area = new PlotArea(boxLeft, boxTop, boxLeft + plotW, boxTop + plotH);

        var x = new LinearAxis(figure.XMin, figure.XMax, area.Left, area.Right);
        var y = new LinearAxis(figure.YMin, figure.YMax, area.Bottom, area.Top);
        ColorMap map = ColorMap.For(figure.Values, figure.Diverging);

        double height = area.Bottom + 64;
        var w = new SvgWriter(Width, height);
        string subtitle = $"{figure.Nx} x {figure.Ny} grid" + (figure.Values.Any(double.IsNaN) ? "; blank cells: outside the domain" : "");
        ChartFrame.Header(w, Width, height, area.Left, figure.Title, subtitle);

        w.Start("g").Attr("class", "cells").Attr("shape-rendering", "crispEdges").Open();
        double dx = (figure.XMax - figure.XMin) / figure.Nx;
        double dy = (figure.YMax - figure.YMin) / figure.Ny;
        for (int row = 0; row < figure.Ny; row++)
        {
            double top = y.Map(figure.YMin + ((row + 1) * dy));
            double bottom = y.Map(figure.YMin + (row * dy));
            for (int col = 0; col < figure.Nx; col++)
            {
                double v = figure.Values[(row * figure.Nx) + col];
                if (!double.IsFinite(v))
                {
                    continue;
                }

                double left = x.Map(figure.XMin + (col * dx));
                double right = x.Map(figure.XMin + ((col + 1) * dx));
                w.Start("rect").Attr("class", "cell").Attr("x", left).Attr("y", top).Attr("width", right - left).Attr("height", bottom - top).Attr("fill", map[v]).Close();
            }
        }

        w.End();
        w.Start("rect").Attr("class", "frame").Attr("x", area.Left).Attr("y", area.Top).Attr("width", area.Width).Attr("height", area.Height)
            .Attr("fill", "none").Attr("stroke", ChartFrame.AxisColor).Close();
        ChartFrame.YAxis(w, y, area, figure.YLabel, grid: false);
        ChartFrame.XTicks(w, x, area, figure.XLabel, grid: false);
        ColorBar(w, map, area.Right + 36, area.Top, area.Height, figure.ColorLabel);
        return w.Finish();
    }

    private static void ColorBar(SvgWriter w, ColorMap map, double left, double top, double height, string title)
    {
        const int steps = 64;
        const double barW = 18;
        var axis = new LinearAxis(map.Min, map.Max, top + height, top, 6);
        w.Start("g").Attr("class", "colorbar").Attr("shape-rendering", "crispEdges").Open();
        for (int i = 0; i < steps; i++)
        {
            double v0 = map.Min + ((map.Max - map.Min) * i / steps);
            double v1 = map.Min + ((map.Max - map.Min) * (i + 1) / steps);
            double yTop = axis.Map(v1);
            w.Start("rect").Attr("class", "colorbar-step").Attr("x", left).Attr("y", yTop).Attr("width", barW).Attr("height", axis.Map(v0) - yTop)
                .Attr("fill", map[(v0 + v1) / 2]).Close();
        }

        w.Start("rect").Attr("x", left).Attr("y", top).Attr("width", barW).Attr("height", height).Attr("fill", "none").Attr("stroke", ChartFrame.AxisColor).Close();
        foreach (Tick t in axis.Ticks)
        {
            double py = axis.Map(t.Value);
            w.Start("line").Attr("x1", left + barW).Attr("y1", py).Attr("x2", left + barW + 4).Attr("y2", py).Attr("stroke", ChartFrame.AxisColor).Close();
            w.Start("text").Attr("class", "ctick").Attr("x", left + barW + 7).Attr("y", py + 4).Text(t.Label);
        }

        double tx = left + barW + 72;
        double ty = top + (height / 2);
        w.Start("text").Attr("class", "ctitle").Attr("x", tx).Attr("y", ty).Attr("text-anchor", "middle").Attr("font-size", 13)
            .Attr("transform", $"rotate(-90 {SvgFormat.Number(tx)} {SvgFormat.Number(ty)})").Text(title);
        w.End();
    }
}
