using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Optim;

/// <summary>
/// Properties L-BFGS with a strong-Wolfe line search must have (Nocedal &amp; Wright, ch. 3 and 7), checked from
/// the outside with plain closures (no tape): every accepted step satisfies the sufficient-decrease and
/// curvature conditions with c1 = 1e-4, c2 = 0.9; each stop reason is reached when, and only when, its
/// condition holds; frozen parameters and a cancelled token are honoured; Reset forgets the curvature pairs.
/// Added for Stryker survivors (docs/testing.md): the convergence tests only looked at the end point.
/// </summary>
public sealed class LbfgsPropertyTests
{
    // Rosenbrock (1 - x)^2 + 100 (y - x^2)^2 with its analytic gradient, accumulated into p.Grad.
    private static double Rosenbrock(Parameter p)
    {
        double x = p.Value[0], y = p.Value[1];
        p.Grad[0] += (-2 * (1 - x)) - (400 * x * (y - (x * x)));
        p.Grad[1] += 200 * (y - (x * x));
        return ((1 - x) * (1 - x)) + (100 * (y - (x * x)) * (y - (x * x)));
    }

    private static (double F, double[] G) At(double x, double y)
    {
        var p = new Parameter("q", Tensor.FromArray([x, y], 2));
        double f = Rosenbrock(p);
        return (f, [p.Grad[0], p.Grad[1]]);
    }

    [Fact]
    public void Every_accepted_step_satisfies_the_strong_wolfe_conditions()
    {
        var p = new Parameter("xy", Tensor.FromArray([-1.2, 1.0], 2));
        var lbfgs = new Lbfgs([p], history: 3);
        double x0 = p.Value[0], y0 = p.Value[1];
        int steps = 0;
        for (int k = 0; k < 60; k++)
        {
            var (f0, g0) = At(x0, y0);
            var r = lbfgs.Minimize(() => Rosenbrock(p), 1);
            if (r.Reason != LbfgsStop.MaxIterations)
            {
                break;
            }

            double x1 = p.Value[0], y1 = p.Value[1];
            var (f1, g1) = At(x1, y1);
            double sx = x1 - x0, sy = y1 - y0;
            double slope0 = (g0[0] * sx) + (g0[1] * sy), slope1 = (g1[0] * sx) + (g1[1] * sy);
            Assert.True(slope0 < 0, $"step {k}: not a descent step (g.s = {slope0})");
            Assert.True(f1 <= f0 + (1e-4 * slope0), $"step {k}: no sufficient decrease ({f0} -> {f1}, g.s {slope0})");
            Assert.True(Math.Abs(slope1) <= 0.9 * Math.Abs(slope0) * (1 + 1e-12), $"step {k}: curvature |{slope1}| > 0.9 |{slope0}|");
            Assert.Equal(f1, r.Loss, 12);
            x0 = x1;
            y0 = y1;
            steps++;
        }

        Assert.True(steps >= 20, $"only {steps} steps checked");
        Assert.Equal(1.0, p.Value[0], 1e-6);
    }

    [Fact]
    public void Starting_at_the_minimum_stops_on_the_gradient_tolerance_after_one_evaluation()
    {
        var p = new Parameter("xy", Tensor.FromArray([1.0, 1.0], 2));
        var r = new Lbfgs([p]).Minimize(() => Rosenbrock(p), 10);
        Assert.Equal(new LbfgsResult(0, 0, 1, LbfgsStop.GradientTolerance), r);
    }

    [Fact]
    public void A_gradient_just_above_the_tolerance_is_not_converged()
    {
        // f = (x - 1)^2 / 2 from x = 1 - 2e-10: max |g| = 2e-10 > 1e-10 (default), so one Newton step is taken
        // (the first trial step min(1, 1 / |g|) = 1 is exact for this quadratic).
        var p = new Parameter("x", Tensor.FromArray([1 - 2e-10], 1));
        double Loss()
        {
            double e = p.Value[0] - 1;
            p.Grad[0] += e;
            return 0.5 * e * e;
        }

        var r = new Lbfgs([p]).Minimize(Loss, 5);
        Assert.True(r.Iterations >= 1, r.ToString());
        Assert.Equal(1.0, p.Value[0], 15);

        // A gradient exactly at the tolerance counts as converged (max |g| <= tolerance): g = -0.5 at x = 0.5.
        var atTolerance = new Lbfgs([p]) { GradientTolerance = 0.5 };
        p.Value[0] = 0.5;
        Assert.Equal(new LbfgsResult(0.125, 0, 1, LbfgsStop.GradientTolerance), atTolerance.Minimize(Loss, 5));
    }

    [Fact]
    public void The_budget_and_the_change_tolerance_give_their_stop_reasons()
    {
        var p = new Parameter("xy", Tensor.FromArray([-1.2, 1.0], 2));
        var r = new Lbfgs([p]).Minimize(() => Rosenbrock(p), 3);
        Assert.Equal(LbfgsStop.MaxIterations, r.Reason);
        Assert.Equal(3, r.Iterations);
        Assert.True(r.Evaluations >= 4, r.ToString());
        Assert.Equal(At(p.Value[0], p.Value[1]).F, r.Loss, 12); // the parameters hold the returned point
        Assert.True(r.Loss < 24.2, r.ToString());               // f(-1.2, 1) = 24.2

        p.Value[0] = -1.2;
        p.Value[1] = 1.0;
        var lazy = new Lbfgs([p]) { ChangeTolerance = 1e6 };
        var once = lazy.Minimize(() => Rosenbrock(p), 50);
        Assert.Equal(LbfgsStop.NoProgress, once.Reason);
        Assert.Equal(1, once.Iterations);
    }

    [Fact]
    public void A_lying_gradient_makes_the_line_search_fail_and_restores_the_start()
    {
        // The closure reports the negated gradient of (x - 1)^2: every step along -g goes uphill.
        var p = new Parameter("x", Tensor.FromArray([0.0], 1));
        var r = new Lbfgs([p]).Minimize(() =>
        {
            double e = p.Value[0] - 1;
            p.Grad[0] -= 2 * e;
            return e * e;
        }, 20);
        Assert.Equal(LbfgsStop.LineSearchFailed, r.Reason);
        Assert.Equal(0, r.Iterations);
        Assert.Equal(1.0, r.Loss);
        Assert.Equal(0.0, p.Value[0]);
    }

    [Fact]
    public void Frozen_parameters_neither_move_nor_count()
    {
        var free = new Parameter("a", Tensor.FromArray([0.0], 1));
        var frozen = new Parameter("b", Tensor.FromArray([0.0], 1)) { Frozen = true };
        var r = new Lbfgs([free, frozen]).Minimize(() =>
        {
            double ea = free.Value[0] - 2, eb = frozen.Value[0] + 3;
            free.Grad[0] += 2 * ea;
            frozen.Grad[0] += 2 * eb;
            return (ea * ea) + (eb * eb);
        }, 50);
        Assert.Equal(2.0, free.Value[0], 9);
        Assert.Equal(0.0, frozen.Value[0]);
        Assert.Equal(9.0, r.Loss, 9);
        Assert.Equal(LbfgsStop.GradientTolerance, r.Reason);
    }

    [Fact]
    public void A_cancelled_token_stops_before_the_first_iteration()
    {
        var p = new Parameter("xy", Tensor.FromArray([-1.2, 1.0], 2));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => new Lbfgs([p]).Minimize(() => Rosenbrock(p), 10, cts.Token));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs([p], history: 0));
        Assert.Throws<ArgumentNullException>(() => new Lbfgs([p]).Minimize(null!, 1));
    }

    [Fact]
    public void Reset_forgets_the_curvature_pairs_so_a_run_repeats_a_fresh_optimizer()
    {
        // Same start, same budget: a fresh optimizer and a used one after Reset take identical steps; without
        // the reset the used one starts from stale curvature (and a unit first step) and ends elsewhere.
        var p = new Parameter("xy", Tensor.FromArray([-1.2, 1.0], 2));
        var used = new Lbfgs([p], history: 4);
        used.Minimize(() => Rosenbrock(p), 7);

        double[] Run(Lbfgs o)
        {
            p.Value[0] = -1.2;
            p.Value[1] = 1.0;
            o.Minimize(() => Rosenbrock(p), 6);
            return [p.Value[0], p.Value[1]];
        }

        double[] stale = Run(used);
        used.Reset();
        double[] reset = Run(used);
        double[] fresh = Run(new Lbfgs([p], history: 4));
        Assert.Equal(fresh, reset);
        Assert.NotEqual(fresh, stale);
    }
}
