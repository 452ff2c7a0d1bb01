using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Pinn.Balancing;

namespace SciTransfer.HeatSink.Tests;

public sealed class VacuousTermTests
{
    private static List<ResidualSet> Sets() =>
        PinnConstraints.Build(new PinnTask(new Solver.HeatSinkCase(HeatSinkGeometry.Default, 1.31), SensorData.Empty), 32, 16, new Rng(3));

    [Fact]
    public void The_symmetry_term_is_vacuous_under_the_mirror_feature_and_its_residual_vanishes()
    {
        var sets = Sets();
        var net = new FieldMlp([2, 8, 8, 1], [0.5, 1.25], [0.5, 1.25], HeatSinkGeometry.Default.HalfPitch);
        net.Initialise(new Rng(5));
        Assert.Equal([true, true, false, true], VacuousTerms.ActiveMask(sets, net));

        // The premise, checked on a random network: the symmetry residual is zero to rounding.
        var sym = sets[2];
        var ws = new MlpWorkspace();
        net.Forward(sym.Points, sym.Count, sym.Order, ws);
        var r = new double[sym.Count];
        sym.Residuals(ws, r);
        Assert.All(r, x => Assert.True(Math.Abs(x) < 1e-12, $"residual {x:G3}"));
    }

    [Fact]
    public void Without_the_mirror_feature_every_term_is_active()
    {
        var net = new FieldMlp([2, 8, 1], [0.5, 1.25], [0.5, 1.25]);
        Assert.All(VacuousTerms.ActiveMask(Sets(), net), Assert.True);
    }

    [Fact]
    public void Training_keeps_the_vacuous_term_at_weight_one_under_a_ratio_based_scheme()
    {
        var task = new PinnTask(new Solver.HeatSinkCase(HeatSinkGeometry.Default, 1.31), SensorData.Empty);
        var net = new FieldMlp([2, 8, 8, 1], [0.5, 1.25], [0.5, 1.25], HeatSinkGeometry.Default.HalfPitch);
        net.Initialise(new Rng(5));
        var log = PinnTrainer.Train(net, task, new PinnTrainingOptions { Steps = 25, InteriorPoints = 32, BoundaryPoints = 16, Balancing = "lr-annealing" }, new Rng(6));
        int sym = log.Terms.IndexOf("symmetry");
        Assert.All(log.Weights, w => Assert.Equal(1.0, w[sym]));
        Assert.All(log.Weights, w => Assert.True(w.Max() < 1e6, $"weights {string.Join(", ", w)}"));
    }
}
