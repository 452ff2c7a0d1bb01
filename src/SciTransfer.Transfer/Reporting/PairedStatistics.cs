namespace SciTransfer.Transfer.Reporting;

/// <summary>An estimate with its 95 % bootstrap interval (Low/High NaN when there is none).</summary>
/// <param name="Value">Point estimate.</param>
/// <param name="Low">Low end of the 95 % interval.</param>
/// <param name="High">High end of the 95 % interval.</param>
/// <param name="Count">Number of repeats (pairs) it rests on.</param>
public sealed record Estimate(double Value, double Low, double High, int Count)
{
    /// <summary>True when an interval was computed.</summary>
    public bool HasInterval => double.IsFinite(Low) && double.IsFinite(High);

    /// <summary>True when the interval lies wholly above or wholly below zero.</summary>
    public bool ExcludesZero => HasInterval && (Low > 0 || High < 0);
}

/// <summary>
/// Statistics over repeats for the report. Strategies are compared <em>paired</em>: repeat r of every strategy
/// used the same target subset and seeds, so the difference is taken per repeat and its mean gets the interval.
/// Intervals are percentile bootstraps over repeats (2,000 resamples, a fixed seed, so a report is reproducible);
/// a bootstrap of means never leaves the range of the values, so an accuracy interval stays in [0, 1] and an
/// error interval stays non-negative. With fewer than <see cref="MinRepeats"/> repeats there is no interval.
/// </summary>
public static class PairedStatistics
{
    /// <summary>Fewest repeats for which an interval is given.</summary>
    public const int MinRepeats = 3;

    /// <summary>Bootstrap resamples.</summary>
    public const int Resamples = 2000;

    /// <summary>Why an interval is missing, for the report.</summary>
    public const string NoIntervalReason = "fewer than 3 repeats: no interval";

    /// <summary>Mean of the values with a bootstrap interval.</summary>
    public static Estimate Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] v = [.. values.Where(double.IsFinite)];
        if (v.Length == 0)
        {
            return new Estimate(double.NaN, double.NaN, double.NaN, 0);
        }

        double mean = v.Average();
        if (v.Length < MinRepeats)
        {
            return new Estimate(mean, double.NaN, double.NaN, v.Length);
        }

        var rng = new Random(20261121 + v.Length);
        double[] boot = new double[Resamples];
        for (int b = 0; b < Resamples; b++)
        {
            double s = 0;
            for (int i = 0; i < v.Length; i++)
            {
                s += v[rng.Next(v.Length)];
            }

            boot[b] = s / v.Length;
        }

        Array.Sort(boot);
        return new Estimate(mean, Percentile(boot, 0.025), Percentile(boot, 0.975), v.Length);
    }

    /// <summary>Paired difference a - b over the repeats both have a finite value for.</summary>
    public static Estimate Difference(IReadOnlyDictionary<int, double> a, IReadOnlyDictionary<int, double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var diffs = a.Where(kv => double.IsFinite(kv.Value) && b.TryGetValue(kv.Key, out double w) && double.IsFinite(w))
            .OrderBy(kv => kv.Key).Select(kv => kv.Value - b[kv.Key]).ToList();
        return Mean(diffs);
    }

    /// <summary>Percentile of sorted values (linear interpolation).</summary>
    public static double Percentile(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        double pos = p * (sorted.Length - 1);
        int i = (int)Math.Floor(pos);
        int j = Math.Min(i + 1, sorted.Length - 1);
        return sorted[i] + ((pos - i) * (sorted[j] - sorted[i]));
    }

    /// <summary>
    /// How much less target data a strategy needs to reach scratch's mean at scratch's largest n: that n divided by the
    /// (log-interpolated) n at which the strategy's mean curve first reaches it. NaN when it never does.
    /// </summary>
    /// <param name="curve">The strategy's (n, mean) points, n &gt; 0.</param>
    /// <param name="target">Scratch's mean at its largest n.</param>
    /// <param name="targetN">Scratch's largest n.</param>
    /// <param name="lowerIsBetter">Direction of the metric.</param>
    /// <returns>(multiplier, the n at which the target is reached).</returns>
    public static (double Multiplier, double ReachedAt) Multiplier(IReadOnlyList<(int N, double Mean)> curve, double target, int targetN, bool lowerIsBetter)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var pts = curve.Where(p => p.N > 0 && double.IsFinite(p.Mean)).OrderBy(p => p.N).ToList();
        bool Reaches(double m) => lowerIsBetter ? m <= target : m >= target;
        for (int i = 0; i < pts.Count; i++)
        {
            if (!Reaches(pts[i].Mean))
            {
                continue;
            }

            double at = pts[i].N;
            if (i > 0 && pts[i].Mean != pts[i - 1].Mean)
            {
                double t = (target - pts[i - 1].Mean) / (pts[i].Mean - pts[i - 1].Mean);
                at = Math.Exp(Math.Log(pts[i - 1].N) + (t * (Math.Log(pts[i].N) - Math.Log(pts[i - 1].N))));
            }

            return ((double)targetN / at, at);
        }

        return (double.NaN, double.NaN);
    }

    /// <summary>
    /// <see cref="Multiplier"/> with a bootstrap interval: repeats are resampled together for the strategy and scratch
    /// (paired). The interval is given when at least <see cref="MinRepeats"/> repeats exist and at least 90 % of the
    /// resamples reach the target.
    /// </summary>
    /// <param name="strategy">Per n: repeat -> value.</param>
    /// <param name="scratchAtTarget">Scratch at its largest n: repeat -> value.</param>
    /// <param name="targetN">Scratch's largest n.</param>
    /// <param name="lowerIsBetter">Direction of the metric.</param>
    public static (Estimate Multiplier, double ReachedAt) DataEfficiency(
        IReadOnlyDictionary<int, IReadOnlyDictionary<int, double>> strategy, IReadOnlyDictionary<int, double> scratchAtTarget, int targetN, bool lowerIsBetter)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(scratchAtTarget);
        int[] repeats = [.. scratchAtTarget.Keys.Where(r => double.IsFinite(scratchAtTarget[r])).Order()];
        (double m, double at) = Compute(repeats);
        if (!double.IsFinite(m) || repeats.Length < MinRepeats)
        {
            return (new Estimate(m, double.NaN, double.NaN, repeats.Length), at);
        }

        var rng = new Random(7919 + repeats.Length);
        var boot = new List<double>(Resamples);
        int[] sample = new int[repeats.Length];
        for (int b = 0; b < Resamples; b++)
        {
            for (int i = 0; i < sample.Length; i++)
            {
                sample[i] = repeats[rng.Next(repeats.Length)];
            }

            double mb = Compute(sample).Multiplier;
            if (double.IsFinite(mb))
            {
                boot.Add(mb);
            }
        }

        if (boot.Count < 0.9 * Resamples)
        {
            return (new Estimate(m, double.NaN, double.NaN, repeats.Length), at);
        }

        double[] sorted = [.. boot.Order()];
        return (new Estimate(m, Percentile(sorted, 0.025), Percentile(sorted, 0.975), repeats.Length), at);

        (double Multiplier, double ReachedAt) Compute(int[] sampleRepeats)
        {
            double target = MeanOf(scratchAtTarget, sampleRepeats);
            var curve = strategy.Select(kv => (kv.Key, MeanOf(kv.Value, sampleRepeats))).ToList();
            return Multiplier(curve, target, targetN, lowerIsBetter);
        }
    }

    private static double MeanOf(IReadOnlyDictionary<int, double> values, int[] repeats)
    {
        double s = 0;
        int c = 0;
        foreach (int r in repeats)
        {
            if (values.TryGetValue(r, out double v) && double.IsFinite(v))
            {
                s += v;
                c++;
            }
        }

        return c == 0 ? double.NaN : s / c;
    }
}
