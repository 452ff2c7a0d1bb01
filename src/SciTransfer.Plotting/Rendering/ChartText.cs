using SkiaSharp;

namespace SciTransfer.Plotting.Rendering;

/// <summary>Fonts and text measurement shared by every chart: text is wrapped to fit, never cut.</summary>
public static class ChartText
{
    private static readonly Lazy<string> Family = new(FindFamily);

    /// <summary>The font family used for every text ("DejaVu Sans" when installed, else the system default).</summary>
    public static string FontName => Family.Value;

    /// <summary>Title font size (px).</summary>
    public const float TitleSize = 17;

    /// <summary>Subtitle and note font size (px).</summary>
    public const float SubtitleSize = 13;

    /// <summary>Axis-title font size (px).</summary>
    public const float AxisTitleSize = 14;

    /// <summary>Tick-label and legend font size (px).</summary>
    public const float LabelSize = 12;

    /// <summary>Width of <paramref name="text"/> in pixels.</summary>
    public static float Measure(string text, float size, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        using SKTypeface typeface = SKTypeface.FromFamilyName(FontName, bold ? SKFontStyle.Bold : SKFontStyle.Normal) ?? SKTypeface.Default;
        using var font = new SKFont(typeface, size);
        return font.MeasureText(text);
    }

    /// <summary>Splits <paramref name="text"/> at spaces (or inside a word too long for a line) into lines of at most <paramref name="maxWidth"/> pixels.</summary>
    public static IReadOnlyList<string> Wrap(string text, float size, float maxWidth, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        foreach (string paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            string line = "";
            foreach (string word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, size, bold) <= maxWidth)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (Measure(line, size, bold) > maxWidth && line.Length > 1)
                {
                    int fit = line.Length - 1;
                    while (fit > 1 && Measure(line[..fit], size, bold) > maxWidth)
                    {
                        fit--;
                    }

                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private static string FindFamily()
    {
        foreach (string name in new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial" })
        {
            using SKTypeface? tf = SKTypeface.FromFamilyName(name);
            if (tf is not null && string.Equals(tf.FamilyName, name, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return SKTypeface.Default.FamilyName;
    }
}
