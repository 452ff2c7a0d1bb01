using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Adaptation;

namespace SciTransfer.Transfer.Tests.Adaptation;

public class CoralTests
{
    internal static Matrix<double> Gaussian(Rng rng, int n, Vector<double> mean, Matrix<double> mix)
    {
        var z = Matrix<double>.Build.Dense(n, mean.Count, (_, _) => rng.Normal());
        var x = z * mix;
        for (int i = 0; i < n; i++)
        {
            x.SetRow(i, x.Row(i) + mean);
        }

        return x;
    }

    private static (Matrix<double> S, Matrix<double> T) Pair(int d = 4)
    {
        var rng = new Rng(11);
        var ms = Matrix<double>.Build.Dense(d, d, (_, _) => rng.Normal());
        var mt = Matrix<double>.Build.Dense(d, d, (_, _) => 0.5 * rng.Normal());
        var s = Gaussian(rng, 300, Vector<double>.Build.Dense(d, j => j), ms);
        var t = Gaussian(rng, 200, Vector<double>.Build.Dense(d, j => -2.0 + j), mt);
        return (s, t);
    }

    [Fact]
    public void Without_regularisation_the_aligned_source_has_the_target_covariance_and_mean()
    {
        var (s, t) = Pair();
        var aligned = Coral.Align(s, t, lambda: 0);
        var (ca, ma) = Coral.Covariance(aligned);
        var (ct, mt) = Coral.Covariance(t);
        Assert.True((ca - ct).InfinityNorm() < 1e-10, $"covariance differs by {(ca - ct).InfinityNorm()}");
        Assert.True((ma - mt).InfinityNorm() < 1e-10);
    }

    [Fact]
    public void With_regularisation_the_map_carries_the_regularised_source_covariance_onto_the_regularised_target_covariance()
    {
        var (s, t) = Pair();
        const double lambda = 0.7;
        var (a, _, _) = Coral.Fit(s, t, lambda);
        var eye = Matrix<double>.Build.DenseIdentity(4) * lambda;
        var lhs = a.Transpose() * (Coral.Covariance(s).Covariance + eye) * a;
        var rhs = Coral.Covariance(t).Covariance + eye;
        Assert.True((lhs - rhs).InfinityNorm() < 1e-10, $"A' C_s A - C_t = {(lhs - rhs).InfinityNorm()}");
        // The aligned sample covariance is C_t + lambda I - lambda A'A, i.e. (aligned cov) + lambda A'A = C_t + lambda I.
        var ca = Coral.Covariance(Coral.Align(s, t, lambda)).Covariance;
        Assert.True((ca + (lambda * a.Transpose() * a) - rhs).InfinityNorm() < 1e-10);
    }

    [Fact]
    public void For_diagonal_covariances_the_map_scales_each_axis_by_the_ratio_of_standard_deviations()
    {
        // Independent hand computation: C_s = diag(4, 1), C_t = diag(1, 9) (exact by construction), so A = diag(1/2, 3).
        var s = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 1 }, { -2, 1 }, { 2, -1 }, { -2, -1 } });
        var t = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 3 }, { -1, 3 }, { 1, -3 }, { -1, -3 } });
        // Sample covariances with divisor n - 1 = 3: diag(16/3, 4/3) and diag(4/3, 36/3).
        var (a, _, _) = Coral.Fit(s, t, 0);
        Assert.Equal(0.5, a[0, 0], 12);
        Assert.Equal(3.0, a[1, 1], 12);
        Assert.Equal(0.0, a[0, 1], 12);
        Assert.Equal(0.0, a[1, 0], 12);
    }

    [Fact]
    public void A_singular_covariance_without_regularisation_is_refused_with_a_clear_message()
    {
        var s = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1 }, { 2, 2 }, { 3, 3 } });
        var ex = Assert.Throws<ArgumentException>(() => Coral.Align(s, s, 0));
        Assert.Contains("singular", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, Coral.Align(s, s, 0.1).RowCount);
    }
}
