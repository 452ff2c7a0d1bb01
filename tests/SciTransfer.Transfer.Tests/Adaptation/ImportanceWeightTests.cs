using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Adaptation;

namespace SciTransfer.Transfer.Tests.Adaptation;

public class ImportanceWeightTests
{
    // log N(x; m, s^2 I) - log N(x; 0, I) in d dimensions.
    private static double TrueLogRatio(Vector<double> x, Vector<double> m, double s) =>
        (-(x - m).DotProduct(x - m) / (2 * s * s)) - (x.Count * Math.Log(s)) + (x.DotProduct(x) / 2);

    [Fact]
    public void The_classifier_recovers_the_log_ratio_of_two_gaussians_with_different_means_and_scales()
    {
        var rng = new Rng(3);
        var m = Vector<double>.Build.DenseOfArray([0.8, -0.4]);
        const double s = 0.7;
        var xs = CoralTests.Gaussian(rng, 6000, Vector<double>.Build.Dense(2), Matrix<double>.Build.DenseIdentity(2));
        var xt = CoralTests.Gaussian(rng, 3000, m, Matrix<double>.Build.DenseIdentity(2) * s);
        var ratio = DensityRatio.Fit(xs, xt);
        // Points in the target's bulk (where importance weights matter): within one target std of its mean.
        foreach (var (dx, dy) in new[] { (0.0, 0.0), (0.5, 0.0), (-0.5, 0.3), (0.2, -0.6), (-0.3, -0.3) })
        {
            var x = m + Vector<double>.Build.DenseOfArray([dx, dy]);
            Assert.InRange(ratio.LogRatio(x) - TrueLogRatio(x, m, s), -0.15, 0.15);
        }
    }

    [Fact]
    public void A_linear_classifier_recovers_a_pure_mean_shift_ratio()
    {
        var rng = new Rng(5);
        var m = Vector<double>.Build.DenseOfArray([1.0]);
        var xs = CoralTests.Gaussian(rng, 4000, Vector<double>.Build.Dense(1), Matrix<double>.Build.DenseIdentity(1));
        var xt = CoralTests.Gaussian(rng, 4000, m, Matrix<double>.Build.DenseIdentity(1));
        var ratio = DensityRatio.Fit(xs, xt, new DensityRatioOptions(Quadratic: false));
        foreach (double x in new[] { -0.5, 0.0, 0.5, 1.0, 1.5, 2.0 })
        {
            // log ratio = x - 1/2 for N(1, 1) over N(0, 1).
            Assert.InRange(ratio.LogRatio(Vector<double>.Build.DenseOfArray([x])) - (x - 0.5), -0.1, 0.1);
        }
    }

    [Fact]
    public void Weighted_source_averages_match_target_averages()
    {
        var rng = new Rng(8);
        var m = Vector<double>.Build.DenseOfArray([0.7, 0.3]);
        var xs = CoralTests.Gaussian(rng, 5000, Vector<double>.Build.Dense(2), Matrix<double>.Build.DenseIdentity(2));
        var xt = CoralTests.Gaussian(rng, 2000, m, Matrix<double>.Build.DenseIdentity(2) * 0.8);
        var w = new ImportanceWeights().Estimate(xs, xt);
        Assert.Equal(1.0, w.Average(), 12);
        // E_s[w x] = E_t[x] = m, and E_s[w x0^2] = E_t[x0^2] = 0.64 + 0.49.
        var weightedMean = xs.TransposeThisAndMultiply(w) / xs.RowCount;
        Assert.True((weightedMean - m).InfinityNorm() < 0.06, $"weighted mean {weightedMean}");
        double second = xs.Column(0).PointwiseMultiply(xs.Column(0)).DotProduct(w) / xs.RowCount;
        Assert.InRange(second, 1.13 - 0.1, 1.13 + 0.1);
        Assert.True(ImportanceWeights.EffectiveSampleSize(w) < xs.RowCount);
    }

    [Fact]
    public void Clipping_caps_each_weight_at_the_given_multiple_of_the_mean_and_keeps_mean_one()
    {
        var w = Vector<double>.Build.DenseOfArray([1, 1, 1, 97]);
        var c = ImportanceWeights.ClipAndNormalise(w, 2);
        // Mean 25, cap 50: [1, 1, 1, 50] / 13.25.
        Assert.Equal(1 / 13.25, c[0], 12);
        Assert.Equal(50 / 13.25, c[3], 12);
        Assert.Equal(1.0, c.Average(), 12);
    }
}
