using ScottPlot;
using SciTransfer.Plotting.Axes;
using SciTransfer.Plotting.Rendering;

namespace SciTransfer.Plotting.Charts;

/// <summary>
/// Draws curves over the target-size axis (<see cref="ScarcityScale"/>) with ScottPlot: per series its
/// 95 % band (where both ends are finite and the series asks for one), its line (broken at NaN means) with
/// markers, and at n = 0 a marker with a whisker in its own column left of the axis break. The legend sits
/// right of the data area and names only series that drew at least one point; the others are named in the
/// subtitle. A chart with no point at all says so in the middle.
/// </summary>
public static class CurveChart
{
    /// <summary>Default image width in pixels.</summary>
    public const int Width = 900;

    /// <summary>Minimum image height in pixels (taller when the legend needs it).</summary>
    public const int MinHeight = 600;

    private const float LegendRow = 21;

    /// <summary>Builds the chart.</summary>
    public static ChartImage Render(CurveChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var drawable = spec.Series.Where(s => s.Points.Any(p => p.N >= 0 && double.IsFinite(p.Mean) && (p.N == 0 || p.N > 0))).ToList();
        var empty = spec.Series.Except(drawable).Select(s => s.Label).ToList();
        string subtitle = empty.Count == 0 ? spec.Subtitle : Join(spec.Subtitle, "no data yet for " + string.Join(", ", empty));
        int height = (int)Math.Max(MinHeight, 160 + (drawable.Count * LegendRow));
        float legendWidth = drawable.Count == 0 ? 0 : drawable.Max(s => ChartText.Measure(s.Label, ChartText.LabelSize)) + 70;
        float dataPx = Math.Max(200, Width - 120 - legendWidth);
        var texts = new List<PlacedText>();
        Plot plot = PlotSetup.Create(dataPx - 10, spec.Title, subtitle, texts);
        PlotSetup.TickFont(plot);
        int zeroSeries = drawable.Count(s => s.Points.Any(p => p.N == 0 && double.IsFinite(p.Mean)));
        var scale = new ScarcityScale(spec.Series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.Mean)).Select(p => p.N), zeroSeries, dataPx);

        var finiteMeans = drawable.SelectMany(s => s.Points).Select(p => p.Mean).Where(double.IsFinite).ToList();
        bool logY = spec.AllowLogY && finiteMeans.Count > 1 && finiteMeans.All(m => m > 0) && finiteMeans.Max() / finiteMeans.Min() >= 20;
        (double y0, double y1) = YRange(spec, drawable, logY);
        double T(double v) => logY ? (v > 0 ? Math.Log10(v) : y0) : v;
        double Clip(double v) => Math.Clamp(T(v), y0, y1);

        var drawn = new List<DrawnSeries>();
        int zeroSlot = 0;
        foreach (CurveSeries s in drawable)
        {
            Color color = PlotSetup.ToColor(s.Style.Color);
            var pts = s.Points.Where(p => p.N > 0).OrderBy(p => p.N).ToList();
            bool band = spec.DrawBands && s.ShowBand;
            if (band)
            {
                DrawBand(plot, pts, color, Clip);
            }

            bool labelled = false;
            var points = new List<(double, double)>();
            foreach (List<CurvePoint> piece in Pieces(pts))
            {
                double[] xs = [.. piece.Select(p => ScarcityScale.Map(p.N))];
                double[] ys = [.. piece.Select(p => T(p.Mean))];
                var sc = plot.Add.Scatter(xs, ys, color);
                Style(sc, s);
                if (!labelled)
                {
                    sc.LegendText = s.Label;
                    labelled = true;
                }

                points.AddRange(xs.Zip(ys));
            }

            CurvePoint? zero = s.Points.FirstOrDefault(p => p.N == 0 && double.IsFinite(p.Mean));
            if (zero is not null)
            {
                double x = scale.ZeroSlot(zeroSlot++);
                if (band && double.IsFinite(zero.Low) && double.IsFinite(zero.High))
                {
                    var eb = Whisker(plot, x, T(zero.Mean), Clip(zero.Low), Clip(zero.High));
                    eb.LineColor = color;
                    eb.LineWidth = 1.5f;
                    eb.CapSize = 6;
                }

                var m = plot.Add.Marker(x, T(zero.Mean), PlotSetup.ToMarker(s.Style.Marker), 9, color);
                if (!labelled)
                {
                    m.LegendText = s.Label;
                }

                points.Add((x, T(zero.Mean)));
            }

            drawn.Add(new DrawnSeries(s.Label, s.Style.Color, points));
        }

        if (spec.ReferenceY is double r && T(r) >= y0 && T(r) <= y1)
        {
            var line = plot.Add.HorizontalLine(T(r), 1.2f, Color.FromHex("#888888"), LinePattern.Dashed);
            line.LegendText = "";
        }

        if (scale.HasZero && !double.IsNaN(scale.Break))
        {
            plot.Add.VerticalLine(scale.Break, 1.2f, Color.FromHex("#999999"), LinePattern.Dashed);
            var brk = plot.Add.Text("//", scale.Break, y0);
            brk.LabelFontName = ChartText.FontName;
            brk.LabelFontSize = ChartText.LabelSize;
            brk.LabelFontColor = Color.FromHex("#666666");
            brk.LabelAlignment = Alignment.LowerCenter;
        }

        string? note = null;
        if (drawn.Count == 0)
        {
            note = spec.EmptyNote;
            PlotSetup.Note(plot, note);
            texts.Add(new PlacedText(note, ChartText.SubtitleSize, false, dataPx));
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (AxisTick t in scale.Ticks)
        {
            ticks.AddMajor(t.Position, t.Label);
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        if (logY)
        {
            plot.Axes.Left.TickGenerator = LogTicks(y0, y1);
        }

        PlotSetup.AxisTitle(plot.Axes.Bottom, spec.XTitle, dataPx, texts);
        PlotSetup.AxisTitle(plot.Axes.Left, logY ? spec.YTitle + ", log scale" : spec.YTitle, height - 140, texts);
        plot.Axes.SetLimits(scale.Min, scale.Max, y0, y1);
        if (drawn.Count > 0)
        {
            PlotSetup.Legend(plot, drawn.Select(d => d.Label), texts);
        }

        return new ChartImage(plot, Width, height, drawn, texts, note);
    }

    /// <summary>Log-axis ticks (plot coordinates log10 v) at 1, 2, 5 x 10^k, or decades only when those are too many.</summary>
    internal static ScottPlot.TickGenerators.NumericManual LogTicks(double y0, double y1)
    {
        var gen = new ScottPlot.TickGenerators.NumericManual();
        var values = new List<double>();
        for (int k = (int)Math.Floor(y0) - 1; k <= (int)Math.Ceiling(y1); k++)
        {
            foreach (double m in new[] { 1.0, 2.0, 5.0 })
            {
                double v = m * Math.Pow(10, k);
                if (Math.Log10(v) >= y0 - 1e-9 && Math.Log10(v) <= y1 + 1e-9)
                {
                    values.Add(v);
                }
            }
        }

        if (values.Count > 10)
        {
            values = values.Where(v => Math.Abs(Math.Log10(v) - Math.Round(Math.Log10(v))) < 1e-9).ToList();
        }

        foreach (double v in values)
        {
            gen.AddMajor(Math.Log10(v), TickFormat.Significant(v, 3));
        }

        return gen;
    }

    private static void Style(ScottPlot.Plottables.Scatter sc, CurveSeries s)
    {
        sc.LineWidth = 2;
        sc.LinePattern = PlotSetup.ToPattern(s.Style.Dash);
        sc.MarkerShape = PlotSetup.ToMarker(s.Style.Marker);
        sc.MarkerSize = 8;
    }

    private static void DrawBand(Plot plot, List<CurvePoint> pts, Color color, Func<double, double> clip)
    {
        var run = new List<CurvePoint>();
        void Flush()
        {
            if (run.Count >= 2)
            {
                var fill = plot.Add.FillY([.. run.Select(p => ScarcityScale.Map(p.N))], [.. run.Select(p => clip(p.Low))], [.. run.Select(p => clip(p.High))]);
                fill.FillColor = color.WithAlpha(0.16);
                fill.LineWidth = 0;
            }
            else if (run.Count == 1)
            {
                CurvePoint p = run[0];
                double mid = clip(p.Mean);
                var eb = Whisker(plot, ScarcityScale.Map(p.N), mid, clip(p.Low), clip(p.High));
                eb.LineColor = color;
                eb.CapSize = 5;
            }

            run.Clear();
        }

        foreach (CurvePoint p in pts)
        {
            if (double.IsFinite(p.Mean) && double.IsFinite(p.Low) && double.IsFinite(p.High))
            {
                run.Add(p);
            }
            else
            {
                Flush();
            }
        }

        Flush();
    }

    private static ScottPlot.Plottables.ErrorBar Whisker(Plot plot, double x, double mid, double low, double high)
    {
        var eb = plot.Add.ErrorBar([x], [mid], [0.0]);
        eb.YErrorNegative = [Math.Max(0, mid - low)];
        eb.YErrorPositive = [Math.Max(0, high - mid)];
        return eb;
    }

    private static IEnumerable<List<CurvePoint>> Pieces(List<CurvePoint> pts)
    {
        var piece = new List<CurvePoint>();
        foreach (CurvePoint p in pts)
        {
            if (double.IsFinite(p.Mean))
            {
                piece.Add(p);
            }
            else if (piece.Count > 0)
            {
                yield return piece;
                piece = [];
            }
        }

        if (piece.Count > 0)
        {
            yield return piece;
        }
    }

    /// <summary>
    /// The y range in plot coordinates: the means, widened by the drawn bands by at most 60 % of the means' span
    /// on each side (two repeats give intervals of +-12.7 std that would flatten every curve), kept inside the
    /// metric's own range and non-negative when every mean is.
    /// </summary>
    private static (double Lo, double Hi) YRange(CurveChartSpec spec, List<CurveSeries> series, bool logY)
    {
        double T(double v) => logY ? Math.Log10(v) : v;
        var means = series.SelectMany(s => s.Points).Select(p => p.Mean).Where(double.IsFinite).Select(T).ToList();
        if (means.Count == 0)
        {
            return (0, 1);
        }

        double lo = means.Min(), hi = means.Max();
        double span = hi - lo;
        if (span <= Math.Abs(hi) * 1e-9)
        {
            span = Math.Abs(hi) > 0 ? Math.Abs(hi) * 0.2 : 1;
            lo -= span / 2;
            hi += span / 2;
        }

        if (spec.DrawBands)
        {
            var ends = series.Where(s => s.ShowBand).SelectMany(s => s.Points).Where(p => double.IsFinite(p.Mean))
                .SelectMany(p => new[] { p.Low, p.High }).Where(v => double.IsFinite(v) && (!logY || v > 0)).Select(T).ToList();
            if (ends.Count > 0)
            {
                lo = Math.Min(lo, Math.Max(ends.Min(), lo - (0.6 * span)));
                hi = Math.Max(hi, Math.Min(ends.Max(), hi + (0.6 * span)));
            }
        }

        double pad = (hi - lo) * 0.06;
        lo -= pad;
        hi += pad;
        bool nonNegative = series.SelectMany(s => s.Points).Select(p => p.Mean).Where(double.IsFinite).All(m => m >= 0);
        if (!logY && nonNegative && lo < 0)
        {
            lo = Math.Max(lo, -pad);
        }

        if (!logY && double.IsFinite(spec.YMin))
        {
            lo = Math.Max(lo, spec.YMin - pad);
        }

        if (!logY && double.IsFinite(spec.YMax))
        {
            hi = Math.Min(hi, spec.YMax + pad);
        }

        return (lo, hi);
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : $"{a}; {b}";
}
