using SciTransfer.Core.Random;

namespace SciTransfer.HeatSink.Data;

/// <summary>
/// Unlabelled designs where the correlation prior is imposed (the "collocation points" of the Nusselt network),
/// drawn across a <see cref="DesignRange"/> rather than taken from the labelled designs: with the prior at the
/// labelled designs the data and prior terms compete for the same network outputs and a learnable blend
/// collapses onto one of them; spread over the range, the prior shapes the network where there is no data.
/// </summary>
public static class CollocationDesigns
{
    /// <summary>
    /// A Latin hypercube of <paramref name="count"/> designs in <paramref name="range"/>: each of log Pe, D_h,
    /// aspect ratio, L and W is cut into <paramref name="count"/> equal strata and every stratum holds exactly
    /// one design, so each input spans its range even for a few designs. L/D = L / D_h (the table's rule);
    /// Nu is NaN (the prior supplies the target). Fluid "sodium".
    /// </summary>
    public static List<NusseltSample> Sample(DesignRange range, int count, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var logPe = Strata(Math.Log(range.PecletMin), Math.Log(range.PecletMax), count, rng);
        var dh = Strata(range.DhMin, range.DhMax, count, rng);
        var aspect = Strata(range.AspectMin, range.AspectMax, count, rng);
        var length = Strata(range.LengthMin, range.LengthMax, count, rng);
        var width = Strata(range.WidthMin, range.WidthMax, count, rng);
        var designs = new List<NusseltSample>(count);
        for (int i = 0; i < count; i++)
        {
            // exp(log) can round a hair outside [min, max]; clamp so the designs stay in the declared box.
            double pe = Math.Clamp(Math.Exp(logPe[i]), range.PecletMin, range.PecletMax);
            designs.Add(new NusseltSample("sodium", pe, dh[i], aspect[i], length[i], width[i], length[i] / dh[i], double.NaN));
        }

        return designs;
    }

    /// <summary>
    /// <paramref name="count"/> pairs of designs that share a geometry and differ in Pe: the first
    /// <paramref name="count"/> entries are <see cref="Sample"/>'s Latin hypercube, entry count + i is design i at a
    /// Pe from a second, independent Latin hypercube in log Pe. The ratio Nu(a) / Nu(b) of a pair is what the
    /// correlation's Pe trend predicts whatever the geometry's own factor.
    /// </summary>
    public static List<NusseltSample> SamplePairs(DesignRange range, int count, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(rng);
        var first = Sample(range, count, rng);
        var logPe = Strata(Math.Log(range.PecletMin), Math.Log(range.PecletMax), count, rng);
        var pairs = new List<NusseltSample>(2 * count);
        pairs.AddRange(first);
        for (int i = 0; i < count; i++)
        {
            pairs.Add(first[i] with { Peclet = Math.Clamp(Math.Exp(logPe[i]), range.PecletMin, range.PecletMax) });
        }

        return pairs;
    }

    // One uniform draw in each of count equal strata of [low, high], in a random order (Fisher-Yates).
    private static double[] Strata(double low, double high, int count, Rng rng)
    {
        var v = new double[count];
        for (int i = 0; i < count; i++)
        {
            v[i] = Math.Min(high, low + ((high - low) * (i + rng.NextDouble()) / count));
        }

        for (int i = count - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (v[i], v[j]) = (v[j], v[i]);
        }

        return v;
    }
}
