namespace SciTransfer.Transfer.Summary;

/// <summary>
/// The data-efficiency multiplier: how many target samples `scratch` needs to reach the value a transfer
/// strategy reaches with n, divided by n. Scratch's mean curve is interpolated linearly in log n.
/// </summary>
public static class DataEfficiency
{
    /// <summary>Computes the multiplier and whether it is exact or a bound.</summary>
    /// <param name="n">The transfer strategy's n (must be positive).</param>
    /// <param name="value">The transfer strategy's mean metric at n.</param>
    /// <param name="scratchCurve">Scratch's (n, mean) points with n &gt; 0, any order.</param>
    /// <param name="lowerIsBetter">Direction of the metric.</param>
    /// <returns>(multiplier, "exact" | "lower" | "upper"), or (NaN, "") when undefined.</returns>
    public static (double Multiplier, string Bound) Compute(int n, double value, IReadOnlyList<(int N, double Mean)> scratchCurve, bool lowerIsBetter)
    {
        var pts = scratchCurve.Where(p => p.N > 0 && double.IsFinite(p.Mean)).OrderBy(p => p.N).ToList();
        if (n <= 0 || !double.IsFinite(value) || pts.Count == 0)
        {
            return (double.NaN, "");
        }

        bool Reaches(double scratchMean) => lowerIsBetter ? scratchMean <= value : scratchMean >= value;

        if (Reaches(pts[0].Mean))
        {
            // Scratch is already as good at its smallest size: the multiplier is at most this.
            return ((double)pts[0].N / n, pts[0].Mean == value ? "exact" : "upper");
        }

        for (int i = 0; i + 1 < pts.Count; i++)
        {
            var (n0, m0) = pts[i];
            var (n1, m1) = pts[i + 1];
            if (Reaches(m1))
            {
                double t = (value - m0) / (m1 - m0);
                double logN = Math.Log(n0) + (t * (Math.Log(n1) - Math.Log(n0)));
                return (Math.Exp(logN) / n, "exact");
            }
        }

        // Scratch never got there within the sizes run: its largest n is a lower bound.
        return ((double)pts[^1].N / n, "lower");
    }
}
