using System.Globalization;
using System.Text;

namespace SciTransfer.Plotting.Svg;

/// <summary>
/// Text and number formatting for SVG output. Numbers use the invariant culture and a fixed, small
/// number of decimals so that files are small and byte-identical for identical input.
/// </summary>
public static class SvgFormat
{
    /// <summary>
    /// Formats a coordinate or length: rounded (away from zero at the midpoint) to
    /// <paramref name="decimals"/> places, trailing zeros dropped, never "-0".
    /// </summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite (an SVG must not carry them).</exception>
    public static string Number(double value, int decimals = 1)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"SvgFormat.Number: value {value} is not finite; callers must skip NaN points.", nameof(value));
        }

        if (decimals is < 0 or > 6)
        {
            throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "SvgFormat.Number: decimals must be 0..6.");
        }

        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            return "0";
        }

        string format = decimals == 0 ? "0" : "0." + new string('#', decimals);
        return rounded.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Escapes text for XML content and attribute values (both quote kinds). Characters XML 1.0
    /// forbids (control characters, lone surrogates) become U+FFFD so the file always parses.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                _ => null,
            };

            if (replacement is null)
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb?.Append(c).Append(text[i + 1]);
                    i++;
                    continue;
                }

                bool forbidden = (c < 0x20 && c is not '\t' and not '\n' and not '\r')
                    || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF';
                if (!forbidden)
                {
                    sb?.Append(c);
                    continue;
                }

                replacement = "\uFFFD";
            }

            if (sb is null)
            {
                sb = new StringBuilder(text.Length + 16);
                sb.Append(text, 0, i);
            }

            sb.Append(replacement);
        }

        return sb?.ToString() ?? text;
    }
}
