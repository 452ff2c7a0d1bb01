using System.Globalization;

namespace SciTransfer.Plotting.Styling;

/// <summary>
/// Colour maps for heat maps: sequential (viridis, perceptually uniform and colour-blind safe) and
/// diverging (ColorBrewer RdBu, blue below zero, white at zero, red above).
/// </summary>
public sealed class ColorMap
{
    private static readonly string[] ViridisStops = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"];
    private static readonly string[] RdBuStops = ["#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d", "#b2182b"];

    private readonly (double R, double G, double B)[] _stops;

    private ColorMap(string[] stops, double min, double max)
    {
        _stops = stops.Select(Parse).ToArray();
        Min = min;
        Max = max;
    }

    /// <summary>The colour stops, first (at <see cref="Min"/>) to last (at <see cref="Max"/>), "#rrggbb".</summary>
    public IReadOnlyList<string> Stops => _stops.Select(c => Hex(c.R, c.G, c.B)).ToList();

    /// <summary>Value mapped to the first colour.</summary>
    public double Min { get; }

    /// <summary>Value mapped to the last colour.</summary>
    public double Max { get; }

    /// <summary>
    /// The colour map for <paramref name="values"/> (NaN ignored): diverging maps are symmetric about
    /// zero (±max |v|) so white means zero; sequential maps span [min, max].
    /// </summary>
    public static ColorMap For(IEnumerable<double> values, bool diverging)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (diverging)
        {
            double m = finite.Count == 0 ? 1 : finite.Max(Math.Abs);
            return new ColorMap(RdBuStops, m == 0 ? -1 : -m, m == 0 ? 1 : m);
        }

        double lo = finite.Count == 0 ? 0 : finite.Min();
        double hi = finite.Count == 0 ? 1 : finite.Max();
        if (hi - lo <= Math.Abs(hi) * 1e-12)
        {
            double half = lo == 0 ? 0.5 : Math.Abs(lo) * 0.05;
            (lo, hi) = (lo - half, hi + half);
        }

        return new ColorMap(ViridisStops, lo, hi);
    }

    /// <summary>"#rrggbb" for <paramref name="value"/>, clamped to [Min, Max].</summary>
    public string this[double value]
    {
        get
        {
            double t = Math.Clamp((value - Min) / (Max - Min), 0, 1) * (_stops.Length - 1);
            int i = Math.Min((int)t, _stops.Length - 2);
            double f = t - i;
            (double r0, double g0, double b0) = _stops[i];
            (double r1, double g1, double b1) = _stops[i + 1];
            return Hex(r0 + ((r1 - r0) * f), g0 + ((g1 - g0) * f), b0 + ((b1 - b0) * f));
        }
    }

    private static (double, double, double) Parse(string hex) =>
        (int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    private static string Hex(double r, double g, double b) =>
        string.Create(CultureInfo.InvariantCulture, $"#{(int)Math.Round(r):x2}{(int)Math.Round(g):x2}{(int)Math.Round(b):x2}");
}
