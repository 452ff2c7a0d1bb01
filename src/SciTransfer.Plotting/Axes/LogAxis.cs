namespace SciTransfer.Plotting.Axes;

/// <summary>
/// A base-10 logarithmic axis over [min, max] (both &gt; 0). Ticks follow 1-2-5 per decade, only whole
/// decades when that would be crowded, or powers of two when asked (target sizes 4, 8, 16, ...).
/// </summary>
public sealed class LogAxis : IAxis
{
    private const int MaxTicks = 11;
    private readonly double _p0;
    private readonly double _p1;
    private readonly double _l0;
    private readonly double _l1;

    /// <summary>Creates a log axis mapping [min, max] onto pixels [pixelAtMin, pixelAtMax].</summary>
    /// <param name="min">Smallest visible value (&gt; 0).</param>
    /// <param name="max">Largest visible value (&gt; min).</param>
    /// <param name="pixelAtMin">Pixel of <paramref name="min"/>.</param>
    /// <param name="pixelAtMax">Pixel of <paramref name="max"/>.</param>
    /// <param name="powersOfTwo">Ticks at powers of two instead of 1-2-5.</param>
    /// <param name="integerLabels">Labels as integers (target sizes); otherwise a few significant digits.</param>
    /// <param name="fallbackTicks">Values to label when the range holds fewer than two regular ticks.</param>
    public LogAxis(double min, double max, double pixelAtMin, double pixelAtMax, bool powersOfTwo = false,
                   bool integerLabels = false, IReadOnlyList<double>? fallbackTicks = null)
    {
        if (!(min > 0) || !double.IsFinite(max) || max <= min)
        {
            throw new ArgumentException($"LogAxis: range [{min}, {max}] must satisfy 0 < min < max < infinity.", nameof(min));
        }

        Min = min;
        Max = max;
        _p0 = pixelAtMin;
        _p1 = pixelAtMax;
        _l0 = Math.Log10(min);
        _l1 = Math.Log10(max);
        Ticks = MakeTicks(min, max, powersOfTwo, integerLabels, fallbackTicks);
    }

    /// <inheritdoc />
    public double Min { get; }

    /// <inheritdoc />
    public double Max { get; }

    /// <inheritdoc />
    public IReadOnlyList<Tick> Ticks { get; }

    /// <inheritdoc />
    public double Map(double value) => _p0 + ((Math.Log10(value) - _l0) / (_l1 - _l0) * (_p1 - _p0));

    /// <inheritdoc />
    public bool CanShow(double value) => value > 0 && double.IsFinite(value);

    /// <summary>
    /// A range covering the positive finite <paramref name="values"/>, padded by
    /// <paramref name="padDecades"/> decades plus a fraction of the span on each side.
    /// </summary>
    public static (double Min, double Max) Range(IEnumerable<double> values, double padDecades = 0.04, double padFraction = 0.04)
    {
        double lo = double.PositiveInfinity;
        double hi = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (v > 0 && double.IsFinite(v))
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        if (!double.IsFinite(lo))
        {
            return (1, 10);
        }

        double l0 = Math.Log10(lo);
        double l1 = Math.Log10(hi);
        if (l1 - l0 < 1e-9)
        {
            return (lo / 2, hi * 2);
        }

        double pad = padDecades + ((l1 - l0) * padFraction);
        return (Math.Pow(10, l0 - pad), Math.Pow(10, l1 + pad));
    }

    /// <summary>The tick values this axis would use for [min, max] (exposed for tests and reuse).</summary>
    public static IReadOnlyList<Tick> MakeTicks(double min, double max, bool powersOfTwo, bool integerLabels, IReadOnlyList<double>? fallbackTicks)
    {
        List<double> values = powersOfTwo ? PowerOfTwoValues(min, max) : OneTwoFiveValues(min, max);
        if (values.Count < 2 && fallbackTicks is { Count: > 0 })
        {
            values = Thin(fallbackTicks.Where(v => v >= min && v <= max).Distinct().Order().ToList());
        }

        return values.Select(v => new Tick(v, integerLabels ? Math.Round(v).ToString("0", System.Globalization.CultureInfo.InvariantCulture) : TickFormat.Significant(v, 3))).ToList();
    }

    private static List<double> PowerOfTwoValues(double min, double max)
    {
        int k0 = (int)Math.Ceiling(Math.Log2(min) - 1e-9);
        int k1 = (int)Math.Floor(Math.Log2(max) + 1e-9);
        int count = k1 - k0 + 1;
        int stride = Math.Max(1, (int)Math.Ceiling(count / (double)MaxTicks));
        var values = new List<double>();
        for (int k = k0; k <= k1; k++)
        {
            // Keep every stride-th exponent, anchored at multiples of the stride so the pattern is regular.
            if (((k % stride) + stride) % stride == 0)
            {
                values.Add(Math.Pow(2, k));
            }
        }

        return values;
    }

    private static List<double> OneTwoFiveValues(double min, double max)
    {
        int d0 = (int)Math.Floor(Math.Log10(min));
        int d1 = (int)Math.Ceiling(Math.Log10(max));
        foreach (double[] mantissas in new[] { new[] { 1.0, 2, 5 }, new[] { 1.0, 3 }, new[] { 1.0 } })
        {
            var values = new List<double>();
            for (int d = d0; d <= d1; d++)
            {
                foreach (double m in mantissas)
                {
                    double v = m * Math.Pow(10, d);
                    if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12))
                    {
                        values.Add(v);
                    }
                }
            }

            if (values.Count <= MaxTicks)
            {
                return values;
            }
        }

        var decades = new List<double>();
        int stride = (int)Math.Ceiling((d1 - d0 + 1) / (double)MaxTicks);
        for (int d = d0; d <= d1; d++)
        {
            double v = Math.Pow(10, d);
            if (d % stride == 0 && v >= min && v <= max)
            {
                decades.Add(v);
            }
        }

        return decades;
    }

    private static List<double> Thin(List<double> values)
    {
        if (values.Count <= MaxTicks)
        {
            return values;
        }

        int stride = (int)Math.Ceiling(values.Count / (double)MaxTicks);
        return values.Where((_, i) => i % stride == 0).ToList();
    }
}
