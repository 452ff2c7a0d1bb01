using MathNet.Numerics.Distributions;

namespace SciTransfer.Core.Statistics;

/// <summary>Summary statistics of a sample, as reported in summary.csv.</summary>
public static class Descriptive
{
    /// <summary>Arithmetic mean; NaN for an empty sample.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>Sample standard deviation (n - 1 denominator, two-pass); NaN when fewer than two values.</summary>
    public static double SampleStd(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return double.NaN;
        }

        double mean = Mean(values);
        double ss = 0;
        foreach (double v in values)
        {
            double d = v - mean;
            ss += d * d;
        }

        return Math.Sqrt(ss / (values.Length - 1));
    }

    /// <summary>Median (mean of the two middle values for an even count); NaN for an empty sample.</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }

    /// <summary>
    /// Two-sided Student-t confidence interval of the mean: mean +- t_{1-(1-level)/2, n-1} s / sqrt(n).
    /// Returns (NaN, NaN) when fewer than two values.
    /// </summary>
    public static (double Low, double High) ConfidenceInterval(ReadOnlySpan<double> values, double level = 0.95)
    {
        if (level is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "confidence level must be in (0, 1)");
        }

        int n = values.Length;
        if (n < 2)
        {
            return (double.NaN, double.NaN);
        }

        double mean = Mean(values);
        double half = StudentTQuantile(1 - ((1 - level) / 2), n - 1) * SampleStd(values) / Math.Sqrt(n);
        return (mean - half, mean + half);
    }

    /// <summary>Quantile of Student's t distribution with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double StudentTQuantile(double probability, int degreesOfFreedom) =>
        StudentT.InvCDF(0, 1, degreesOfFreedom, probability);
}
