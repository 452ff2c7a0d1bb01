namespace SciTransfer.Transfer.FineTuning;

/// <summary>
/// Chooses a regularisation strength on the labelled subset alone (never the test set): with at least
/// <see cref="MinimumN"/> samples, the last quarter of the subset (at least 2; the subset is a random prefix of the
/// pool, so its tail is a random draw) is held out, each grid value is trained on the rest and scored on the held-out
/// part, and the best is returned; below that, the fixed default.
/// </summary>
public static class StrengthSelection
{
    /// <summary>Smallest subset on which a strength is chosen rather than fixed.</summary>
    public const int MinimumN = 8;

    /// <summary>The grid value with the smallest <paramref name="validationLoss"/>(strength, train rows, held-out rows), or <paramref name="fallback"/> when n &lt; <see cref="MinimumN"/>.</summary>
    public static double Choose(int[] subset, IReadOnlyList<double> grid, double fallback, Func<double, int[], int[], double> validationLoss)
    {
        ArgumentNullException.ThrowIfNull(subset);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(validationLoss);
        if (subset.Length < MinimumN || grid.Count == 0)
        {
            return fallback;
        }

        var (train, held) = Split(subset);
        double best = double.PositiveInfinity, chosen = fallback;
        foreach (double s in grid)
        {
            double loss = validationLoss(s, train, held);
            if (loss < best)
            {
                (best, chosen) = (loss, s);
            }
        }

        return chosen;
    }

    /// <summary>The training rows and the held-out rows (the last max(2, n/4)) of <paramref name="subset"/>.</summary>
    public static (int[] Train, int[] HeldOut) Split(int[] subset)
    {
        ArgumentNullException.ThrowIfNull(subset);
        int held = Math.Max(2, subset.Length / 4);
        return (subset[..^held], subset[^held..]);
    }
}
