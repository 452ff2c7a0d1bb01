using System.Globalization;

namespace SciTransfer.Plotting.Axes;

/// <summary>Readable tick labels: as many decimals as the tick step needs, scientific for extreme magnitudes.</summary>
public static class TickFormat
{
    /// <summary>Formats <paramref name="value"/> given the spacing <paramref name="step"/> between neighbouring ticks.</summary>
    public static string Label(double value, double step)
    {
        if (value == 0 || Math.Abs(value) < Math.Abs(step) * 1e-9)
        {
            return "0";
        }

        double magnitude = Math.Abs(value);
        if (magnitude >= 1e6 || magnitude < 1e-4)
        {
            return value.ToString("0.##E+0", CultureInfo.InvariantCulture);
        }

        int decimals = 0;
        double s = Math.Abs(step);
        if (s > 0 && double.IsFinite(s))
        {
            decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(s) - 1e-9), 0, 8);
            double scaled = s * Math.Pow(10, decimals);
            if (Math.Abs(scaled - Math.Round(scaled)) > 1e-6)
            {
                decimals = Math.Min(decimals + 1, 8);
            }
        }

        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a value with a few significant digits, for log-axis ticks and tables.</summary>
    public static string Significant(double value, int digits = 4)
    {
        if (double.IsNaN(value))
        {
            return "n/a";
        }

        if (value == 0)
        {
            return "0";
        }

        double magnitude = Math.Abs(value);
        if (magnitude >= 1e6 || magnitude < 1e-4)
        {
            return value.ToString("0.###E+0", CultureInfo.InvariantCulture);
        }

        return value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
