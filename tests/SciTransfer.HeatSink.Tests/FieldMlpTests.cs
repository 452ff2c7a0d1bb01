using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;

namespace SciTransfer.HeatSink.Tests;

public sealed class FieldMlpTests
{
    private static FieldMlp MakeNet(int seed, double mirror = 0)
    {
        var net = new FieldMlp([2, 7, 5, 1], [0.3, -0.2], [0.8, 1.7], mirror);
        net.Initialise(new Rng((ulong)seed));
        var rng = new Rng((ulong)seed + 99);
        for (int i = 0; i < net.Parameters.Length; i++)
        {
            net.Parameters[i] += 0.1 * rng.Normal();
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
        Assert.Equal((2 * 50) + 50 + (3 * ((50 * 50) + 50)) + 50 + 1, net.Parameters.Length);
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
            double ux = (Value(net, x + h, y) - Value(net, x - h, y)) / (2 * h);
            double uy = (Value(net, x, y + h) - Value(net, x, y - h)) / (2 * h);
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
            for (int i = 0; i < coef.Length; i++)
            {
                s += 0.5 * coef[i] * w.Output[i] * w.Output[i];
            }

            return s;
        }

        var ws = new MlpWorkspace();
        net.Forward(pts, batch, order, ws);
        var adj = new double[channels * batch];
        for (int i = 0; i < adj.Length; i++)
        {
            adj[i] = coef[i] * ws.Output[i];
        }

        var grad = new double[net.Parameters.Length];
        net.Backward(adj, ws, grad);
        const double h = 1e-6;
        for (int p = 0; p < net.Parameters.Length; p++)
        {
            double keep = net.Parameters[p];
            net.Parameters[p] = keep + h;
            double lp = Loss();
            net.Parameters[p] = keep - h;
            double lm = Loss();
            net.Parameters[p] = keep;
            double fd = (lp - lm) / (2 * h);
            Assert.True(Math.Abs(fd - grad[p]) < 1e-6 * (1 + Math.Abs(fd)), $"parameter {p}: analytic {grad[p]} vs finite difference {fd}");
        }
    }
}
