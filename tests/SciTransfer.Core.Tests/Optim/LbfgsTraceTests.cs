using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Optim;

/// <summary>
/// Issue 21 (Stryker survivors in <see cref="Lbfgs"/>): the points where L-BFGS evaluates the loss, pinned to
/// values worked out independently of the code.
/// <list type="bullet">
/// <item>Line search (Nocedal &amp; Wright Alg. 3.5/3.6) on the cubic phi(a) = a^3/3 - a (start 0, slope -1):
/// the cubic interpolation of N&amp;W eq. 3.59 is exact for a cubic, so every interpolated trial is the true
/// minimiser a = 1, whichever bracket it comes from; the bisections, the 10 % safeguard and the doubling
/// are worked out by hand in each case's comment.</item>
/// <item>Search directions: d_k = -H_k g_k with H_k the dense inverse-BFGS matrix built by the textbook
/// update H+ = (I - rho s y^T) H (I - rho y s^T) + rho s s^T from H0 = gamma I over the last m pairs
/// (N&amp;W eq. 6.17, 7.20), not by the two-loop recursion the code uses.</item>
/// </list>
/// Before these, a mutated interpolation or bracket update still found a Wolfe step (more slowly) and every
/// end-point test passed.
/// </summary>
public sealed class LbfgsTraceTests
{
    /// <summary>Minimises phi(x) = x^3/3 - x from x = 0 for one iteration and returns the evaluated x values.</summary>
    private static List<double> CubicTrace(double learningRate, double barrier = double.PositiveInfinity)
    {
        var p = new Parameter("x", Tensor.FromArray([0.0], 1));
        var trace = new List<double>();
        var lbfgs = new Lbfgs([p], learningRate: learningRate);
        lbfgs.Minimize(() =>
        {
            double x = p.Value[0];
            trace.Add(x);
            if (x >= barrier)
            {
                return double.NaN; // the loss is undefined past the barrier (e.g. a diverged simulation)
            }

            p.Grad[0] += (x * x) - 1;
            return (x * x * x / 3) - x;
        }, 1);
        return trace;
    }

    private static void AssertTrace(double[] expected, List<double> actual)
    {
        Assert.True(expected.Length == actual.Count, $"trace [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}]");
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-12, $"trial {i}: {actual[i]}, expected {expected[i]} (trace [{string.Join(", ", actual)}])");
        }
    }

    [Fact]
    public void An_overshooting_first_trial_is_zoomed_to_the_exact_cubic_minimiser()
    {
        // g = -1 so the first trial is min(1, 1/|g|) * lr = 3: phi(3) = 6 > 0 fails sufficient decrease. The cubic
        // through (0, 0, -1) and (3, 6, 8) is phi itself, minimiser 1 (inside the safeguard [0.3, 2.7]); phi'(1) = 0.
        AssertTrace([0, 3, 1], CubicTrace(3));
    }

    [Fact]
    public void A_trial_past_the_minimum_with_decrease_zooms_back_from_it()
    {
        // a = 1.5: phi = -0.375 (sufficient decrease) but phi' = 1.25 > 0.9 |phi'(0)| and positive: the bracket is
        // (lo 1.5, hi 0); the cubic through both ends is phi again, minimiser 1 in [0.15, 1.35].
        AssertTrace([0, 1.5, 1], CubicTrace(1.5));
    }

    [Fact]
    public void Short_trials_double_until_the_curvature_condition_holds()
    {
        // phi'(a) = a^2 - 1: -0.9975, -0.99, -0.96 fail |phi'| <= 0.9; at 0.4 it is -0.84: accepted.
        AssertTrace([0, 0.05, 0.1, 0.2, 0.4], CubicTrace(0.05));
    }

    [Fact]
    public void An_interpolated_point_outside_the_safeguard_is_replaced_by_the_midpoint()
    {
        // a = 12: phi = 564 > 0. The cubic gives 1 < 0.1 * 12 = 1.2, so the midpoint 6 is tried: phi(6) = 66, still
        // too high, so hi = 6; now 1 lies inside [0.6, 5.4] and is taken.
        AssertTrace([0, 12, 6, 1], CubicTrace(12));
    }

    [Fact]
    public void A_non_finite_loss_is_bisected_and_the_bracket_flips_when_the_slope_turns_positive()
    {
        // a = 3 gives NaN (barrier at 2): no derivative there, so bisect to 1.5: phi = -0.375 (decrease),
        // phi' = 1.25 > 0 with hi - lo = 3 > 0, so hi becomes the old lo 0 (with its slope) and lo = 1.5;
        // the cubic through (1.5, -0.375, 1.25) and (0, 0, -1) gives 1.
        AssertTrace([0, 3, 1.5, 1], CubicTrace(3, barrier: 2));
    }

    [Fact]
    public void Search_directions_equal_the_dense_inverse_bfgs_matrix_of_the_last_m_pairs()
    {
        foreach (int history in new[] { 1, 2, 5 })
        {
            CheckDirections(history);
        }
    }

    // f(x) = x^T A x / 2 + 0.1 sum x_i^4 + 0.3 x_0 (convex, not quadratic, so the pairs differ every step).
    private static readonly double[,] A = { { 3, 1, 0 }, { 1, 2, 0.5 }, { 0, 0.5, 1 } };

    private static double Loss(double[] x, double[] g)
    {
        double f = 0.3 * x[0];
        for (int i = 0; i < 3; i++)
        {
            double ax = 0;
            for (int j = 0; j < 3; j++)
            {
                ax += A[i, j] * x[j];
            }

            f += (0.5 * x[i] * ax) + (0.1 * Math.Pow(x[i], 4));
            g[i] = ax + (0.4 * Math.Pow(x[i], 3)) + (i == 0 ? 0.3 : 0);
        }

        return f;
    }

    private static void CheckDirections(int history)
    {
        var p = new Parameter("x", Tensor.FromArray([1.0, -1.5, 2.0], 3));
        var lbfgs = new Lbfgs([p], history: history);
        var pairsS = new List<double[]>();
        var pairsY = new List<double[]>();
        for (int k = 0; k < 8; k++)
        {
            var evals = new List<(double[] X, double[] G)>();
            var r = lbfgs.Minimize(() =>
            {
                double[] x = [p.Value[0], p.Value[1], p.Value[2]];
                var g = new double[3];
                double f = Loss(x, g);
                for (int i = 0; i < 3; i++)
                {
                    p.Grad[i] += g[i];
                }

                evals.Add((x, g));
                return f;
            }, 1);
            Assert.Equal(LbfgsStop.MaxIterations, r.Reason);

            // evals[0] = start of this call (x_k), evals[1] = first trial x_k + t0 d_k, last = accepted point.
            var (xk, gk) = evals[0];
            var (x1, g1) = evals[^1];
            double[] expected = Mul(DenseInverseHessian(pairsS, pairsY), gk);
            double t0 = k == 0 ? Math.Min(1, 1 / (Math.Abs(gk[0]) + Math.Abs(gk[1]) + Math.Abs(gk[2]))) : 1;
            for (int i = 0; i < 3; i++)
            {
                double trial = xk[i] - (t0 * expected[i]);
                Assert.True(Math.Abs(evals[1].X[i] - trial) < 1e-10 * (1 + Math.Abs(trial)), $"m = {history}, iteration {k}, x[{i}] = {evals[1].X[i]}, expected {trial}");
            }

            Assert.Equal([x1[0], x1[1], x1[2]], [p.Value[0], p.Value[1], p.Value[2]]);
            pairsS.Add([x1[0] - xk[0], x1[1] - xk[1], x1[2] - xk[2]]);
            pairsY.Add([g1[0] - gk[0], g1[1] - gk[1], g1[2] - gk[2]]);
            if (pairsS.Count > history)
            {
                pairsS.RemoveAt(0);
                pairsY.RemoveAt(0);
            }
        }
    }

    /// <summary>H from H0 = (s.y / y.y) I of the newest pair, updated by each pair oldest first (N&amp;W eq. 6.17).</summary>
    private static double[,] DenseInverseHessian(List<double[]> s, List<double[]> y)
    {
        var h = new double[3, 3];
        double gamma = s.Count == 0 ? 1 : Dot(s[^1], y[^1]) / Dot(y[^1], y[^1]);
        for (int i = 0; i < 3; i++)
        {
            h[i, i] = gamma;
        }

        for (int k = 0; k < s.Count; k++)
        {
            double rho = 1 / Dot(s[k], y[k]);
            var v = new double[3, 3]; // V = I - rho y s^T, so H+ = V^T H V + rho s s^T
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    v[i, j] = (i == j ? 1 : 0) - (rho * y[k][i] * s[k][j]);
                }
            }

            var next = new double[3, 3];
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    double sum = rho * s[k][i] * s[k][j];
                    for (int a = 0; a < 3; a++)
                    {
                        for (int b = 0; b < 3; b++)
                        {
                            sum += v[a, i] * h[a, b] * v[b, j];
                        }
                    }

                    next[i, j] = sum;
                }
            }

            h = next;
        }

        return h;
    }

    private static double[] Mul(double[,] h, double[] g) =>
        [.. Enumerable.Range(0, 3).Select(i => (h[i, 0] * g[0]) + (h[i, 1] * g[1]) + (h[i, 2] * g[2]))];

    private static double Dot(double[] a, double[] b) => (a[0] * b[0]) + (a[1] * b[1]) + (a[2] * b[2]);
}
