using System.Text;
using ScottPlot;

namespace SciTransfer.Plotting.Rendering;

/// <summary>One drawn series as the legend names it, with the points it drew (in plot coordinates).</summary>
/// <param name="Label">Legend text.</param>
/// <param name="Color">Its colour, "#rrggbb".</param>
/// <param name="Points">Finite points drawn (plot coordinates: x after the scarcity-axis mapping, y after a log transform).</param>
public sealed record DrawnSeries(string Label, string Color, IReadOnlyList<(double X, double Y)> Points);

/// <summary>A piece of text placed on the chart and the width it may take.</summary>
/// <param name="Text">The text (one line).</param>
/// <param name="FontSize">Font size in pixels.</param>
/// <param name="Bold">Bold face.</param>
/// <param name="MaxWidth">Pixels available.</param>
public sealed record PlacedText(string Text, float FontSize, bool Bold, float MaxWidth);

/// <summary>
/// A rendered-on-demand chart: a ScottPlot plot of a fixed pixel size, written as PNG and SVG. Also says
/// what it drew (series with their points, text lines with the room they had) so tests can check it.
/// </summary>
public sealed class ChartImage
{
    internal ChartImage(Plot plot, int width, int height, IReadOnlyList<DrawnSeries> series, IReadOnlyList<PlacedText> texts, string? note)
    {
        Plot = plot;
        Width = width;
        Height = height;
        Series = series;
        Texts = texts;
        Note = note;
    }

    /// <summary>The ScottPlot plot (for callers who want to adjust it before saving).</summary>
    public Plot Plot { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Series named in the legend, in legend order.</summary>
    public IReadOnlyList<DrawnSeries> Series { get; }

    /// <summary>Title, subtitle, axis titles and legend labels with the width each may use.</summary>
    public IReadOnlyList<PlacedText> Texts { get; }

    /// <summary>A note drawn on the chart (e.g. "no data yet"), or null.</summary>
    public string? Note { get; }

    /// <summary>The chart as PNG bytes.</summary>
    public byte[] Png() => Plot.GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>The chart as an SVG document.</summary>
    public string Svg() => Plot.GetSvgXml(Width, Height);

    /// <summary>The pixel (in the rendered image) of a point in plot coordinates; valid after <see cref="Png"/>.</summary>
    public (float X, float Y) PixelOf(double x, double y)
    {
        Pixel p = Plot.GetPixel(new Coordinates(x, y));
        return (p.X, p.Y);
    }

    /// <summary>Writes <c>path.png</c> and <c>path.svg</c> (UTF-8 without BOM); returns both full paths.</summary>
    /// <param name="pathWithoutExtension">Target path without extension.</param>
    public (string Png, string Svg) Save(string pathWithoutExtension)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathWithoutExtension);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(pathWithoutExtension));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        string png = pathWithoutExtension + ".png";
        string svg = pathWithoutExtension + ".svg";
        File.WriteAllBytes(png, Png());
        File.WriteAllText(svg, Svg(), new UTF8Encoding(false));
        return (Path.GetFullPath(png), Path.GetFullPath(svg));
    }
}
