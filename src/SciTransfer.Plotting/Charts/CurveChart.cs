using System.Globalization;
using SciTransfer.Plotting.Axes;
using SciTransfer.Plotting.Svg;

namespace SciTransfer.Plotting.Charts;

/// <summary>
/// Renders curves over the target-size axis (<see cref="ScarcityAxis"/>): per series a
/// <c>&lt;g class="series" data-strategy="..."&gt;</c> holding its 95 % band (skipped where an end is
/// NaN; a single point gets a whisker), its line (broken at NaN means; n = 0 is a lone marker left of
/// the axis break) and its markers; a legend on the right.
/// </summary>
public static class CurveChart
{
    private const double Width = 900;
    private const double MinHeight = 560;

    /// <summary>Renders the chart as an SVG document.</summary>
    public static string Render(CurveChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double legendWidth = Legend.WidthFor(spec.Series.Select(s => s.Label));
        double height = Math.Max(MinHeight, 80 + (spec.Series.Count * Legend.Row) + 40);
        var area = new PlotArea(92, 62, Width - legendWidth - 18, height - 62);

        var sizes = spec.Series.SelectMany(s => s.Points).Select(p => p.N).Where(n => n >= 0).DefaultIfEmpty(1);
        var x = new ScarcityAxis(sizes, area.Left + 6, area.Right - 12);
        IAxis y = MakeYAxis(spec, area, out bool logY);

        var w = new SvgWriter(Width, height);
        string subtitle = logY ? Join(spec.Subtitle, "log y axis") : spec.Subtitle;
        ChartFrame.Header(w, Width, height, area.Left, spec.Title, subtitle);
        ChartFrame.YAxis(w, y, area, spec.YTitle, grid: true);
        ChartFrame.XTicks(w, x, area, spec.XTitle, grid: true, x.Ticks.Where(t => t.Value > 0));
        DrawXLine(w, x, area);

        if (spec.ReferenceY is double refY && y.CanShow(refY) && refY >= y.Min && refY <= y.Max)
        {
            double py = y.Map(refY);
            w.Start("line").Attr("class", "reference").Attr("x1", area.Left).Attr("y1", py).Attr("x2", area.Right).Attr("y2", py)
                .Attr("stroke", "#888888").Attr("stroke-dasharray", "5 4").Close();
        }

        // Series at n = 0 share one column: spread them a little so equal values stay visible.
        double dodge = spec.Series.Count > 1 ? Math.Min(5, 16.0 / (spec.Series.Count - 1)) : 0;
        for (int i = 0; i < spec.Series.Count; i++)
        {
            DrawSeries(w, spec.Series[i], x, y, spec.DrawBands, (i - ((spec.Series.Count - 1) / 2.0)) * dodge);
        }

        Legend.Draw(w, spec.Series.Select(s => new LegendEntry(s.Label, s.Style)).ToList(), area.Right + 18, area.Top);
        return w.Finish();
    }

    private static IAxis MakeYAxis(CurveChartSpec spec, PlotArea a, out bool logY)
    {
        var means = spec.Series.SelectMany(s => s.Points).Select(p => p.Mean).Where(double.IsFinite).ToList();
        var bands = spec.DrawBands
            ? spec.Series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.Mean)).SelectMany(p => new[] { p.Low, p.High }).Where(double.IsFinite).ToList()
            : new List<double>();
        if (spec.ReferenceY is double r)
        {
            means.Add(r);
        }

        bool useLog = spec.AllowLogY && means.Count > 1 && means.All(v => v > 0) && means.Max() / means.Min() >= 20;
        logY = useLog;
        Func<double, double> fwd = useLog ? Math.Log10 : v => v;
        var tMeans = means.Select(fwd).ToList();
        var tBands = bands.Where(v => !useLog || v > 0).Select(fwd).ToList();

        (double lo, double hi) = tMeans.Count == 0 ? (0.0, 1.0) : (tMeans.Min(), tMeans.Max());
        double span = hi - lo;
        if (span <= 1e-12 * (Math.Abs(hi) + 1))
        {
            span = logY ? 0.3 : (hi == 0 ? 1 : Math.Abs(hi) * 0.1);
        }

        // Bands may widen the range, but by at most 60 % of the means' span on each side: with two
        // repeats the Student-t interval is wide enough to flatten every curve otherwise. Bands are
        // clamped to the range when drawn.
        double bandLo = tBands.Count > 0 ? Math.Min(lo, tBands.Min()) : lo;
        double bandHi = tBands.Count > 0 ? Math.Max(hi, tBands.Max()) : hi;
        double min = Math.Max(bandLo, lo - (0.6 * span));
        double max = Math.Min(bandHi, hi + (0.6 * span));
        if (max - min < span)
        {
            double mid = (max + min) / 2;
            min = mid - (span / 2);
            max = mid + (span / 2);
        }

        double pad = (max - min) * 0.05;
        min -= pad;
        max += pad;
        if (logY)
        {
            return new LogAxis(Math.Pow(10, min), Math.Pow(10, max), a.Bottom, a.Top);
        }

        // A non-negative metric keeps a non-negative axis when the padding alone crossed zero.
        if (min < 0 && means.Count > 0 && means.All(v => v >= 0) && bands.All(v => v >= 0))
        {
            min = 0;
        }

        return new LinearAxis(min, max, a.Bottom, a.Top);
    }

    private static void DrawXLine(SvgWriter w, ScarcityAxis x, PlotArea a)
    {
        if (!x.HasBreak)
        {
            ChartFrame.XLine(w, a);
            return;
        }

        double b = x.BreakPixel;
        w.Start("line").Attr("x1", a.Left).Attr("y1", a.Bottom).Attr("x2", b - 4).Attr("y2", a.Bottom).Attr("stroke", ChartFrame.AxisColor).Close();
        w.Start("line").Attr("x1", b + 4).Attr("y1", a.Bottom).Attr("x2", a.Right).Attr("y2", a.Bottom).Attr("stroke", ChartFrame.AxisColor).Close();
        w.Start("g").Attr("class", "axis-break").Attr("stroke", ChartFrame.AxisColor).Attr("stroke-width", 1.2).Open();
        w.Start("line").Attr("x1", b - 7).Attr("y1", a.Bottom + 6).Attr("x2", b - 1).Attr("y2", a.Bottom - 6).Close();
        w.Start("line").Attr("x1", b + 1).Attr("y1", a.Bottom + 6).Attr("x2", b + 7).Attr("y2", a.Bottom - 6).Close();
        w.End();
        w.Start("line").Attr("class", "break-divider").Attr("x1", b).Attr("y1", a.Top).Attr("x2", b).Attr("y2", a.Bottom - 8)
            .Attr("stroke", "#bbbbbb").Attr("stroke-dasharray", "3 3").Close();
    }

    private static void DrawSeries(SvgWriter w, CurveSeries s, ScarcityAxis x, IAxis y, bool bands, double zeroOffset)
    {
        var points = s.Points.Where(p => x.CanShow(p.N)).OrderBy(p => p.N).ToList();
        w.Start("g").Attr("class", "series").Attr("data-strategy", s.Strategy);
        if (s.Problem is not null)
        {
            w.Attr("data-problem", s.Problem);
        }

        w.Open();
        if (bands)
        {
            DrawBands(w, s, points, x, y, zeroOffset);
        }

        var line = new PathBuilder();
        bool penDown = false;
        foreach (CurvePoint p in points)
        {
            bool drawable = p.N > 0 && double.IsFinite(p.Mean) && y.CanShow(p.Mean);
            if (!drawable)
            {
                penDown = false;
                continue;
            }

            double px = x.Map(p.N);
            double py = y.Map(p.Mean);
            if (penDown)
            {
                line.LineTo(px, py);
            }
            else
            {
                line.MoveTo(px, py);
                penDown = true;
            }
        }

        if (!line.IsEmpty)
        {
            w.Start("path").Attr("class", "line").Attr("d", line.ToString()).Attr("fill", "none").Attr("stroke", s.Style.Color).Attr("stroke-width", 2);
            if (s.Style.Dash.Length > 0)
            {
                w.Attr("stroke-dasharray", s.Style.Dash);
            }

            w.Attr("stroke-linejoin", "round").Close();
        }

        foreach (CurvePoint p in points.Where(p => double.IsFinite(p.Mean) && y.CanShow(p.Mean)))
        {
            Markers.Draw(w, s.Style.Marker, x.Map(p.N) + (p.N == 0 ? zeroOffset : 0), y.Map(p.Mean), 4, s.Style.Color, "marker", ("data-n", p.N.ToString(CultureInfo.InvariantCulture)));
        }

        w.End();
    }

    private static void DrawBands(SvgWriter w, CurveSeries s, List<CurvePoint> points, ScarcityAxis x, IAxis y, double zeroOffset)
    {
        bool HasBand(CurvePoint p) => double.IsFinite(p.Mean) && double.IsFinite(p.Low) && double.IsFinite(p.High);
        double Clamp(double v) => y.Map(Math.Clamp(y.CanShow(v) ? v : y.Min, y.Min, y.Max));

        var run = new List<CurvePoint>();
        void Flush()
        {
            if (run.Count == 1)
            {
                Whisker(w, s, x.Map(run[0].N), Clamp(run[0].Low), Clamp(run[0].High));
            }
            else if (run.Count > 1)
            {
                var path = new PathBuilder();
                for (int i = 0; i < run.Count; i++)
                {
                    double px = x.Map(run[i].N);
                    double py = Clamp(run[i].High);
                    if (i == 0)
                    {
                        path.MoveTo(px, py);
                    }
                    else
                    {
                        path.LineTo(px, py);
                    }
                }

                for (int i = run.Count - 1; i >= 0; i--)
                {
                    path.LineTo(x.Map(run[i].N), Clamp(run[i].Low));
                }

                w.Start("path").Attr("class", "band").Attr("d", path.ClosePath().ToString()).Attr("fill", s.Style.Color).Attr("fill-opacity", 0.14, 2).Attr("stroke", "none").Close();
            }

            run.Clear();
        }

        foreach (CurvePoint p in points)
        {
            if (p.N == 0)
            {
                // n = 0 sits across the axis break: never joined to the log part.
                if (HasBand(p))
                {
                    Whisker(w, s, x.Map(0) + zeroOffset, Clamp(p.Low), Clamp(p.High));
                }

                continue;
            }

            if (HasBand(p))
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

    private static void Whisker(SvgWriter w, CurveSeries s, double px, double yLow, double yHigh)
    {
        var path = new PathBuilder().MoveTo(px, yLow).LineTo(px, yHigh).MoveTo(px - 4, yLow).LineTo(px + 4, yLow).MoveTo(px - 4, yHigh).LineTo(px + 4, yHigh);
        w.Start("path").Attr("class", "band whisker").Attr("d", path.ToString()).Attr("fill", "none").Attr("stroke", s.Style.Color).Attr("stroke-opacity", 0.6, 2).Attr("stroke-width", 1.5).Close();
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : a + "; " + b;
}
