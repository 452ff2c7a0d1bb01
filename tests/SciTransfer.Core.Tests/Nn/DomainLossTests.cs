using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;
using SciTransfer.Core.Tests.Autodiff;

namespace SciTransfer.Core.Tests.Nn;

public class DomainLossTests
{
    private static Tensor R(ulong seed, int n, int d, double shift = 0)
    {
        var t = GradCheck.Random(new Rng(seed), -1, 1, n, d);
        for (int i = 0; i < t.Length; i++)
        {
            t[i] += shift;
        }

        return t;
    }

    private static double[,] Cov(Tensor x)
    {
        int n = x.Shape[0], d = x.Shape[1];
        var c = new double[d, d];
        for (int a = 0; a < d; a++)
        {
            for (int b = 0; b < d; b++)
            {
                double ma = 0, mb = 0;
                for (int i = 0; i < n; i++)
                {
                    ma += x[(i * d) + a] / n;
                    mb += x[(i * d) + b] / n;
                }

                for (int i = 0; i < n; i++)
                {
                    c[a, b] += (x[(i * d) + a] - ma) * (x[(i * d) + b] - mb) / (n - 1);
                }
            }
        }

        return c;
    }

    [Fact]
    public void Transpose_swaps_indices_and_passes_a_gradcheck()
    {
        var x = R(1, 3, 4);
        var t = Ops.Transpose(new Tape().Constant(x)).Value;
        Assert.Equal([4, 3], t.Shape.ToArray());
        Assert.Equal(x[(2 * 4) + 1], t[(1 * 3) + 2]);
        Assert.True(GradCheck.MaxRelativeError((tape, v) => GradCheck.WeightedSum(Ops.Transpose(v[0]), 3), [x]) < 1e-6);
    }

    [Fact]
    public void Coral_loss_equals_the_squared_frobenius_distance_of_loop_computed_covariances_over_4_d_squared()
    {
        var s = R(2, 9, 3);
        var t = R(3, 7, 3, 0.4);
        var tape = new Tape();
        double loss = DomainLosses.Coral(tape.Constant(s), tape.Constant(t)).Item;
        double[,] cs = Cov(s), ct = Cov(t);
        double f = 0;
        for (int a = 0; a < 3; a++)
        {
            for (int b = 0; b < 3; b++)
            {
                f += Math.Pow(cs[a, b] - ct[a, b], 2);
            }
        }

        Assert.Equal(f / 36, loss, 12);
        Assert.True(GradCheck.MaxRelativeError((tp, v) => DomainLosses.Coral(v[0], v[1]), [s, t]) < 1e-6);
    }

    [Fact]
    public void Mmd_equals_a_loop_computed_multi_kernel_statistic_and_passes_a_gradcheck_at_fixed_bandwidth()
    {
        var s = R(4, 6, 2);
        var t = R(5, 5, 2, 0.5);
        const double sigma2 = 0.8;
        double K(Tensor a, int i, Tensor b, int j)
        {
            double d2 = Math.Pow(a[2 * i] - b[2 * j], 2) + Math.Pow(a[(2 * i) + 1] - b[(2 * j) + 1], 2);
            return DomainLosses.BandwidthMultipliers.Average(c => Math.Exp(-d2 / (2 * c * sigma2)));
        }

        double Mean(Tensor a, int na, Tensor b, int nb)
        {
            double sum = 0;
            for (int i = 0; i < na; i++)
            {
                for (int j = 0; j < nb; j++)
                {
                    sum += K(a, i, b, j);
                }
            }

            return sum / (na * nb);
        }

        double expected = Mean(s, 6, s, 6) + Mean(t, 5, t, 5) - (2 * Mean(s, 6, t, 5));
        var tape = new Tape();
        Assert.Equal(expected, DomainLosses.Mmd(tape.Constant(s), tape.Constant(t), sigma2).Item, 12);
        Assert.True(GradCheck.MaxRelativeError((tp, v) => DomainLosses.Mmd(v[0], v[1], sigma2), [s, t]) < 1e-6);
    }

    [Fact]
    public void Mmd_is_zero_for_identical_samples_and_grows_with_a_shift()
    {
        var s = R(6, 20, 3);
        var tape = new Tape();
        Assert.Equal(0.0, DomainLosses.Mmd(tape.Constant(s), tape.Constant(s)).Item, 12);
        double small = DomainLosses.Mmd(tape.Constant(s), tape.Constant(R(7, 20, 3, 0.2))).Item;
        double large = DomainLosses.Mmd(tape.Constant(s), tape.Constant(R(7, 20, 3, 1.5))).Item;
        Assert.True(small > 0 && large > small, $"{small} {large}");
    }
}
