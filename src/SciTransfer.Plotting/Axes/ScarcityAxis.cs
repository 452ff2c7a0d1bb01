namespace SciTransfer.Plotting.Axes;

/// <summary>
/// The target-size axis of a data-scarcity curve: n &gt; 0 on a log scale with readable integer ticks
/// (powers of two when every size is one, else 1-2-5), and n = 0 (source-only, zero sensors) at a
/// separate "0" tick left of an axis break.
/// </summary>
public sealed class ScarcityAxis : IAxis
{
    /// <summary>Pixels from the zero tick to the break, and from the break to the log part.</summary>
    public const double ZeroGap = 22;

    private readonly LogAxis? _log;
    private readonly List<Tick> _ticks = new();

    /// <summary>Creates the axis for the given target sizes over pixels [left, right].</summary>
    public ScarcityAxis(IEnumerable<int> sizes, double left, double right)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var all = sizes.Where(n => n >= 0).Distinct().Order().ToList();
        HasZero = all.Contains(0);
        var positive = all.Where(n => n > 0).Select(n => (double)n).ToList();
        PowersOfTwo = positive.Count > 0 && positive.All(n => IsPowerOfTwo((long)n));

        double logLeft = left;
        if (HasZero)
        {
            ZeroPixel = left + (ZeroGap * 0.5);
            BreakPixel = ZeroPixel + ZeroGap;
            logLeft = BreakPixel + ZeroGap;
            _ticks.Add(new Tick(0, "0"));
        }

        if (positive.Count > 0)
        {
            (double lo, double hi) = LogAxis.Range(positive);
            if (positive.Count == 1 && !HasZero)
            {
                logLeft = left;
            }

            _log = new LogAxis(Math.Max(lo, 0.5), hi, logLeft, right, PowersOfTwo, integerLabels: true, fallbackTicks: positive);
            _ticks.AddRange(_log.Ticks.Where(t => t.Value >= 1));
            Min = HasZero ? 0 : _log.Min;
            Max = _log.Max;
        }
        else
        {
            // Only n = 0: a single column in the middle of the plot.
            ZeroPixel = (left + right) / 2;
            BreakPixel = double.NaN;
            Min = 0;
            Max = 0;
        }
    }

    /// <summary>True when n = 0 appears (drawn at <see cref="ZeroPixel"/>).</summary>
    public bool HasZero { get; }

    /// <summary>True when every positive size is a power of two (ticks are then powers of two).</summary>
    public bool PowersOfTwo { get; }

    /// <summary>Pixel of n = 0 (NaN when absent).</summary>
    public double ZeroPixel { get; } = double.NaN;

    /// <summary>Pixel of the axis break between 0 and the log part (NaN without a break).</summary>
    public double BreakPixel { get; } = double.NaN;

    /// <summary>True when there is both a zero column and a log part, so a break is drawn.</summary>
    public bool HasBreak => HasZero && _log is not null;

    /// <summary>Pixel where the log part starts (left end of the log scale).</summary>
    public double LogStartPixel => _log is null ? double.NaN : _log.Map(_log.Min);

    /// <inheritdoc />
    public double Min { get; }

    /// <inheritdoc />
    public double Max { get; }

    /// <inheritdoc />
    public IReadOnlyList<Tick> Ticks => _ticks;

    /// <inheritdoc />
    public double Map(double value)
    {
        if (value == 0)
        {
            return HasZero ? ZeroPixel : double.NaN;
        }

        return _log is null || value < 0 ? double.NaN : _log.Map(value);
    }

    /// <inheritdoc />
    public bool CanShow(double value) => (value == 0 && HasZero) || (value > 0 && _log is not null && double.IsFinite(value));

    private static bool IsPowerOfTwo(long n) => n > 0 && (n & (n - 1)) == 0;
}
