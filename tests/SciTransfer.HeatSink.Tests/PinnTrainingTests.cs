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
    public void Lbfgs_refinement_after_Adam_lowers_the_training_loss_and_leaves_frozen_layers_alone()
    {
        var task = new PinnTask(new Solver.HeatSinkCase(HeatSinkGeometry.Default, 1.31), SensorData.Empty);
        var options = new PinnTrainingOptions { Steps = 60, InteriorPoints = 64, BoundaryPoints = 16, LearningRate = 3e-3, FrozenLayers = 1 };
        var adamOnly = new FieldMlp([2, 10, 10, 1], [0.5, 1.25], [0.5, 1.25], 1.0);
        adamOnly.Initialise(new Rng(4));
        var refined = adamOnly.Clone();
        var firstLayer = adamOnly.Layer(0).Weight.Value.ToArray();
        var a = PinnTrainer.Train(adamOnly, task, options, new Rng(5));
        var b = PinnTrainer.Train(refined, task, options with { LbfgsSteps = 20 }, new Rng(5));
        Assert.Equal(a.Loss, b.Loss.Take(a.Loss.Count));
        Assert.True(b.Steps > a.Steps, $"L-BFGS ran {b.Steps - a.Steps} iterations");
        Assert.True(b.Loss[^1] < 0.9 * a.Loss[^1], $"loss after Adam {a.Loss[^1]:G4}, after L-BFGS {b.Loss[^1]:G4}");
        for (int i = a.Loss.Count + 1; i < b.Loss.Count; i++)
        {
            Assert.True(b.Loss[i] <= b.Loss[i - 1], $"L-BFGS iteration {i - a.Loss.Count} raised the loss");
        }

        Assert.Equal(firstLayer, refined.Layer(0).Weight.Value.ToArray());
    }

    [Trait("Category", "Slow")]

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

    [Fact]
    public void Enriched_training_with_fresh_points_and_c_estimates_is_deterministic_and_moves_c_only_by_estimation()
    {
        var task = new PinnTask(new Solver.HeatSinkCase(HeatSinkGeometry.Default, 1.31), SensorData.Empty);
        FieldMlp Run(int estimateEvery, int fresh)
        {
            var net = new FieldMlp([2, 8, 1], [0.5, 1.25], [0.5, 1.25], 1.0);
            net.Initialise(new Rng(4));
            net.Enrich(new Nn.CornerEnrichment(0.25, 0.5, 0.0, 0.74));
            PinnTrainer.Train(net, task, new PinnTrainingOptions { Steps = 40, InteriorPoints = 32, BoundaryPoints = 8, FreshPointsEvery = fresh, CornerEstimateEvery = estimateEvery }, new Rng(5));
            return net;
        }

        var a = Run(10, 1);
        var b = Run(10, 1);
        Assert.Equal(a.Enrichment!.C, b.Enrichment!.C);
        var va = new double[a.ParameterCount];
        var vb = new double[b.ParameterCount];
        a.CopyValuesTo(va);
        b.CopyValuesTo(vb);
        Assert.Equal(va, vb);
        Assert.NotEqual(0.0, a.Enrichment.C);
        Assert.False(a.Enrichment.Coefficient.Frozen);

        // Fresh points change the result; without estimation (and c not trainable) c stays 0.
        var fixedPoints = Run(10, 0);
        Assert.NotEqual(a.Enrichment.C, fixedPoints.Enrichment!.C);
        Assert.Equal(0.0, Run(0, 1).Enrichment!.C);
    }
}
