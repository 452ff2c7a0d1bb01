using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;

namespace SciTransfer.HeatSink.Tests;

public sealed class PinnTrainingTests
{
    [Fact]
    public void Adaptive_resampling_picks_points_with_larger_residuals_than_uniform_sampling()
    {
        var g = HeatSinkGeometry.Default;
        var net = new FieldMlp([2, 12, 12, 1], [0.5, 1.25], [0.5, 1.25]);
        net.Initialise(new Rng(8));
        var ws = new MlpWorkspace();
        var adaptive = PinnTrainer.AdaptiveInterior(net, g, 200, 1.0, new Rng(1), ws);
        var uniform = CollocationSampler.Interior(g, 200, new Rng(2));
        double MeanAbsLap(double[] pts)
        {
            net.Forward(pts, pts.Length / 2, DerivativeOrder.Laplacian, ws);
            return ws.Channel(3).ToArray().Average(Math.Abs);
        }

        for (int i = 0; i < adaptive.Length / 2; i++)
        {
            Assert.True(g.Contains(adaptive[2 * i], adaptive[(2 * i) + 1]));
        }

        Assert.True(MeanAbsLap(adaptive) > 1.5 * MeanAbsLap(uniform), $"adaptive {MeanAbsLap(adaptive):G3}, uniform {MeanAbsLap(uniform):G3}");
    }

    [Fact]
    public void Lbfgs_finds_the_Rosenbrock_minimum()
    {
        double F(ReadOnlySpan<double> x, Span<double> g)
        {
            double a = 1 - x[0];
            double b = x[1] - (x[0] * x[0]);
            g[0] = (-2 * a) - (400 * x[0] * b);
            g[1] = 200 * b;
            return (a * a) + (100 * b * b);
        }

        double[] x = [-1.2, 1.0];
        double f = Lbfgs.Minimise(F, x, 200);
        Assert.True(f < 1e-12, $"f = {f}");
        Assert.Equal(1.0, x[0], 5);
        Assert.Equal(1.0, x[1], 5);
    }

    [Fact]
    public void Training_on_the_sodium_physics_lowers_the_loss_and_the_field_error()
    {
        var task = new PinnTask(new Solver.HeatSinkCase(HeatSinkGeometry.Default, 1.31), SensorData.Empty);
        var probe = new FieldProbe(Solver.HeatSinkSolver.Solve(task.Case, 8));
        var net = new FieldMlp([2, 16, 16, 1], [0.5, 1.25], [0.5, 1.25], 1.0);
        net.Initialise(new Rng(4));
        double before = probe.RelativeL2(net, task);
        var log = PinnTrainer.Train(net, task, new PinnTrainingOptions { Steps = 300, InteriorPoints = 96, BoundaryPoints = 24, LearningRate = 3e-3, ResampleEvery = 100 }, new Rng(5), probe);
        Assert.True(log.Loss[^1] < 0.1 * log.Loss[0], $"loss {log.Loss[0]:G3} -> {log.Loss[^1]:G3}");
        Assert.True(probe.RelativeL2(net, task) < 0.5 * before, $"error {before:G3} -> {probe.RelativeL2(net, task):G3}");
    }
}
