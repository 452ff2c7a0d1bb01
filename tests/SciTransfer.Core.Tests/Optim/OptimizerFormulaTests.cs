using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Optim;

/// <summary>
/// The optimiser helpers against their defining formulas, written out in scalar form in the test (Kingma &amp; Ba
/// 2015, Algorithm 1, with Loshchilov &amp; Hutter's decoupled decay), at the edges the convergence tests do not
/// reach: non-default betas, epsilon and decay, exact schedule boundaries, frozen parameters in clipping,
/// minimum improvement and zero patience in early stopping. Added for Stryker survivors (docs/testing.md).
/// </summary>
public sealed class OptimizerFormulaTests
{
    [Fact]
    public void Three_adam_steps_follow_algorithm_one_with_bias_correction_and_decoupled_decay()
    {
        const double lr = 0.1, b1 = 0.8, b2 = 0.95, eps = 0.3, wd = 0.05;
        double[] grads = [2.0, -0.5, 1.5];
        var p = new Parameter("w", Tensor.FromArray([1.0], 1));
        var adam = new Adam([p], lr, b1, b2, eps, wd);

        // Reference: the paper's scalar recursion, written independently of the code's loop.
        double w = 1.0, m = 0, v = 0;
        for (int t = 1; t <= grads.Length; t++)
        {
            double g = grads[t - 1];
            m = (b1 * m) + ((1 - b1) * g);
            v = (b2 * v) + ((1 - b2) * g * g);
            double mHat = m / (1 - Math.Pow(b1, t)), vHat = v / (1 - Math.Pow(b2, t));
            w -= lr * ((mHat / (Math.Sqrt(vHat) + eps)) + (wd * w));

            p.Grad[0] = g;
            adam.Step();
            Assert.Equal(t, adam.StepCount);
            Assert.Equal(w, p.Value[0], 14);
        }

        // First step by hand: m-hat = g, v-hat = g^2, so the step is lr (g / (|g| + eps) + wd w0)
        // = 0.1 (2 / 2.3 + 0.05) = 0.0919565...
        var q = new Parameter("q", Tensor.FromArray([1.0], 1));
        var adam1 = new Adam([q], lr, b1, b2, eps, wd);
        q.Grad[0] = 2.0;
        adam1.Step();
        Assert.Equal(1.0 - (0.1 * ((2.0 / 2.3) + 0.05)), q.Value[0], 15);
    }

    [Fact]
    public void Adam_takes_its_rate_from_the_schedule_at_the_step_index_before_each_step()
    {
        // With a unit gradient every step is lr_t (m-hat = v-hat = 1, eps 0): w = 0 - sum of 0.5^t for t = 0, 1, 2.
        var p = new Parameter("w", new Tensor(1));
        var adam = new Adam([p], learningRate: 123, epsilon: 0) { Schedule = LearningRateSchedule.Exponential(1.0, 0.5) };
        for (int s = 0; s < 3; s++)
        {
            p.Grad[0] = 1.0;
            adam.Step();
        }

        Assert.Equal(-1.75, p.Value[0], 14);
        Assert.Equal(0.25, adam.LearningRate, 15);
    }

    [Fact]
    public void Zero_grad_clears_every_gradient()
    {
        var a = new Parameter("a", new Tensor(2));
        var b = new Parameter("b", new Tensor(1));
        a.Grad[0] = 1;
        a.Grad[1] = 2;
        b.Grad[0] = 3;
        new Adam([a, b]).ZeroGrad();
        Assert.Equal([0.0, 0.0], a.Grad.Span.ToArray());
        Assert.Equal(0.0, b.Grad[0]);
    }

    [Fact]
    public void Global_norm_clipping_ignores_frozen_parameters_and_rejects_a_non_positive_limit()
    {
        var a = new Parameter("a", new Tensor(2));
        var frozen = new Parameter("f", new Tensor(1)) { Frozen = true };
        a.Grad[0] = 3;
        a.Grad[1] = 4;
        frozen.Grad[0] = 100;
        Assert.Equal(5.0, GradientClipping.ClipGlobalNorm([a, frozen], 2.5), 15);
        Assert.Equal(1.5, a.Grad[0], 15);
        Assert.Equal(2.0, a.Grad[1], 15);
        Assert.Equal(100.0, frozen.Grad[0]);

        // A norm equal to the limit is left as it is.
        Assert.Equal(2.5, GradientClipping.ClipGlobalNorm([a], 2.5), 15);
        Assert.Equal(1.5, a.Grad[0], 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipGlobalNorm([a], 0));
        Assert.Throws<ArgumentNullException>(() => GradientClipping.ClipGlobalNorm(null!, 1));
    }

    [Fact]
    public void Value_clipping_skips_frozen_parameters_and_rejects_a_non_positive_limit()
    {
        var a = new Parameter("a", new Tensor(2));
        var frozen = new Parameter("f", new Tensor(1)) { Frozen = true };
        a.Grad[0] = -3;
        a.Grad[1] = 0.25;
        frozen.Grad[0] = 9;
        GradientClipping.ClipValue([a, frozen], 0.5);
        Assert.Equal([-0.5, 0.25], a.Grad.Span.ToArray());
        Assert.Equal(9.0, frozen.Grad[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipValue([a], 0));
        Assert.Throws<ArgumentNullException>(() => GradientClipping.ClipValue(null!, 1));
    }

    [Fact]
    public void Schedules_switch_exactly_at_their_boundaries()
    {
        // Step decay: factor^floor(s / every) changes between steps 9 and 10.
        var step = LearningRateSchedule.StepDecay(0.1, 0.5, 10);
        Assert.Equal(0.1, step.Rate(9), 15);
        Assert.Equal(0.05, step.Rate(10), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(0.1, 0.5, 0));

        // Cosine from 1 to 0.2 over 100 steps: 0.2 + 0.4 (1 + cos(pi s / 100)); flat at 0.2 afterwards.
        var cos = LearningRateSchedule.Cosine(1.0, 0.2, 100);
        Assert.Equal(0.2 + (0.4 * (1 + (Math.Sqrt(0.5)))), cos.Rate(25), 14);
        Assert.Equal(0.2 + (0.4 * (1 - (Math.Sqrt(0.5)))), cos.Rate(75), 14);
        Assert.Equal(0.2, cos.Rate(100), 15);
        Assert.Equal(0.2, cos.Rate(250), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Cosine(1.0, 0.0, 0));

        // Warm-up over 4 steps to an exponential decay that starts after the warm-up: 0.25, 0.5, 0.75, 1, then 0.5^(s - 4).
        var warm = LearningRateSchedule.Warmup(4, LearningRateSchedule.Exponential(1.0, 0.5));
        Assert.Equal(0.25, warm.Rate(0), 15);
        Assert.Equal(0.75, warm.Rate(2), 15);
        Assert.Equal(1.0, warm.Rate(3), 15);
        Assert.Equal(1.0, warm.Rate(4), 15);
        Assert.Equal(0.25, warm.Rate(6), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Warmup(0, LearningRateSchedule.Constant(1)));
        Assert.Throws<ArgumentNullException>(() => LearningRateSchedule.Warmup(2, null!));
    }

    [Fact]
    public void Early_stopping_counts_only_improvements_larger_than_min_delta()
    {
        var p = new Parameter("w", new Tensor(1));
        var stop = new EarlyStopping([p], patience: 2, minDelta: 0.5);
        Assert.Equal(double.PositiveInfinity, stop.BestLoss);
        Assert.Equal(-1, stop.BestEpoch);
        p.Value[0] = 10;
        Assert.False(stop.Report(4.0));   // epoch 0: first finite loss is an improvement
        p.Value[0] = 11;
        Assert.False(stop.Report(3.5));   // 0.5 lower: not more than min delta, one without improvement
        p.Value[0] = 12;
        Assert.True(stop.Report(3.6));    // two without improvement: stop
        Assert.True(stop.ShouldStop);
        Assert.Equal(3, stop.Epochs);
        Assert.Equal(0, stop.BestEpoch);
        Assert.Equal(4.0, stop.BestLoss);
        stop.RestoreBest();
        Assert.Equal(10.0, p.Value[0]);
    }

    [Fact]
    public void Early_stopping_with_zero_patience_stops_at_the_first_evaluation_without_improvement()
    {
        var p = new Parameter("w", Tensor.FromArray([7.0], 1));
        var stop = new EarlyStopping([p], patience: 0);
        Assert.False(stop.Report(2.0));   // an improvement never stops, even with zero patience
        Assert.False(stop.Report(1.0));
        Assert.True(stop.Report(double.NaN)); // NaN never improves
        Assert.Equal(1.0, stop.BestLoss);
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping([p], patience: -1));
        Assert.Throws<ArgumentNullException>(() => new EarlyStopping(null!, patience: 1));

        // Restoring before any report puts the initial parameters back.
        var fresh = new EarlyStopping([p], patience: 1);
        p.Value[0] = -3;
        fresh.RestoreBest();
        Assert.Equal(7.0, p.Value[0]);
    }
}
