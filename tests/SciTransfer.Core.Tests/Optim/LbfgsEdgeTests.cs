using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Optim;

/// <summary>
/// L-BFGS paths the trace and property tests do not reach, each with its expected evaluation sequence or stop
/// worked out by hand: a line search that runs out of doublings on an unbounded linear loss (and the
/// zero-curvature pair it must not store), the first-step rule t0 = min(1, 1 / sum |g|) lr of the first iteration
/// only, the change tolerance on the loss and on the step separately, a zoom that cannot find a decrease
/// and stops once its bracket is below the rounding of x, and scripted closures that put the strong-Wolfe
/// tests exactly on their boundaries (N&amp;W Alg. 3.5/3.6: sufficient decrease is "&lt;=", curvature "&lt;=",
/// a zoom trial no lower than the bracket's low end fails, and an exhausted zoom returns its low end).
/// </summary>
public sealed class LbfgsEdgeTests
{
    /// <summary>1-D minimisation from x = 0; returns the result and every evaluated x.</summary>
    private static (LbfgsResult R, List<double> Xs, double X) Run(
        Func<double, (double F, double G)> fn, int iterations, double learningRate = 1, int maxLineSearch = 25, double changeTolerance = 1e-14)
    {
        var p = new Parameter("x", Tensor.FromArray([0.0], 1));
        var xs = new List<double>();
        var lbfgs = new Lbfgs([p], learningRate: learningRate) { MaxLineSearch = maxLineSearch, ChangeTolerance = changeTolerance };
        var r = lbfgs.Minimize(() =>
        {
            double x = p.Value[0];
            xs.Add(x);
            var (f, g) = fn(x);
            p.Grad[0] += g;
            return f;
        }, iterations);
        return (r, xs, p.Value[0]);
    }

    [Fact]
    public void An_unbounded_linear_loss_doubles_until_the_line_search_budget_and_stores_no_pair()
    {
        // f = -4x: g = -4 everywhere, d = 4. Iteration 0: t0 = min(1, 1/4) = 0.25, so x = 1, 2, 4, 8, 16 (5 trials,
        // curvature never met: |phi'| = 16 = |phi'(0)|), accepted at the last one. y = 0, so s.y = 0: no pair, the
        // direction stays -g. Iteration 1: t0 = lr = 1 (not the first iteration): x = 16 + 4, 8, 16, 32, 64.
        var (r, xs, x) = Run(x => (-4 * x, -4), iterations: 2, maxLineSearch: 5);
        Assert.Equal([0.0, 1, 2, 4, 8, 16, 20, 24, 32, 48, 80], xs);
        Assert.Equal(new LbfgsResult(-320, 2, 11, LbfgsStop.MaxIterations), r);
        Assert.Equal(80.0, x);
    }

    [Fact]
    public void A_quadratic_doubles_to_the_curvature_condition_then_takes_the_exact_newton_step()
    {
        // f = (x - 100)^2 / 2: g(0) = -100, t0 = 1/100, d = 100, phi'(a) = 100 (100 a - 100). Trials x = 1, 2, 4, 8 fail
        // |phi'| <= 0.9 * 10^4 (9900, 9800, 9600, 9200); x = 16 gives 8400: accepted. The pair s = y = 16 gives
        // gamma = 1, H = 1: d = 84, t = 1, x = 100, g = 0. Change tolerance 0.05 is below every change and step.
        static (double, double) F(double x) => ((x - 100) * (x - 100) / 2, x - 100);
        var (r, xs, x) = Run(F, iterations: 10, changeTolerance: 0.05);
        Assert.Equal([0.0, 1, 2, 4, 8, 16, 100], xs);
        Assert.Equal(new LbfgsResult(0, 2, 7, LbfgsStop.GradientTolerance), r);
        Assert.Equal(100.0, x);

        // The first step moved t max|d| = 0.16 * 100 = 16 (< 20) while the loss fell by 1472 (> 20): a short step
        // alone is "no progress".
        var (shortStep, _, x16) = Run(F, iterations: 10, changeTolerance: 20);
        Assert.Equal(new LbfgsResult(3528, 1, 6, LbfgsStop.NoProgress), shortStep);
        Assert.Equal(16.0, x16);
    }

    [Fact]
    public void A_non_descent_direction_forgets_the_curvature_pairs()
    {
        // Run 1 stores the pair s = y = 16 and ends at the minimum x = 100 (as above). Run 2 starts there with the
        // gradient test disabled: g = 0 gives d = 0, not a descent direction, so the pairs are dropped (the step of
        // length 0 stores none). Run 3 from x = 0 then starts like a fresh optimizer (t0 = 1/100: 1, 2, 4, 8, 16,
        // 100); with the pair kept it would take the Newton step to 100 at once.
        var p = new Parameter("x", Tensor.FromArray([0.0], 1));
        var xs = new List<double>();
        double Loss()
        {
            double x = p.Value[0];
            xs.Add(x);
            p.Grad[0] += x - 100;
            return (x - 100) * (x - 100) / 2;
        }

        var lbfgs = new Lbfgs([p]);
        Assert.Equal(LbfgsStop.GradientTolerance, lbfgs.Minimize(Loss, 10).Reason);
        Assert.Equal(100.0, p.Value[0]);
        lbfgs.GradientTolerance = -1;
        Assert.Equal(LbfgsStop.NoProgress, lbfgs.Minimize(Loss, 1).Reason);
        lbfgs.GradientTolerance = 1e-10;
        p.Value[0] = 0;
        xs.Clear();
        lbfgs.Minimize(Loss, 10);
        Assert.Equal([0.0, 1, 2, 4, 8, 16, 100], xs);
    }

    [Fact]
    public void A_small_loss_change_alone_is_no_progress_even_after_a_long_step()
    {
        // f = 1e-6 (x - 5)^2 / 2 with lr = 1e6: t0 = min(1, 1 / 5e-6) 1e6 = 1e6, d = 5e-6: the Newton step to x = 5
        // (5 long) lowers the loss by only 1.25e-5 < 1e-3.
        var (r, xs, x) = Run(x => (1e-6 * (x - 5) * (x - 5) / 2, 1e-6 * (x - 5)), iterations: 10, learningRate: 1e6, changeTolerance: 1e-3);
        Assert.Equal([0.0, 5], xs);
        Assert.Equal(new LbfgsResult(0, 1, 2, LbfgsStop.NoProgress), r);
        Assert.Equal(5.0, x);
    }

    [Fact]
    public void The_first_trial_is_a_full_step_when_the_gradient_is_small()
    {
        // |g| = 0.5 < 1: t0 = min(1, 2) = 1, so the first trial is x = 0.5; f = x^2/4 - x/2 has phi'(1) = -0.125 along
        // d = 0.5, |phi'| <= 0.9 * 0.25: accepted.
        var (r, xs, _) = Run(x => ((x * x / 4) - (x / 2), (x / 2) - 0.5), iterations: 1);
        Assert.Equal([0.0, 0.5], xs);
        Assert.Equal(LbfgsStop.MaxIterations, r.Reason);
    }

    [Fact]
    public void No_line_search_budget_fails_without_moving()
    {
        var (r, xs, x) = Run(x => ((x - 1) * (x - 1), 2 * (x - 1)), iterations: 5, maxLineSearch: 0);
        Assert.Equal(new LbfgsResult(1, 0, 1, LbfgsStop.LineSearchFailed), r);
        Assert.Equal([0.0], xs);
        Assert.Equal(0.0, x);
    }

    [Fact]
    public void A_zoom_without_decrease_stops_when_the_bracket_is_below_rounding()
    {
        // The closure reports the negated gradient of (x - 1)^2: at 0 it says g = 2, so d = -2 goes uphill.
        // t0 = 1/2 (x = -1, f = 4) fails; every trial fails, the trial derivatives contradict the values so the
        // cubic is rejected and the bracket [0, a] halves: a_j = 2^-(j+1). The zoom stops before trial j once
        // width |d| = 2^-j < 1e-16 max(1, |x|) = 1e-16, i.e. at j = 54: 54 zoom trials + the start + the first trial.
        var (r, xs, x) = Run(x => ((x - 1) * (x - 1), -2 * (x - 1)), iterations: 5, maxLineSearch: 1000);
        Assert.Equal(new LbfgsResult(1, 0, 56, LbfgsStop.LineSearchFailed), r);
        Assert.True(Math.Abs(xs[^1]) < 1e-16 && xs[^1] < 0, $"last trial {xs[^1]}");
        Assert.Equal(0.0, x);
    }

    /// <summary>
    /// A closure whose answers are scripted by call: the start answers (0, g = -1), so d = 1 and the trial x
    /// equals the step a; each new point takes the next scripted (f, g); a point seen before gets its old answer.
    /// </summary>
    private static (LbfgsResult R, List<double> Xs, double X) Scripted(double learningRate, int maxLineSearch, params (double F, double G)[] answers)
    {
        var seen = new Dictionary<double, (double, double)> { [0.0] = (0.0, -1.0) };
        int next = 0;
        return Run(x =>
        {
            if (!seen.TryGetValue(x, out var fg))
            {
                fg = answers[next++];
                seen[x] = fg;
            }

            return fg;
        }, iterations: 1, learningRate, maxLineSearch);
    }

    [Fact]
    public void An_exhausted_zoom_returns_and_re_evaluates_its_best_point()
    {
        // a = 4 fails (f = 10). Zoom trial 1 (inside (0, 4)) decreases (f = -1) with phi' = -0.95: no curvature, and
        // the slope points on towards hi, so it becomes lo. Zoom trial 2 fails (f = 5). Budget 2 used: the result
        // is lo, evaluated again so that the gradient kept belongs to it.
        var (r, xs, x) = Scripted(4, 2, (10, 5), (-1, -0.95), (5, 1));
        Assert.Equal(5, xs.Count);
        Assert.Equal(xs[2], xs[4]);
        Assert.NotEqual(xs[2], xs[3]);
        Assert.Equal(xs[2], x);
        Assert.Equal(new LbfgsResult(-1, 1, 5, LbfgsStop.MaxIterations), r);
    }

    [Fact]
    public void A_zoom_trial_only_as_low_as_the_low_end_fails()
    {
        // As above, but zoom trial 2 equals f(lo) = -1 with a slope that would pass the curvature test: it is not
        // lower than lo, so it only shrinks the bracket, and lo (trial 1) is returned.
        var (r, xs, x) = Scripted(4, 2, (10, 5), (-1, -0.95), (-1, -0.1));
        Assert.Equal(xs[2], x);
        Assert.Equal(xs[2], xs[^1]);
        Assert.Equal(5, r.Evaluations);
    }

    [Fact]
    public void An_expansion_trial_only_as_low_as_the_previous_one_starts_a_zoom()
    {
        // a = 1: f = -1, phi' = -0.95 (decrease, no curvature, still descending): double. a = 2: f = -1 again, with a
        // slope that would pass: not lower than the previous trial, so zoom (1, 2); its trial in (1.1, 1.9) is
        // accepted (phi' = 0).
        var (r, xs, x) = Scripted(1, 25, (-1, -0.95), (-1, -0.1), (-2, 0));
        Assert.Equal(4, xs.Count);
        Assert.Equal([0.0, 1, 2], xs.Take(3));
        Assert.InRange(xs[3], 1.1, 1.9);
        Assert.Equal(xs[3], x);
        Assert.Equal(-2.0, r.Loss);
    }

    [Fact]
    public void The_wolfe_tests_accept_their_boundaries()
    {
        // Sufficient decrease exactly on the line f0 + c1 a phi'(0) = -1e-4 (a = 1) with |phi'| = 0.9 |phi'(0)|
        // exactly: both are "<=", so a = 1 is accepted at once.
        var (r, xs, x) = Scripted(1, 25, (-1e-4, -0.9));
        Assert.Equal([0.0, 1], xs);
        Assert.Equal(1.0, x);
        Assert.Equal(2, r.Evaluations);

        // In the zoom: a = 4 fails, the zoom trial lands on the curvature boundary |phi'| = 0.9: accepted.
        var (rz, xz, _) = Scripted(4, 25, (10, 5), (-1, 0.9));
        Assert.Equal(3, xz.Count);
        Assert.Equal(3, rz.Evaluations);
    }
}
