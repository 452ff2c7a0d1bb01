using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;

namespace SciTransfer.HeatSink.Tests;

public sealed class FieldMlpTests
{
    private static FieldMlp MakeNet(int seed, double mirror = 0)
    {
        var net = new FieldMlp([2, 7, 5, 1], [0.3, -0.2], [0.8, 1.7], mirror);
        net.Initialise(new Rng((ulong)seed));
        var rng = new Rng((ulong)seed + 99);
        foreach (var p in net.Parameters)
        {
            var v = p.Value.Span;
            for (int i = 0; i < v.Length; i++)
            {
                v[i] += 0.1 * rng.Normal();
            }
        }

        return net;
    }

    private static double Value(FieldMlp net, double x, double y)
    {
        var ws = new MlpWorkspace();
        net.Forward([x, y], 1, DerivativeOrder.Value, ws);
        return ws.Output[0];
    }

    [Fact]
    public void Mirror_feature_makes_the_x_derivative_vanish_on_both_symmetry_planes()
    {
        var net = MakeNet(4, 1.3);
        var ws = new MlpWorkspace();
        net.Forward([0.0, 0.4, 1.3, -0.9, 0.7, 0.2], 3, DerivativeOrder.Gradient, ws);
        Assert.Equal(0.0, ws.Channel(1)[0], 12);
        Assert.Equal(0.0, ws.Channel(1)[1], 12);
        Assert.True(Math.Abs(ws.Channel(1)[2]) > 1e-6);
    }

    [Fact]
    public void Parameter_count_matches_the_layer_formula()
    {
        var net = new FieldMlp([2, 50, 50, 50, 50, 1], [0, 0], [1, 1]);
        Assert.Equal((2 * 50) + 50 + (3 * ((50 * 50) + 50)) + 50 + 1, net.ParameterCount);
        Assert.Equal(net.ParameterCount, net.Parameters.Sum(p => p.Count));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.3)]
    public void Forward_gradient_and_Laplacian_match_finite_differences_of_the_value(double mirror)
    {
        var net = MakeNet(1, mirror);
        double[] pts = [0.1, 0.4, -0.7, 1.1, 1.5, -0.3];
        var ws = new MlpWorkspace();
        net.Forward(pts, 3, DerivativeOrder.Laplacian, ws);
        const double h = 1e-4;
        for (int b = 0; b < 3; b++)
        {
            double x = pts[2 * b];
            double y = pts[(2 * b) + 1];
            double u = Value(net, x, y);
            // Fourth-order central differences (step 1e-3) for the gradient: truncation error ~1e-12.
            const double g = 1e-3;
            double ux = ((8 * (Value(net, x + g, y) - Value(net, x - g, y))) - (Value(net, x + (2 * g), y) - Value(net, x - (2 * g), y))) / (12 * g);
            double uy = ((8 * (Value(net, x, y + g) - Value(net, x, y - g))) - (Value(net, x, y + (2 * g)) - Value(net, x, y - (2 * g)))) / (12 * g);
            double lap = (Value(net, x + h, y) + Value(net, x - h, y) + Value(net, x, y + h) + Value(net, x, y - h) - (4 * u)) / (h * h);
            Assert.Equal(u, ws.Channel(0)[b], 12);
            Assert.Equal(ux, ws.Channel(1)[b], 7);
            Assert.Equal(uy, ws.Channel(2)[b], 7);
            Assert.True(Math.Abs(lap - ws.Channel(3)[b]) < 1e-4 * (1 + Math.Abs(lap)), $"laplacian {ws.Channel(3)[b]} vs finite difference {lap}");
        }
    }

    [Theory]
    [InlineData(DerivativeOrder.Value, 0.0)]
    [InlineData(DerivativeOrder.Gradient, 0.0)]
    [InlineData(DerivativeOrder.Laplacian, 0.0)]
    [InlineData(DerivativeOrder.Laplacian, 1.3)]
    public void Parameter_gradients_of_every_channel_pass_a_central_difference_check(DerivativeOrder order, double mirror)
    {
        var net = MakeNet(2, mirror);
        double[] pts = [0.1, 0.4, -0.7, 1.1, 1.5, -0.3, 0.0, 0.9];
        int batch = 4;
        int channels = net.ChannelCount(order);
        var coef = new double[channels * batch];
        new Rng(5).FillNormal(coef);

        // Loss = sum_c,b coef * out_c,b^2 / 2 : adjoint coef * out.
        double Loss()
        {
            var w = new MlpWorkspace();
            net.Forward(pts, batch, order, w);
            double s = 0;
            var output = w.Output;
            for (int i = 0; i < coef.Length; i++)
            {
                s += 0.5 * coef[i] * output[i] * output[i];
            }

            return s;
        }

        var ws = new MlpWorkspace();
        net.Forward(pts, batch, order, ws);
        Assert.Equal(channels * batch, ws.Output.Length);
        var adj = new double[channels * batch];
        for (int i = 0; i < adj.Length; i++)
        {
            adj[i] = coef[i] * ws.Output[i];
        }

        var grad = new double[net.ParameterCount];
        net.Backward(adj, ws, grad);
        var values = new double[net.ParameterCount];
        net.CopyValuesTo(values);
        const double h = 1e-6;
        for (int p = 0; p < values.Length; p++)
        {
            double keep = values[p];
            values[p] = keep + h;
            net.SetValues(values);
            double lp = Loss();
            values[p] = keep - h;
            net.SetValues(values);
            double lm = Loss();
            values[p] = keep;
            net.SetValues(values);
            double fd = (lp - lm) / (2 * h);
            Assert.True(Math.Abs(fd - grad[p]) < 1e-6 * (1 + Math.Abs(fd)), $"parameter {p}: analytic {grad[p]} vs finite difference {fd}");
        }
    }
}

public sealed class PinnLossGradientTests
{
    [Fact]
    public void Term_loss_gradients_of_every_constraint_match_central_differences()
    {
        var task = new PinnTask(new Solver.HeatSinkCase(HeatSinkGeometry.Default, 1.3), new SensorData([0.2, 0.3, 0.4, 1.1], [1.5, 1.2]));
        var sets = PinnConstraints.Build(task, 12, 6, new Rng(3));
        var net = new FieldMlp([2, 6, 5, 1], [0.5, 1.25], [0.5, 1.25], 1.0);
        net.Initialise(new Rng(7));
        for (int b = 0; b < sets[1].Count; b++)
        {
            sets[1].PointWeights[b] = 1 + (0.5 * b);
        }

        var ws = new MlpWorkspace();
        var residuals = sets.Select(s => new double[s.Count]).ToList();
        var grads = sets.Select(_ => new double[net.ParameterCount]).ToList();
        var losses = new double[sets.Count];
        PinnTrainer.Evaluate(net, sets, ws, residuals, losses, grads);
        var values = new double[net.ParameterCount];
        net.CopyValuesTo(values);
        var scratch = sets.Select(_ => new double[net.ParameterCount]).ToList();
        var lp = new double[sets.Count];
        var lm = new double[sets.Count];
        const double h = 1e-6;
        for (int p = 0; p < values.Length; p++)
        {
            double keep = values[p];
            values[p] = keep + h;
            net.SetValues(values);
            PinnTrainer.Evaluate(net, sets, ws, residuals, lp, scratch);
            values[p] = keep - h;
            net.SetValues(values);
            PinnTrainer.Evaluate(net, sets, ws, residuals, lm, scratch);
            values[p] = keep;
            net.SetValues(values);
            for (int k = 0; k < sets.Count; k++)
            {
                double fd = (lp[k] - lm[k]) / (2 * h);
                Assert.True(Math.Abs(fd - grads[k][p]) < 1e-6 * (1 + Math.Abs(fd)), $"{sets[k].Name}, parameter {p}: analytic {grads[k][p]} vs finite difference {fd}");
            }
        }
    }

    [Fact]
    public void Frozen_layers_get_no_gradient_and_are_unfrozen_after_training()
    {
        var task = new PinnTask(new Solver.HeatSinkCase(HeatSinkGeometry.Default, 1.0), SensorData.Empty);
        var net = new FieldMlp([2, 6, 6, 1], [0.5, 1.25], [0.5, 1.25]);
        net.Initialise(new Rng(1));
        var sets = PinnConstraints.Build(task, 16, 8, new Rng(2));
        net.FreezeLeadingLayers(1);
        var grads = sets.Select(_ => new double[net.ParameterCount]).ToList();
        PinnTrainer.Evaluate(net, sets, new MlpWorkspace(), sets.Select(s => new double[s.Count]).ToList(), new double[sets.Count], grads);
        int firstLayer = net.Layer(0).Weight.Count + net.Layer(0).Bias.Count;
        Assert.All(grads, g => Assert.All(g.Take(firstLayer), v => Assert.Equal(0.0, v)));
        Assert.Contains(grads, g => g.Skip(firstLayer).Any(v => v != 0));
        net.FreezeLeadingLayers(0);
        PinnTrainer.Train(net, task, new PinnTrainingOptions { Steps = 3, InteriorPoints = 16, BoundaryPoints = 8, FrozenLayers = 1 }, new Rng(2));
        Assert.All(net.Parameters, p => Assert.False(p.Frozen));
    }
}
