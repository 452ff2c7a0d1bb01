using System.Text.Json;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Helmholtz;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn.Balancing;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.HeatSink.Tests;

public sealed class HelmholtzTests
{
    [Fact]
    public void The_exact_solution_satisfies_the_interior_and_boundary_residuals()
    {
        var c = new HelmholtzCase(1, 4, 1);
        var rng = new Rng(2);
        var interior = c.Interior(HelmholtzCase.SampleInterior(50, rng));
        var boundary = c.Boundary(HelmholtzCase.SampleBoundary(10, rng));
        foreach (var set in new[] { interior, boundary })
        {
            int n = set.Count;
            double[] u = new double[n], ux = new double[n], uy = new double[n], lap = new double[n];
            for (int b = 0; b < n; b++)
            {
                double x = set.Points[2 * b], y = set.Points[(2 * b) + 1];
                double p = Math.PI;

                // Derivatives of sin(pi x) sin(4 pi y) by hand.
                u[b] = Math.Sin(p * x) * Math.Sin(4 * p * y);
                ux[b] = p * Math.Cos(p * x) * Math.Sin(4 * p * y);
                uy[b] = 4 * p * Math.Sin(p * x) * Math.Cos(4 * p * y);
                lap[b] = -17 * p * p * u[b];
            }

            var r = new double[n];
            set.Residuals(u, ux, uy, lap, r);
            Assert.All(r, x => Assert.True(Math.Abs(x) < 1e-10, $"{set.Name} residual {x:G3}"));
        }

        // Boundary points lie on the edges, a quarter on each.
        var pts = HelmholtzCase.SampleBoundary(10, new Rng(4));
        int onEdge = Enumerable.Range(0, 40).Count(b => Math.Abs(pts[2 * b]) == 1 || Math.Abs(pts[(2 * b) + 1]) == 1);
        Assert.Equal(40, onEdge);
    }

    [Fact]
    public void The_boundary_loss_is_the_sum_of_the_four_edge_mean_squares()
    {
        // u = 0 everywhere and g = 0 too except through the exact values (~1e-16), so use a constant network output 0.5.
        var c = new HelmholtzCase(1, 4, 1);
        var set = c.Boundary(HelmholtzCase.SampleBoundary(5, new Rng(1)));
        var u = Enumerable.Repeat(0.5, set.Count).ToArray();
        var r = new double[set.Count];
        set.Residuals(u, default, default, default, r);

        // Each edge: mean (0.5 - g)^2 = 0.25; four edges: 1.0.
        Assert.Equal(1.0, r.Average(x => x * x), 12);
    }

    [Fact]
    public void Training_is_deterministic_and_learning_rate_annealing_raises_the_boundary_weight()
    {
        var c = new HelmholtzCase(1, 4, 1);
        var options = new HelmholtzTraining { Hidden = [12, 12], Steps = 60, Batch = 32, EvalEvery = 20, GridSide = 21, Balancing = "lr-annealing" };
        HelmholtzResult Run() => HelmholtzTrainer.Train(HelmholtzTrainer.NewNetwork(options.Hidden, new Rng(7)), c, options, new Rng(8));
        var a = Run();
        var b = Run();
        Assert.Equal(a.RelativeL2, b.RelativeL2);
        Assert.True(double.IsFinite(a.RelativeL2));

        // The PDE residual's gradients are ~(17 pi^2)x larger than the boundary's, so the weight ratio grows well above 1.
        Assert.True(a.BoundaryWeight > 5, $"boundary weight {a.BoundaryWeight:G3}");
        var fixedRun = HelmholtzTrainer.Train(HelmholtzTrainer.NewNetwork(options.Hidden, new Rng(7)), c, options with { Balancing = "fixed" }, new Rng(8));
        Assert.Equal(1.0, fixedRun.BoundaryWeight);
    }

    [Fact]
    public void Self_adaptive_weights_keep_their_points_while_other_schemes_resample()
    {
        var c = new HelmholtzCase(1, 4, 1);
        var options = new HelmholtzTraining { Hidden = [8], Steps = 20, Batch = 16, EvalEvery = 10, GridSide = 11 };
        double Run(string scheme, int resample) =>
            HelmholtzTrainer.Train(HelmholtzTrainer.NewNetwork(options.Hidden, new Rng(1)), c, options with { Balancing = scheme, ResampleEvery = resample }, new Rng(2)).RelativeL2;

        // sa-pinn ignores resample_every (its weights belong to its points); fixed weights see fresh points.
        Assert.Equal(Run("sa-pinn", 0), Run("sa-pinn", 1));
        Assert.NotEqual(Run("fixed", 0), Run("fixed", 1));
    }

    [Fact]
    public void Standardised_inputs_are_the_uniform_samples_scaled_by_sqrt_3_with_chain_ruled_derivatives()
    {
        // The authors standardise by the samples' standard deviation: for uniform [-1, 1] it is 1 / sqrt(3).
        var pts = HelmholtzCase.SampleInterior(100000, new Rng(5));
        double sq = 0;
        for (int i = 0; i < pts.Length; i++)
        {
            sq += pts[i] * pts[i];
        }

        Assert.True(Math.Abs(Math.Sqrt(sq / pts.Length) - HelmholtzTrainer.UniformStd) < 0.005 * HelmholtzTrainer.UniformStd);

        // Same parameters: u_std(x) = u_raw(sqrt(3) x); d/dx picks up sqrt(3), the Laplacian 3.
        var std = HelmholtzTrainer.NewNetwork([6, 5], new Rng(3), standardise: true);
        var raw = HelmholtzTrainer.NewNetwork([6, 5], new Rng(3), standardise: false);
        double[] x = [0.3, -0.6, -0.9, 0.1];
        double[] scaled = [.. x.Select(t => t * Math.Sqrt(3))];
        var ws1 = new MlpWorkspace();
        var ws2 = new MlpWorkspace();
        std.Forward(x, 2, DerivativeOrder.Laplacian, ws1);
        raw.Forward(scaled, 2, DerivativeOrder.Laplacian, ws2);
        for (int b = 0; b < 2; b++)
        {
            Assert.Equal(ws2.Channel(0)[b], ws1.Channel(0)[b], 12);
            Assert.Equal(Math.Sqrt(3) * ws2.Channel(1)[b], ws1.Channel(1)[b], 12);
            Assert.Equal(3 * ws2.Channel(3)[b], ws1.Channel(3)[b], 11);
            Assert.NotEqual(0.0, ws2.Channel(3)[b]);
        }
    }

    [Fact]
    public void The_factory_reads_the_estimator_and_the_input_scaling_and_names_a_bad_value()
    {
        var factory = new HelmholtzFactory();
        HelmholtzTraining Read(string json)
        {
            var reader = new OptionsReader("h.json", "$.options", JsonDocument.Parse(json).RootElement);
            var problem = (HelmholtzProblem)factory.Create(factory.Options.Read(reader, quick: false), new ProblemSettings());
            reader.EnsureAllKeysUsed();
            return problem.Training;
        }

        var defaults = Read("{}");
        Assert.Equal(LrAnnealingConvention.Authors, defaults.LrAnnealing);
        Assert.True(defaults.StandardiseInputs);
        var old = Read("""{ "lr_annealing": "ratio", "input_scaling": "none" }""");
        Assert.Equal(LrAnnealingConvention.Ratio, old.LrAnnealing);
        Assert.False(old.StandardiseInputs);
        var e = Assert.ThrowsAny<Exception>(() => Read("""{ "lr_annealing": "paper" }"""));
        Assert.Contains("lr_annealing", e.Message);
    }
}
