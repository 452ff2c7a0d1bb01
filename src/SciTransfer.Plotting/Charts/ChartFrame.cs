using SciTransfer.Plotting.Axes;
using SciTransfer.Plotting.Svg;

namespace SciTransfer.Plotting.Charts;

/// <summary>Titles, axes, ticks and grid lines shared by every chart.</summary>
internal static class ChartFrame
{
    public const string AxisColor = "#333333";
    public const string GridColor = "#e3e3e3";
    public const string MutedText = "#555555";

    /// <summary>Document title (for screen readers), white background, title and subtitle lines.</summary>
    public static void Header(SvgWriter w, double width, double height, double left, string title, string subtitle)
    {
        w.Start("title").Text(title);
        w.Start("rect").Attr("class", "background").Attr("x", 0).Attr("y", 0).Attr("width", width).Attr("height", height).Attr("fill", "#ffffff").Close();
        w.Start("text").Attr("class", "title").Attr("x", left).Attr("y", 24).Attr("font-size", 16).Attr("font-weight", "bold").Text(Fit(title, width - left - 12, 16 * 1.1));
        if (subtitle.Length > 0)
        {
            w.Start("text").Attr("class", "subtitle").Attr("x", left).Attr("y", 43).Attr("fill", MutedText).Text(Fit(subtitle, width - left - 12));
        }
    }

    /// <summary>Vertical grid lines, tick marks and labels of the x axis, and its title; the axis line itself is left to the caller (it may have a break).</summary>
    public static void XTicks(SvgWriter w, IAxis x, PlotArea a, string title, bool grid, IEnumerable<Tick>? gridTicks = null)
    {
        w.Start("g").Attr("class", "x-axis").Open();
        if (grid)
        {
            foreach (Tick t in gridTicks ?? x.Ticks)
            {
                double px = x.Map(t.Value);
                w.Start("line").Attr("class", "grid").Attr("x1", px).Attr("y1", a.Top).Attr("x2", px).Attr("y2", a.Bottom).Attr("stroke", GridColor).Close();
            }
        }

        foreach (Tick t in x.Ticks)
        {
            double px = x.Map(t.Value);
            w.Start("line").Attr("x1", px).Attr("y1", a.Bottom).Attr("x2", px).Attr("y2", a.Bottom + 5).Attr("stroke", AxisColor).Close();
            w.Start("text").Attr("class", "xtick").Attr("x", px).Attr("y", a.Bottom + 19).Attr("text-anchor", "middle").Text(t.Label);
        }

        w.Start("text").Attr("class", "xtitle").Attr("x", (a.Left + a.Right) / 2).Attr("y", a.Bottom + 42).Attr("text-anchor", "middle").Attr("font-size", 13).Text(title);
        w.End();
    }

    /// <summary>Y axis line, horizontal grid lines, ticks, labels and the rotated title.</summary>
    public static void YAxis(SvgWriter w, IAxis y, PlotArea a, string title, bool grid)
    {
        w.Start("g").Attr("class", "y-axis").Open();
        foreach (Tick t in y.Ticks)
        {
            double py = y.Map(t.Value);
            if (grid)
            {
                w.Start("line").Attr("class", "grid").Attr("x1", a.Left).Attr("y1", py).Attr("x2", a.Right).Attr("y2", py).Attr("stroke", GridColor).Close();
            }

            w.Start("line").Attr("x1", a.Left - 5).Attr("y1", py).Attr("x2", a.Left).Attr("y2", py).Attr("stroke", AxisColor).Close();
            w.Start("text").Attr("class", "ytick").Attr("x", a.Left - 8).Attr("y", py + 4).Attr("text-anchor", "end").Text(t.Label);
        }

        w.Start("line").Attr("x1", a.Left).Attr("y1", a.Top).Attr("x2", a.Left).Attr("y2", a.Bottom).Attr("stroke", AxisColor).Close();
        double cx = a.Left - 62;
        double cy = (a.Top + a.Bottom) / 2;
        w.Start("text").Attr("class", "ytitle").Attr("x", cx).Attr("y", cy).Attr("text-anchor", "middle").Attr("font-size", 13)
            .Attr("transform", $"rotate(-90 {SvgFormat.Number(cx)} {SvgFormat.Number(cy)})").Text(title);
        w.End();
    }

    /// <summary>A plain x axis line along the bottom of the plot.</summary>
    public static void XLine(SvgWriter w, PlotArea a) =>
        w.Start("line").Attr("x1", a.Left).Attr("y1", a.Bottom).Attr("x2", a.Right).Attr("y2", a.Bottom).Attr("stroke", AxisColor).Close();

    /// <summary>
    /// <paramref name="text"/> cut with an ellipsis so that its estimated width stays within
    /// <paramref name="maxWidth"/> px (the full text stays in the document's title or the report).
    /// </summary>
    public static string Fit(string text, double maxWidth, double fontSize = 12)
    {
        int maxChars = Math.Max(4, (int)(maxWidth / (fontSize * 0.6)));
        return text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars - 1).TrimEnd(), "\u2026");
    }

    /// <summary>Approximate width in px of <paramref name="text"/> at 12 px (DejaVu Sans averages about 7 px a character).</summary>
    public static double TextWidth(string text, double fontSize = 12) => text.Length * fontSize * 0.6;
}
