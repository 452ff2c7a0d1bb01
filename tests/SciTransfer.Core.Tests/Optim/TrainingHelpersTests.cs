using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Optim;

public class TrainingHelpersTests
{
    [Fact]
    public void Global_norm_clipping_rescales_to_the_limit_and_reports_the_original_norm()
    {
        var a = new Parameter("a", new Tensor(2));
        var b = new Parameter("b", new Tensor(1));
        a.Grad[0] = 3;
        a.Grad[1] = 0;
        b.Grad[0] = 4;
        double norm = GradientClipping.ClipGlobalNorm([a, b], 1.0);
        Assert.Equal(5.0, norm, 1e-15);
        Assert.Equal(0.6, a.Grad[0], 1e-15);
        Assert.Equal(0.8, b.Grad[0], 1e-15);
        Assert.Equal(1.0, GradientClipping.ClipGlobalNorm([a, b], 10.0), 1e-15);
        Assert.Equal(0.6, a.Grad[0], 1e-15);
    }

    [Fact]
    public void Value_clipping_clamps_each_element()
    {
        var a = new Parameter("a", new Tensor(3));
        a.Grad[0] = -5;
        a.Grad[1] = 0.5;
        a.Grad[2] = 7;
        GradientClipping.ClipValue([a], 1);
        Assert.Equal([-1, 0.5, 1], a.Grad.Span.ToArray());
    }

    [Fact]
    public void Early_stopping_stops_after_patience_and_restores_the_best_parameters()
    {
        var p = new Parameter("w", new Tensor(1));
        var stop = new EarlyStopping([p], patience: 2);
        double[] losses = [5, 3, 4, 2.5, 2.6, 2.7, 1.0];
        int stoppedAt = -1;
        for (int epoch = 0; epoch < losses.Length; epoch++)
        {
            p.Value[0] = epoch;
            if (stop.Report(losses[epoch]))
            {
                stoppedAt = epoch;
                break;
            }
        }

        Assert.Equal(5, stoppedAt);
        Assert.Equal(3, stop.BestEpoch);
        Assert.Equal(2.5, stop.BestLoss);
        stop.RestoreBest();
        Assert.Equal(3.0, p.Value[0]);
    }

    [Fact]
    public void Learning_rate_schedules_follow_their_formulas()
    {
        Assert.Equal(0.1 * 0.25, LearningRateSchedule.StepDecay(0.1, 0.5, 10).Rate(25), 1e-15);
        Assert.Equal(0.1 * Math.Pow(0.9, 3), LearningRateSchedule.Exponential(0.1, 0.9).Rate(3), 1e-15);
        var cos = LearningRateSchedule.Cosine(1.0, 0.0, 100);
        Assert.Equal(1.0, cos.Rate(0), 1e-15);
        Assert.Equal(0.5, cos.Rate(50), 1e-15);
        Assert.Equal(0.0, cos.Rate(100), 1e-15);
        var warm = LearningRateSchedule.Warmup(4, LearningRateSchedule.Constant(0.2));
        Assert.Equal(0.05, warm.Rate(0), 1e-15);
        Assert.Equal(0.2, warm.Rate(3), 1e-15);
        Assert.Equal(0.2, warm.Rate(40), 1e-15);
    }
}
