using MathNet.Numerics.LinearAlgebra;

namespace SciTransfer.Transfer.Adaptation;

/// <summary>
/// Importance weights of source samples for covariate shift (Shimodaira 2000): w_i = p_t(x_i) / p_s(x_i), estimated by
/// a <see cref="DensityRatio"/> classifier on unlabelled inputs, clipped at <paramref name="MaxWeight"/> times their mean
/// (large ratios make the weighted fit's variance explode) and rescaled to mean 1.
/// </summary>
/// <param name="MaxWeight">Clip level, in units of the mean weight before clipping.</param>
/// <param name="Ratio">Options of the density-ratio classifier.</param>
public sealed record ImportanceWeights(double MaxWeight = 20, DensityRatioOptions? Ratio = null)
{
    /// <summary>Weights (mean 1, length n_s) of the rows of <paramref name="source"/> for the target inputs <paramref name="target"/>.</summary>
    public Vector<double> Estimate(Matrix<double> source, Matrix<double> target)
    {
        var ratio = DensityRatio.Fit(source, target, Ratio);
        return ClipAndNormalise(ratio.Ratios(source), MaxWeight);
    }

    /// <summary>Clips <paramref name="w"/> at <paramref name="maxWeight"/> times its mean, then rescales it to mean 1.</summary>
    public static Vector<double> ClipAndNormalise(Vector<double> w, double maxWeight)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (!(maxWeight > 0))
        {
            throw new ArgumentException($"ImportanceWeights: clip level must be positive, got {maxWeight}");
        }

        double cap = maxWeight * w.Average();
        var clipped = w.Map(v => Math.Min(v, cap));
        return clipped / clipped.Average();
    }

    /// <summary>Kish's effective sample size (sum w)^2 / sum w^2: how many unweighted samples the weighted set is worth.</summary>
    public static double EffectiveSampleSize(Vector<double> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        double s = w.Sum();
        return s * s / w.DotProduct(w);
    }
}
