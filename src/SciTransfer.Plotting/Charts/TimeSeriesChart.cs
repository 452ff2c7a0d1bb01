using SciTransfer.Plotting.Axes;
using SciTransfer.Plotting.Styling;
using SciTransfer.Plotting.Svg;

namespace SciTransfer.Plotting.Charts;

/// <summary>
/// Renders a (merged) <see cref="TimeSeriesChartSpec"/>: each series a <c>&lt;g class="series"&gt;</c>
/// with <c>data-series</c> (and <c>data-strategy</c> when it comes from a strategy), drawn as a line
/// broken at NaN or as markers when <see cref="TimeSeriesLine.Markers"/> is set.
/// </summary>
public static class TimeSeriesChart
{
    private const double Width = 900;
    private const double MinHeight = 520;

    /// <summary>Series not made by a strategy (data, physics): Paul Tol colours, apart from the strategy palette.</summary>
    private static readonly SeriesStyle[] DataStyles =
    [
        new("#000000", "", MarkerShape.Circle),
        new("#882255", "6 3", MarkerShape.Square),
        new("#44AA99", "2 2", MarkerShape.Diamond),
        new("#999933", "8 3 2 3", MarkerShape.TriangleUp),
    ];

    /// <summary>Renders the figure; strategy series take their colour from <paramref name="palette"/>.</summary>
    public static string Render(TimeSeriesChartSpec figure, StrategyPalette palette, string subtitle = "")
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(palette);
        foreach (TimeSeriesLine s in figure.Series)
        {
            if (s.X.Length != s.Y.Length)
            {
                throw new ArgumentException($"time series '{figure.Id}', series '{s.Name}': X has {s.X.Length} values but Y has {s.Y.Length}.", nameof(figure));
            }
        }

        var styles = new List<SeriesStyle>();
        int dataIndex = 0;
        foreach (TimeSeriesLine s in figure.Series)
        {
            styles.Add(s.Strategy is not null ? palette[s.Strategy] : DataStyles[dataIndex++ % DataStyles.Length]);
        }

        double legendWidth = Legend.WidthFor(figure.Series.Select(s => s.Name));
        double height = Math.Max(MinHeight, 80 + (figure.Series.Count * Legend.Row) + 40);
        var area = new PlotArea(92, 62, Width - legendWidth - 18, height - 62);

        var finite = figure.Series.SelectMany(s => s.X.Zip(s.Y)).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToList();
        (double x0, double x1) = LinearAxis.Range(finite.Select(p => p.First), 0.02);
        (double y0, double y1) = LinearAxis.Range(finite.Select(p => p.Second), 0.05);
        var x = new LinearAxis(x0, x1, area.Left, area.Right);
        var y = new LinearAxis(y0, y1, area.Bottom, area.Top);

        var w = new SvgWriter(Width, height);
        ChartFrame.Header(w, Width, height, area.Left, figure.Title, subtitle);
        ChartFrame.YAxis(w, y, area, figure.YLabel, grid: true);
        ChartFrame.XTicks(w, x, area, figure.XLabel, grid: true);
        ChartFrame.XLine(w, area);

        for (int i = 0; i < figure.Series.Count; i++)
        {
            DrawSeries(w, figure.Series[i], styles[i], x, y);
        }

        Legend.Draw(w, figure.Series.Select((s, i) => new LegendEntry(s.Name, styles[i], ShowLine: !s.Markers, ShowMarker: s.Markers)).ToList(), area.Right + 18, area.Top);
        return w.Finish();
    }

    private static void DrawSeries(SvgWriter w, TimeSeriesLine s, SeriesStyle style, LinearAxis x, LinearAxis y)
    {
        w.Start("g").Attr("class", "series").Attr("data-series", s.Name);
        if (s.Strategy is not null)
        {
            w.Attr("data-strategy", s.Strategy);
        }

        w.Open();
        if (s.Markers)
        {
            for (int i = 0; i < s.X.Length; i++)
            {
                if (double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i]))
                {
                    Markers.Draw(w, style.Marker, x.Map(s.X[i]), y.Map(s.Y[i]), 2.6, style.Color, "marker");
                }
            }
        }
        else
        {
            var path = new PathBuilder();
            bool penDown = false;
            for (int i = 0; i < s.X.Length; i++)
            {
                if (!double.IsFinite(s.X[i]) || !double.IsFinite(s.Y[i]))
                {
                    penDown = false;
                    continue;
                }

                if (penDown)
                {
                    path.LineTo(x.Map(s.X[i]), y.Map(s.Y[i]));
                }
                else
                {
                    path.MoveTo(x.Map(s.X[i]), y.Map(s.Y[i]));
                    penDown = true;
                }
            }

            if (!path.IsEmpty)
            {
                w.Start("path").Attr("class", "line").Attr("d", path.ToString()).Attr("fill", "none").Attr("stroke", style.Color).Attr("stroke-width", 1.6);
                if (style.Dash.Length > 0)
                {
                    w.Attr("stroke-dasharray", style.Dash);
                }

                w.Attr("stroke-linejoin", "round").Close();
            }
        }

        w.End();
    }
}
