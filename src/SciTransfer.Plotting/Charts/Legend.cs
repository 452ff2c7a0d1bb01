using SciTransfer.Plotting.Styling;
using SciTransfer.Plotting.Svg;

namespace SciTransfer.Plotting.Charts;

/// <summary>A legend entry: label and how its series looks.</summary>
/// <param name="Label">Text.</param>
/// <param name="Style">Colour, dash, marker.</param>
/// <param name="ShowLine">Draw a line sample.</param>
/// <param name="ShowMarker">Draw a marker sample.</param>
internal sealed record LegendEntry(string Label, SeriesStyle Style, bool ShowLine = true, bool ShowMarker = true);

/// <summary>A vertical legend, one row per entry (not part of any series group).</summary>
internal static class Legend
{
    public const double Row = 20;

    /// <summary>Widest legend in px; longer labels are cut with an ellipsis.</summary>
    public const double MaxWidth = 340;

    /// <summary>Width the legend needs for its longest label, clamped to [130, 340] px.</summary>
    public static double WidthFor(IEnumerable<string> labels) =>
        Math.Clamp(labels.Select(l => ChartFrame.TextWidth(l)).DefaultIfEmpty(0).Max() + 48, 130, MaxWidth);

    public static void Draw(SvgWriter w, IReadOnlyList<LegendEntry> entries, double left, double top)
    {
        w.Start("g").Attr("class", "legend").Open();
        for (int i = 0; i < entries.Count; i++)
        {
            LegendEntry e = entries[i];
            double cy = top + 8 + (i * Row);
            w.Start("g").Attr("data-legend", e.Label).Open();
            if (e.ShowLine)
            {
                w.Start("line").Attr("x1", left).Attr("y1", cy).Attr("x2", left + 28).Attr("y2", cy).Attr("stroke", e.Style.Color).Attr("stroke-width", 2);
                if (e.Style.Dash.Length > 0)
                {
                    w.Attr("stroke-dasharray", e.Style.Dash);
                }

                w.Close();
            }

            if (e.ShowMarker)
            {
                Markers.Draw(w, e.Style.Marker, left + 14, cy, 4, e.Style.Color, "legend-marker");
            }

            w.Start("text").Attr("x", left + 36).Attr("y", cy + 4).Text(ChartFrame.Fit(e.Label, MaxWidth - 48));
            w.End();
        }

        w.End();
    }
}
