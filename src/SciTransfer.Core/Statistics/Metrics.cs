namespace SciTransfer.Core.Statistics;

/// <summary>Error and score metrics between predictions and targets (same length, same units).</summary>
public static class Metrics
{
    /// <summary>Root mean squared error, in the units of the values.</summary>
    public static double Rmse(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        CheckLengths(predicted, actual, nameof(Rmse));
        double ss = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            double d = predicted[i] - actual[i];
            ss += d * d;
        }

        return Math.Sqrt(ss / predicted.Length);
    }

    /// <summary>Mean absolute error, in the units of the values.</summary>
    public static double Mae(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        CheckLengths(predicted, actual, nameof(Mae));
        double s = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            s += Math.Abs(predicted[i] - actual[i]);
        }

        return s / predicted.Length;
    }

    /// <summary>Fraction of equal labels, in [0, 1].</summary>
    public static double Accuracy(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual)
    {
        if (predicted.Length != actual.Length || predicted.IsEmpty)
        {
            throw new ArgumentException($"Accuracy: lengths {predicted.Length} and {actual.Length} must be equal and non-zero.");
        }

        int hits = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            if (predicted[i] == actual[i])
            {
                hits++;
            }
        }

        return (double)hits / predicted.Length;
    }

    /// <summary>Relative L2 error ||predicted - reference||_2 / ||reference||_2 (dimensionless).</summary>
    public static double RelativeL2(ReadOnlySpan<double> predicted, ReadOnlySpan<double> reference)
    {
        CheckLengths(predicted, reference, nameof(RelativeL2));
        double num = 0, den = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            double d = predicted[i] - reference[i];
            num += d * d;
            den += reference[i] * reference[i];
        }

        if (den == 0)
        {
            throw new ArgumentException("RelativeL2: the reference has zero norm.");
        }

        return Math.Sqrt(num / den);
    }

    private static void CheckLengths(ReadOnlySpan<double> a, ReadOnlySpan<double> b, string op)
    {
        if (a.Length != b.Length || a.IsEmpty)
        {
            throw new ArgumentException($"{op}: lengths {a.Length} and {b.Length} must be equal and non-zero.");
        }
    }
}
