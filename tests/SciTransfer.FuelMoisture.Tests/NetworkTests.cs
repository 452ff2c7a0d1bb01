using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Model;

namespace SciTransfer.FuelMoisture.Tests;

public class NetworkTests
{
    [Theory]
    [InlineData(10, 64)]
    [InlineData(3, 5)]
    public void Parameter_count_matches_the_formula(int inputs, int hidden)
    {
        var net = new MoistureNet(inputs, hidden);
        int expected = (4 * hidden * (inputs + hidden + 1)) + ((32 * hidden) + 32) + ((16 * 32) + 16) + 17;
        Assert.Equal(expected, net.ParameterCount);
        Assert.Equal(4 * hidden * (inputs + hidden + 1), net.LstmParameterCount);
    }

    [Theory]
    [InlineData(GradientScope.All, 4)]
    [InlineData(GradientScope.All, 3)]
    [InlineData(GradientScope.HeadOnly, 4)]
    [InlineData(GradientScope.LstmBiasOnly, 4)]
    public void Backward_matches_central_differences(GradientScope scope, int hidden)
    {
        var rng = new Rng(7);
        const int inputs = 3, steps = 6, batch = 2;
        var net = MoistureNet.CreateChrono(inputs, hidden, 20, rng, dropout: 0);
        rng.FillUniform(net.Parameters.AsSpan(net.OffsetBias, 4 * hidden), -1, 1);
        rng.FillUniform(net.Parameters.AsSpan(net.OffsetB1, MoistureNet.Dense1), 0.05, 0.3); // keep relus away from kinks
        rng.FillUniform(net.Parameters.AsSpan(net.OffsetB2, MoistureNet.Dense2), 0.05, 0.3);
        var x = new double[steps * batch * inputs];
        var y = new double[steps * batch];
        var w = new double[steps * batch];
        rng.FillNormal(x);
        rng.FillNormal(y);
        for (int q = 0; q < w.Length; q++)
        {
            w[q] = q % 3 == 0 ? 0 : 1;
        }

        var pass = new SequencePass(net, steps, batch);
        pass.Forward(x);
        var grad = new double[net.ParameterCount];
        pass.Backward(x, y, w, scope, grad);

        int from = scope == GradientScope.HeadOnly ? net.LstmParameterCount : 0;
        int to = net.ParameterCount;
        if (scope == GradientScope.LstmBiasOnly)
        {
            from = net.OffsetBias;
            to = net.OffsetBias + (4 * hidden);
        }

        for (int q = 0; q < net.ParameterCount; q++)
        {
            double keep = net.Parameters[q];
            const double eps = 1e-6;
            net.Parameters[q] = keep + eps;
            pass.Forward(x);
            double lp = pass.Loss(y, w);
            net.Parameters[q] = keep - eps;
            pass.Forward(x);
            double lm = pass.Loss(y, w);
            net.Parameters[q] = keep;
            double numeric = (lp - lm) / (2 * eps);
            double expected = q >= from && q < to ? numeric : 0.0;
            Assert.True(Math.Abs(grad[q] - expected) <= 1e-6 + (1e-5 * Math.Abs(numeric)), $"parameter {q}: analytic {grad[q]}, numeric {numeric}");
        }
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(0.1)]
    [InlineData(100.0)]
    public void Warping_a_chrono_cell_by_ln_a_scales_its_step_response_time_by_a(double a)
    {
        // One chrono-initialised unit with no recurrent weights: a leaky integrator of g = tanh(0.1 x).
        var net = new MoistureNet(inputs: 1, hidden: 1, dropout: 0);
        double u = a < 1 ? 60.0 : 8.0;
        net.ForgetGateBias[0] = Math.Log(u);
        net.InputGateBias[0] = -Math.Log(u);
        net.Parameters[net.OffsetWih + 2] = 0.1; // g gate weight

        double tau0 = StepResponseTime(net);
        var warped = net.Clone();
        warped.ShiftGateBiases(Math.Log(a), -Math.Log(a));
        double tau1 = StepResponseTime(warped);
        Assert.InRange(tau1 / tau0, 0.85 * a, 1.15 * a);
    }

    private static double StepResponseTime(MoistureNet net)
    {
        const int steps = 5000;
        var x = new double[steps];
        Array.Fill(x, 1.0);
        var pass = new SequencePass(net, steps, 1);
        pass.Forward(x);
        var c = pass.CellStates;
        double final = c[steps];
        for (int t = 1; t <= steps; t++)
        {
            if (c[t] >= final * (1 - (1 / Math.E)))
            {
                // Interpolate the crossing between hours t - 1 and t.
                double target = final * (1 - (1 / Math.E));
                return t - 1 + ((target - c[t - 1]) / (c[t] - c[t - 1]));
            }
        }

        return double.NaN;
    }
}
