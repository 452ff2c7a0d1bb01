using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Model;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.FuelMoisture.Tests;

public class NetworkTests
{
    [Theory]
    [InlineData(10, 64)]
    [InlineData(3, 5)]
    public void Parameter_count_matches_the_formula(int inputs, int hidden)
    {
        var net = MoistureNet.CreateChrono(inputs, hidden, 48, new Rng(1));
        int expected = (4 * hidden * (inputs + hidden + 1)) + ((32 * hidden) + 32) + ((16 * 32) + 16) + 17;
        Assert.Equal(expected, net.ParameterCount);
        Assert.Equal(expected, MoistureNet.CountFor(inputs, hidden));
    }

    [Fact]
    public void Chrono_initialisation_sets_input_biases_to_minus_forget_biases_within_the_time_scale_range()
    {
        var net = MoistureNet.CreateChrono(10, 64, 48, new Rng(3));
        for (int j = 0; j < 64; j++)
        {
            Assert.Equal(-net.ForgetGateBias[j], net.InputGateBias[j]);
            Assert.InRange(Math.Exp(net.ForgetGateBias[j]), 1.0, 47.0);
        }
    }

    [Fact]
    public void Clone_is_deep_and_predicts_the_same()
    {
        var rng = new Rng(5);
        var net = MoistureNet.CreateChrono(3, 4, 20, rng);
        var x = new double[30];
        rng.FillNormal(x);
        var clone = net.Clone();
        Assert.Equal(net.Predict(x), clone.Predict(x));
        clone.ShiftGateBiases(1, -1);
        Assert.NotEqual(net.Predict(x), clone.Predict(x));
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(0.1)]
    [InlineData(100.0)]
    public void Warping_a_chrono_cell_by_ln_a_scales_its_step_response_time_by_a(double a)
    {
        // One chrono-initialised unit with no recurrent weights: a leaky integrator of g = tanh(0.1 x);
        // h = o tanh(c) is nearly proportional to c because c stays small.
        var net = MoistureNet.CreateChrono(1, 1, 48, new Rng(9), dropout: 0);
        net.Lstm.WeightInput.Value.Span.Clear();
        net.Lstm.WeightHidden.Value.Span.Clear();
        net.Lstm.Bias.Value.Span.Clear();
        net.Lstm.WeightInput.Value.Span[2] = 0.1; // cell-candidate column of W_ih [1, 4]
        double u = a < 1 ? 60.0 : 8.0;
        net.ForgetGateBias[0] = Math.Log(u);
        net.InputGateBias[0] = -Math.Log(u);

        double tau0 = StepResponseTime(net);
        var warped = net.Clone();
        warped.ShiftGateBiases(Math.Log(a), -Math.Log(a));
        double tau1 = StepResponseTime(warped);

        // The network must be exactly the scalar leaky integrator written out here (same crossing rule).
        Assert.Equal(ScalarStepResponseTime(Math.Log(u)), tau0, 1e-9 * tau0);
        Assert.Equal(ScalarStepResponseTime(Math.Log(u) + Math.Log(a)), tau1, 1e-9 * tau1);

        // The warp scales the discrete-time e-folding time 1 / ln(1 + e^{-b_f}) (f = sigmoid(b_f)), which is the
        // continuous-time 1 + e^{b_f} only for large b_f: for u = 8 the exact ratio is ln(1 + 1/u) / ln(1 + 1/(a u))
        // = 9.48 at a = 10 and 94.3 at a = 100, not a; for u = 60, a = 0.1 it is 0.1072. The measured ratio
        // follows that formula to the tanh curvature (c <= tanh 0.1) and the linear interpolation between hours.
        double theory = Math.Log(1 + (1 / u)) / Math.Log(1 + (1 / (a * u)));
        Assert.True(Math.Abs((tau1 / tau0 / theory) - 1) < 0.01, $"ratio {tau1 / tau0:F4}, discrete-time theory {theory:F4}, a = {a}");
    }

    /// <summary>
    /// An independent scalar model of the unit: c_t = f c_{t-1} + (1 - f) tanh(0.1), f = sigmoid(b_f), input
    /// gate sigmoid(-b_f) = 1 - f, output gate sigmoid(0) = 1/2, h = tanh(c)/2; the hour-interpolated time at
    /// which h first reaches (1 - 1/e) of its value after 6000 hours.
    /// </summary>
    private static double ScalarStepResponseTime(double forgetBias)
    {
        const int steps = 6000;
        double f = 1 / (1 + Math.Exp(-forgetBias)), g = Math.Tanh(0.1);
        var h = new double[steps];
        double c = 0;
        for (int t = 0; t < steps; t++)
        {
            c = (f * c) + ((1 - f) * g);
            h[t] = 0.5 * Math.Tanh(c);
        }

        double target = h[steps - 1] * (1 - (1 / Math.E));
        double prev = 0;
        for (int t = 0; t < steps; t++)
        {
            if (h[t] >= target)
            {
                return t + ((target - prev) / (h[t] - prev));
            }

            prev = h[t];
        }

        return double.NaN;
    }

    private static double StepResponseTime(MoistureNet net)
    {
        const int steps = 6000;
        var tape = new Tape();
        var x = Tensor.Full(1.0, 1, steps, 1);
        var h = net.Lstm.Forward(tape, tape.Constant(x)).Value.Span;
        double final = h[steps - 1];
        double target = final * (1 - (1 / Math.E));
        double prev = 0;
        for (int t = 0; t < steps; t++)
        {
            if (h[t] >= target)
            {
                // Hours after the step (h[t] is after t + 1 updates), interpolated between updates.
                return t + ((target - prev) / (h[t] - prev));
            }

            prev = h[t];
        }

        return double.NaN;
    }
}
