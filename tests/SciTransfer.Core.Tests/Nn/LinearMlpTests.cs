using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;
using SciTransfer.Core.Tests.Autodiff;

namespace SciTransfer.Core.Tests.Nn;

public class LinearMlpTests
{
    [Theory]
    [InlineData(3, 5, true)]
    [InlineData(10, 1, false)]
    public void Linear_parameter_count_is_in_times_out_plus_out(int fanIn, int fanOut, bool bias)
    {
        var layer = new Linear("l", fanIn, fanOut, new Rng(1), bias);
        Assert.Equal((fanIn * fanOut) + (bias ? fanOut : 0), layer.ParameterCount());
    }

    [Fact]
    public void Mlp_parameter_count_is_the_sum_of_layer_formulas_and_names_are_unique()
    {
        int[] widths = [2, 50, 50, 50, 50, 1];
        var mlp = new Mlp("net", widths, Activation.Tanh, new Rng(2));
        int expected = 0;
        for (int l = 1; l < widths.Length; l++)
        {
            expected += (widths[l - 1] * widths[l]) + widths[l];
        }

        Assert.Equal(expected, mlp.ParameterCount());
        Assert.Equal(7851, expected);
        Assert.Equal(mlp.Parameters.Count, mlp.Parameters.Select(p => p.Name).Distinct().Count());
        mlp.Layers[0].Weight.Frozen = true;
        Assert.Equal(expected - 100, mlp.TrainableParameterCount());
    }

    [Fact]
    public void Mlp_forward_equals_a_hand_written_network()
    {
        var mlp = new Mlp("m", [3, 4, 2], Activation.Sigmoid, new Rng(3), Activation.Tanh);
        var x = GradCheck.Random(new Rng(4), -1, 1, 5, 3);
        var tape = new Tape();
        var y = mlp.Forward(tape, tape.Constant(x)).Value;
        var w0 = mlp.Layers[0].Weight.Value;
        var w1 = mlp.Layers[1].Weight.Value;
        mlp.Layers[0].Bias!.Value[2] = 0.0; // biases start at zero; the hand network uses them too
        for (int n = 0; n < 5; n++)
        {
            var h = new double[4];
            for (int j = 0; j < 4; j++)
            {
                double s = mlp.Layers[0].Bias!.Value[j];
                for (int i = 0; i < 3; i++)
                {
                    s += x[n, i] * w0[i, j];
                }

                h[j] = 1 / (1 + Math.Exp(-s));
            }

            for (int o = 0; o < 2; o++)
            {
                double s = mlp.Layers[1].Bias!.Value[o];
                for (int j = 0; j < 4; j++)
                {
                    s += h[j] * w1[j, o];
                }

                Assert.Equal(Math.Tanh(s), y[n, o], 1e-14);
            }
        }
    }

    [Fact]
    public void Mlp_parameter_gradients_match_finite_differences_and_frozen_ones_stay_zero()
    {
        var mlp = new Mlp("m", [3, 6, 5, 2], Activation.Tanh, new Rng(5));
        foreach (var p in mlp.Parameters)
        {
            for (int i = 0; i < p.Count; i++)
            {
                p.Value[i] += 0.1 * Math.Sin(i + 1);
            }
        }

        mlp.Layers[1].Bias!.Frozen = true;
        var x = GradCheck.Random(new Rng(6), -1, 1, 7, 3);
        var target = GradCheck.Random(new Rng(7), -1, 1, 7, 2);
        double Loss()
        {
            var t = new Tape();
            return Ops.MseLoss(mlp.Forward(t, t.Constant(x)), t.Constant(target)).Item;
        }

        var tape = new Tape();
        tape.Backward(Ops.MseLoss(mlp.Forward(tape, tape.Constant(x)), tape.Constant(target)));
        const double h = 1e-5;
        foreach (var p in mlp.Parameters)
        {
            for (int i = 0; i < p.Count; i++)
            {
                if (p.Frozen)
                {
                    Assert.Equal(0.0, p.Grad[i]);
                    continue;
                }

                double orig = p.Value[i];
                p.Value[i] = orig + h;
                double fp = Loss();
                p.Value[i] = orig - h;
                double fm = Loss();
                p.Value[i] = orig;
                double num = (fp - fm) / (2 * h);
                double err = Math.Abs(num - p.Grad[i]) / Math.Max(Math.Max(Math.Abs(num), Math.Abs(p.Grad[i])), 1e-3);
                Assert.True(err < 1e-6, $"{p.Name}[{i}]: analytic {p.Grad[i]}, numeric {num}");
            }
        }
    }

    [Fact]
    public void Linear_rejects_inputs_of_the_wrong_width_naming_the_layer()
    {
        var layer = new Linear("enc", 4, 2, new Rng(8));
        var tape = new Tape();
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(tape, tape.Constant(new Tensor(3, 5))));
        Assert.Contains("enc.weight", e.Message, StringComparison.Ordinal);
        Assert.Contains("[3, 5]", e.Message, StringComparison.Ordinal);
    }
}
