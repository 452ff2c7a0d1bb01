using SciTransfer.Plotting.Styling;
using SciTransfer.Plotting.Svg;

namespace SciTransfer.Plotting.Charts;

/// <summary>Draws marker shapes centred on a point.</summary>
internal static class Markers
{
    /// <summary>Writes one marker of <paramref name="shape"/> with half-size <paramref name="r"/> px at (x, y); extra attributes go on the element.</summary>
    public static void Draw(SvgWriter w, MarkerShape shape, double x, double y, double r, string color, string cssClass, params (string Name, string Value)[] extra)
    {
        switch (shape)
        {
            case MarkerShape.Circle:
            case MarkerShape.OpenCircle:
                w.Start("circle").Attr("cx", x).Attr("cy", y).Attr("r", r);
                break;
            case MarkerShape.Square:
                w.Start("rect").Attr("x", x - (r * 0.85)).Attr("y", y - (r * 0.85)).Attr("width", r * 1.7).Attr("height", r * 1.7);
                break;
            default:
                w.Start("path").Attr("d", Outline(shape, x, y, r));
                break;
        }

        bool open = shape == MarkerShape.OpenCircle;
        w.Attr("class", cssClass).Attr("fill", open ? "#ffffff" : color).Attr("stroke", color).Attr("stroke-width", open ? 1.5 : 0.8);
        foreach ((string name, string value) in extra)
        {
            w.Attr(name, value);
        }

        w.Close();
    }

    private static string Outline(MarkerShape shape, double x, double y, double r)
    {
        var p = new PathBuilder();
        switch (shape)
        {
            case MarkerShape.Diamond:
                p.MoveTo(x, y - (r * 1.25)).LineTo(x + (r * 1.1), y).LineTo(x, y + (r * 1.25)).LineTo(x - (r * 1.1), y);
                break;
            case MarkerShape.TriangleUp:
                p.MoveTo(x, y - (r * 1.2)).LineTo(x + (r * 1.1), y + (r * 0.8)).LineTo(x - (r * 1.1), y + (r * 0.8));
                break;
            default:
                p.MoveTo(x, y + (r * 1.2)).LineTo(x + (r * 1.1), y - (r * 0.8)).LineTo(x - (r * 1.1), y - (r * 0.8));
                break;
        }

        return p.ClosePath().ToString();
    }
}
