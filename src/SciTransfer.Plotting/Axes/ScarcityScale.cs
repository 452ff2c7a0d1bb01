using SciTransfer.Plotting.Rendering;

namespace SciTransfer.Plotting.Axes;

/// <summary>A labelled tick in plot coordinates.</summary>
/// <param name="Position">Plot coordinate.</param>
/// <param name="Label">Text.</param>
public sealed record AxisTick(double Position, string Label);

/// <summary>
/// The target-size axis of a data-scarcity curve in plot coordinates: n &gt; 0 at log10(n) with ticks at
/// the sizes themselves (thinned only where labels would overlap), and n = 0 in its own column left of an
/// axis break. The column is wide enough for one whisker per series that has a point at n = 0
/// (<see cref="ZeroSlot"/> spreads them), so error bars there are never squeezed together.
/// </summary>
public sealed class ScarcityScale
{
    /// <summary>Pixels each series gets in the n = 0 column.</summary>
    public const float PixelsPerZeroSeries = 18;

    private readonly double _zeroLeft;
    private readonly double _zeroRight;
    private readonly int _zeroSeries;

    /// <summary>Creates the scale.</summary>
    /// <param name="sizes">Every n that appears (n &lt; 0 ignored).</param>
    /// <param name="zeroSeries">How many series have a point at n = 0.</param>
    /// <param name="dataPixels">Approximate width of the data area in pixels (for the column width and tick thinning).</param>
    public ScarcityScale(IEnumerable<int> sizes, int zeroSeries, float dataPixels)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var all = sizes.Where(n => n >= 0).Distinct().Order().ToList();
        HasZero = all.Contains(0);
        Sizes = all.Where(n => n > 0).ToList();
        _zeroSeries = Math.Max(1, zeroSeries);
        if (Sizes.Count > 0)
        {
            double lo = Math.Log10(Sizes[0]);
            double hi = Math.Log10(Sizes[^1]);
            double span = Math.Max(hi - lo, 0.3);
            double pad = 0.04 + (0.04 * span);
            LogMin = lo - pad;
            Max = hi + pad;
            if (HasZero)
            {
                float zeroPx = Math.Clamp((PixelsPerZeroSeries * _zeroSeries) + 24, 48, dataPixels * 0.4f);
                double width = zeroPx / (dataPixels - zeroPx) * (Max - LogMin);
                Break = LogMin - (0.12 * width);
                _zeroRight = LogMin - (0.24 * width);
                _zeroLeft = LogMin - width;
                Min = _zeroLeft - (0.06 * width);
            }
            else
            {
                Break = double.NaN;
                Min = LogMin;
            }
        }
        else
        {
            LogMin = double.NaN;
            Break = double.NaN;
            _zeroLeft = -0.6;
            _zeroRight = 0.6;
            Min = -1;
            Max = 1;
        }

        Ticks = MakeTicks(dataPixels);
    }

    /// <summary>True when n = 0 appears.</summary>
    public bool HasZero { get; }

    /// <summary>Positive sizes, increasing.</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>Left end of the axis (plot coordinates).</summary>
    public double Min { get; }

    /// <summary>Right end of the axis.</summary>
    public double Max { get; }

    /// <summary>Left end of the log part (NaN without positive sizes).</summary>
    public double LogMin { get; }

    /// <summary>Position of the axis break between the n = 0 column and the log part (NaN without one).</summary>
    public double Break { get; }

    /// <summary>Centre of the n = 0 column.</summary>
    public double Zero => (_zeroLeft + _zeroRight) / 2;

    /// <summary>Ticks: "0" (when present) and the sizes, left to right.</summary>
    public IReadOnlyList<AxisTick> Ticks { get; }

    /// <summary>Plot x of n &gt; 0 (log10 n).</summary>
    public static double Map(int n) => n > 0 ? Math.Log10(n) : double.NaN;

    /// <summary>Plot x of the n = 0 point of series number <paramref name="slot"/> (0-based) among those with such a point.</summary>
    public double ZeroSlot(int slot)
    {
        if (_zeroSeries <= 1)
        {
            return Zero;
        }

        double step = (_zeroRight - _zeroLeft) / _zeroSeries;
        return _zeroLeft + (step * (slot + 0.5));
    }

    private List<AxisTick> MakeTicks(float dataPixels)
    {
        var ticks = new List<AxisTick>();
        if (HasZero)
        {
            ticks.Add(new AxisTick(Zero, "0"));
        }

        double pxPerUnit = dataPixels / (Max - Min);
        double lastRight = double.NegativeInfinity;
        if (HasZero)
        {
            lastRight = (Zero * pxPerUnit) + 6;
        }

        // Keep the first and last sizes; drop a size whose label would touch its left neighbour's.
        for (int i = 0; i < Sizes.Count; i++)
        {
            string label = Sizes[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
            double half = (ChartText.Measure(label, ChartText.LabelSize) / 2) + 4;
            double centre = Map(Sizes[i]) * pxPerUnit;
            bool last = i == Sizes.Count - 1;
            if (centre - half >= lastRight || (last && ticks.Count == (HasZero ? 1 : 0)))
            {
                ticks.Add(new AxisTick(Map(Sizes[i]), label));
                lastRight = centre + half;
            }
            else if (last && ticks.Count > (HasZero ? 1 : 0))
            {
                ticks[^1] = new AxisTick(Map(Sizes[i]), label);
                lastRight = centre + half;
            }
        }

        return ticks;
    }
}
