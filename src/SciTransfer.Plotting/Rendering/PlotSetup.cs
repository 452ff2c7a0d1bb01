using ScottPlot;
using SciTransfer.Plotting.Styling;

namespace SciTransfer.Plotting.Rendering;

/// <summary>What every chart shares: font, title block (wrapped, never cut), style mapping to ScottPlot.</summary>
internal static class PlotSetup
{
    /// <summary>
    /// A plot with the house font and a title block: the title in bold and the subtitle below, each wrapped to
    /// <paramref name="room"/> pixels (ScottPlot centres them over the data area, so room is that area's width).
    /// </summary>
    public static Plot Create(float room, string title, string subtitle, List<PlacedText> texts)
    {
        var plot = new Plot();
        plot.Font.Set(ChartText.FontName);
        var titleLines = ChartText.Wrap(title, ChartText.TitleSize, room, bold: true);
        var subLines = ChartText.Wrap(subtitle, ChartText.SubtitleSize, room);
        texts.AddRange(titleLines.Select(l => new PlacedText(l, ChartText.TitleSize, true, room)));
        texts.AddRange(subLines.Select(l => new PlacedText(l, ChartText.SubtitleSize, false, room)));
        plot.Axes.Title.Label.Text = string.Join("\n", titleLines);
        plot.Axes.Title.Label.FontSize = ChartText.TitleSize;
        plot.Axes.Title.Label.Bold = true;
        plot.Axes.Title.Label.FontName = ChartText.FontName;
        if (subLines.Count > 0)
        {
            var sub = new ScottPlot.Panels.TitlePanel();
            sub.Label.Text = string.Join("\n", subLines);
            sub.Label.FontSize = ChartText.SubtitleSize;
            sub.Label.Bold = false;
            sub.Label.FontName = ChartText.FontName;
            sub.Label.ForeColor = Color.FromHex("#444444");
            plot.Axes.AddPanel(sub);
        }

        return plot;
    }

    /// <summary>Sets an axis title in the house style and records it.</summary>
    public static void AxisTitle(ScottPlot.IAxis axis, string text, float room, List<PlacedText> texts)
    {
        axis.Label.Text = text;
        axis.Label.FontSize = ChartText.AxisTitleSize;
        axis.Label.Bold = false;
        axis.Label.FontName = ChartText.FontName;
        texts.Add(new PlacedText(text, ChartText.AxisTitleSize, false, room));
    }

    public static Color ToColor(string hex) => Color.FromHex(hex);

    public static LinePattern ToPattern(LineDash dash) => dash switch
    {
        LineDash.Dashed => LinePattern.Dashed,
        LineDash.DenselyDashed => LinePattern.DenselyDashed,
        LineDash.Dotted => LinePattern.Dotted,
        _ => LinePattern.Solid,
    };

    public static ScottPlot.MarkerShape ToMarker(Styling.MarkerShape shape) => shape switch
    {
        Styling.MarkerShape.Square => ScottPlot.MarkerShape.FilledSquare,
        Styling.MarkerShape.Diamond => ScottPlot.MarkerShape.FilledDiamond,
        Styling.MarkerShape.TriangleUp => ScottPlot.MarkerShape.FilledTriangleUp,
        Styling.MarkerShape.TriangleDown => ScottPlot.MarkerShape.FilledTriangleDown,
        Styling.MarkerShape.OpenCircle => ScottPlot.MarkerShape.OpenCircle,
        Styling.MarkerShape.OpenSquare => ScottPlot.MarkerShape.OpenSquare,
        Styling.MarkerShape.OpenDiamond => ScottPlot.MarkerShape.OpenDiamond,
        _ => ScottPlot.MarkerShape.FilledCircle,
    };

    /// <summary>Legend outside the data area on the right, in the house font; records each label.</summary>
    public static void Legend(Plot plot, IEnumerable<string> labels, List<PlacedText> texts)
    {
        plot.Legend.FontName = ChartText.FontName;
        plot.Legend.FontSize = ChartText.LabelSize;
        plot.ShowLegend(Edge.Right);
        foreach (string label in labels)
        {
            // The legend panel grows to its widest label, so each label has the room it needs.
            texts.Add(new PlacedText(label, ChartText.LabelSize, false, float.PositiveInfinity));
        }
    }

    /// <summary>A "no data yet"-style note in the middle of the data area.</summary>
    public static void Note(Plot plot, string note)
    {
        var a = plot.Add.Annotation(note, Alignment.MiddleCenter);
        a.LabelFontName = ChartText.FontName;
        a.LabelFontSize = ChartText.SubtitleSize;
        a.LabelBackgroundColor = Color.FromHex("#FFFFFF");
        a.LabelBorderColor = Color.FromHex("#999999");
        a.LabelShadowColor = Colors.Transparent;
    }

    /// <summary>Tick labels in the house font.</summary>
    public static void TickFont(Plot plot)
    {
        foreach (ScottPlot.IAxis axis in new ScottPlot.IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontName = ChartText.FontName;
            axis.TickLabelStyle.FontSize = ChartText.LabelSize;
        }
    }
}
