using ScottPlot;
using SciTransfer.Plotting.Rendering;
using SciTransfer.Plotting.Styling;

namespace SciTransfer.Plotting.Charts;

/// <summary>
/// Draws a <see cref="TimeSeriesChartSpec"/> with ScottPlot: each series a line broken at NaN, or markers when
/// <see cref="TimeSeriesLine.Markers"/> is set. Strategy series take the strategy palette; data and physics
/// series take black, wine, teal and olive (Paul Tol). A series with no finite point is left out of the legend
/// and named in the subtitle.
/// </summary>
public static class TimeSeriesChart
{
    /// <summary>Image width in pixels.</summary>
    public const int Width = 900;

    private static readonly SeriesStyle[] DataStyles =
    [
        new("#000000", LineDash.Solid, Styling.MarkerShape.Circle),
        new("#882255", LineDash.Dashed, Styling.MarkerShape.Square),
        new("#44AA99", LineDash.DenselyDashed, Styling.MarkerShape.Diamond),
        new("#999933", LineDash.Dotted, Styling.MarkerShape.TriangleUp),
    ];

    /// <summary>Builds the chart; strategy series take their colour from <paramref name="palette"/>.</summary>
    public static ChartImage Render(TimeSeriesChartSpec figure, StrategyPalette palette, string subtitle = "")
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

        bool Finite(TimeSeriesLine s, int i) => double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i]);
        var drawable = figure.Series.Where(s => Enumerable.Range(0, s.X.Length).Any(i => Finite(s, i))).ToList();
        var empty = figure.Series.Except(drawable).Select(s => s.Name).ToList();
        if (empty.Count > 0)
        {
            subtitle = (subtitle.Length > 0 ? subtitle + "; " : "") + "no data for " + string.Join(", ", empty);
        }

        int height = (int)Math.Max(560, 160 + (drawable.Count * 21));
        float legendWidth = drawable.Count == 0 ? 0 : drawable.Max(s => ChartText.Measure(s.Name, ChartText.LabelSize)) + 70;
        float dataPx = Math.Max(200, Width - 120 - legendWidth);
        var texts = new List<PlacedText>();
        Plot plot = PlotSetup.Create(dataPx - 10, figure.Title, subtitle, texts);
        PlotSetup.TickFont(plot);
        var drawn = new List<DrawnSeries>();
        int dataIndex = 0;
        foreach (TimeSeriesLine s in figure.Series)
        {
            SeriesStyle style = s.Strategy is not null ? palette[s.Strategy] : DataStyles[dataIndex++ % DataStyles.Length];
            if (!drawable.Contains(s))
            {
                continue;
            }

            Color color = PlotSetup.ToColor(style.Color);
            var points = new List<(double, double)>();
            if (s.Markers)
            {
                var idx = Enumerable.Range(0, s.X.Length).Where(i => Finite(s, i)).ToList();
                double[] xs = [.. idx.Select(i => s.X[i])];
                double[] ys = [.. idx.Select(i => s.Y[i])];
                var m = plot.Add.Markers(xs, ys, PlotSetup.ToMarker(style.Marker), 5, color);
                m.LegendText = s.Name;
                points.AddRange(xs.Zip(ys));
            }
            else
            {
                bool labelled = false;
                foreach (int[] piece in Pieces(s, Finite))
                {
                    double[] xs = [.. piece.Select(i => s.X[i])];
                    double[] ys = [.. piece.Select(i => s.Y[i])];
                    var sc = plot.Add.Scatter(xs, ys, color);
                    sc.LineWidth = 1.8f;
                    sc.LinePattern = PlotSetup.ToPattern(style.Dash);
                    // A lone finite point between gaps still shows, as a marker.
                    sc.MarkerSize = piece.Length == 1 ? 6 : 0;
                    if (!labelled)
                    {
                        sc.LegendText = s.Name;
                        labelled = true;
                    }

                    points.AddRange(xs.Zip(ys));
                }
            }

            drawn.Add(new DrawnSeries(s.Name, style.Color, points));
        }

        string? note = null;
        if (drawn.Count == 0)
        {
            note = "no data yet";
            PlotSetup.Note(plot, note);
        }

        PlotSetup.AxisTitle(plot.Axes.Bottom, figure.XLabel, dataPx - 10, texts);
        PlotSetup.AxisTitle(plot.Axes.Left, figure.YLabel, height - 140, texts);
        if (drawn.Count > 0)
        {
            PlotSetup.Legend(plot, drawn.Select(d => d.Label), texts);
        }

        return new ChartImage(plot, Width, height, drawn, texts, note);
    }

    private static IEnumerable<int[]> Pieces(TimeSeriesLine s, Func<TimeSeriesLine, int, bool> finite)
    {
        var piece = new List<int>();
        for (int i = 0; i < s.X.Length; i++)
        {
            if (finite(s, i))
            {
                piece.Add(i);
            }
            else if (piece.Count > 0)
            {
                yield return [.. piece];
                piece.Clear();
            }
        }

        if (piece.Count > 0)
        {
            yield return [.. piece];
        }
    }
}
