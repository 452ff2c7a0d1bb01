namespace SciTransfer.Plotting.Axes;

/// <summary>A linear axis over [min, max] with "nice" ticks (steps of 1, 2 or 5 times a power of ten).</summary>
public sealed class LinearAxis : IAxis
{
    private readonly double _p0;
    private readonly double _p1;

    /// <summary>Creates an axis mapping [min, max] onto pixels [pixelAtMin, pixelAtMax] (reversed spans allowed).</summary>
    public LinearAxis(double min, double max, double pixelAtMin, double pixelAtMax, int targetTickCount = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || max <= min)
        {
            throw new ArgumentException($"LinearAxis: range [{min}, {max}] must be finite with max > min.", nameof(max));
        }

        Min = min;
        Max = max;
        _p0 = pixelAtMin;
        _p1 = pixelAtMax;
        Ticks = NiceTicks(min, max, targetTickCount);
    }

    /// <inheritdoc />
    public double Min { get; }

    /// <inheritdoc />
    public double Max { get; }

    /// <inheritdoc />
    public IReadOnlyList<Tick> Ticks { get; }

    /// <inheritdoc />
    public double Map(double value) => _p0 + ((value - Min) / (Max - Min) * (_p1 - _p0));

    /// <inheritdoc />
    public bool CanShow(double value) => double.IsFinite(value);

    /// <summary>A step of 1, 2 or 5 times a power of ten near (max - min) / target.</summary>
    public static double NiceStep(double min, double max, int targetTickCount)
    {
        double raw = (max - min) / Math.Max(1, targetTickCount - 1);
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double mantissa = raw / power;
        double nice = mantissa < 1.5 ? 1 : mantissa < 3.5 ? 2 : mantissa < 7.5 ? 5 : 10;
        return nice * power;
    }

    /// <summary>Ticks at multiples of <see cref="NiceStep"/> inside [min, max].</summary>
    public static IReadOnlyList<Tick> NiceTicks(double min, double max, int targetTickCount)
    {
        double step = NiceStep(min, max, targetTickCount);
        var ticks = new List<Tick>();
        long first = (long)Math.Ceiling((min / step) - 1e-9);
        long last = (long)Math.Floor((max / step) + 1e-9);
        for (long k = first; k <= last; k++)
        {
            double v = k * step;
            ticks.Add(new Tick(v, TickFormat.Label(v, step)));
        }

        return ticks;
    }

    /// <summary>
    /// A padded range that covers <paramref name="values"/> (finite ones). A single value or an empty
    /// set gets a range around it so the axis is never degenerate.
    /// </summary>
    public static (double Min, double Max) Range(IEnumerable<double> values, double padFraction = 0.05)
    {
        double lo = double.PositiveInfinity;
        double hi = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        if (!double.IsFinite(lo))
        {
            return (0, 1);
        }

        if (hi - lo <= Math.Abs(hi) * 1e-12)
        {
            double half = lo == 0 ? 1 : Math.Abs(lo) * 0.1;
            return (lo - half, hi + half);
        }

        double pad = (hi - lo) * padFraction;
        return (lo - pad, hi + pad);
    }
}
