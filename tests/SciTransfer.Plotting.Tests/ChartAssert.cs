using SciTransfer.Plotting.Rendering;

namespace SciTransfer.Plotting.Tests;

/// <summary>Checks on a rendered chart that hold for every figure kind.</summary>
internal static class ChartAssert
{
    /// <summary>Renders the PNG, checks its size, that no text is cut, and that every legend series has points whose colour shows at them.</summary>
    public static PngImage Rendered(ChartImage chart)
    {
        byte[] bytes = chart.Png();
        var png = PngImage.Decode(bytes);
        Assert.Equal(chart.Width, png.Width);
        Assert.Equal(chart.Height, png.Height);
        foreach (PlacedText t in chart.Texts)
        {
            Assert.DoesNotContain("\u2026", t.Text, StringComparison.Ordinal);
            float w = ChartText.Measure(t.Text, t.FontSize, t.Bold);
            Assert.True(w <= t.MaxWidth, $"text '{t.Text}' is {w} px wide but has {t.MaxWidth} px");
        }

        // Nothing is drawn in the outermost 2 px: text that ran off the canvas would show there.
        for (int y = 0; y < png.Height; y++)
        {
            foreach (int x in new[] { 0, 1, png.Width - 2, png.Width - 1 })
            {
                var (r, g, b) = png[x, y];
                Assert.True(r > 235 && g > 235 && b > 235, $"ink at the image edge ({x}, {y})");
            }
        }

        foreach (DrawnSeries s in chart.Series)
        {
            Assert.NotEmpty(s.Points);
            Assert.True(s.Points.Any(p => HasColourNear(png, chart.PixelOf(p.X, p.Y), s.Color)), $"series '{s.Label}' ({s.Color}) shows at none of its {s.Points.Count} points");
        }

        return png;
    }

    public static bool HasColourNear(PngImage png, (float X, float Y) at, string hex, int radius = 5)
    {
        int r0 = Convert.ToInt32(hex[1..3], 16), g0 = Convert.ToInt32(hex[3..5], 16), b0 = Convert.ToInt32(hex[5..7], 16);
        for (int y = (int)at.Y - radius; y <= (int)at.Y + radius; y++)
        {
            for (int x = (int)at.X - radius; x <= (int)at.X + radius; x++)
            {
                if (x < 0 || y < 0 || x >= png.Width || y >= png.Height)
                {
                    continue;
                }

                var p = png[x, y];
                if (Math.Abs(p.R - r0) + Math.Abs(p.G - g0) + Math.Abs(p.B - b0) <= 30)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
