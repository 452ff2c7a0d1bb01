using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Autodiff;

public class ClassificationLossTests
{
    [Fact]
    public void Binary_cross_entropy_equals_the_textbook_formula_and_its_gradient_checks()
    {
        var z = GradCheck.Random(new Rng(1), -4, 4, 6, 1);
        var y = Tensor.FromArray([1, 0, 1, 0.3, 0, 1], 6, 1);
        var tape = new Tape();
        double expected = 0;
        for (int i = 0; i < 6; i++)
        {
            double p = 1 / (1 + Math.Exp(-z[i]));
            expected -= (y[i] * Math.Log(p)) + ((1 - y[i]) * Math.Log(1 - p));
        }

        Assert.Equal(expected / 6, Ops.BinaryCrossEntropyWithLogits(tape.Constant(z), y).Item, 1e-13);
        double err = GradCheck.MaxRelativeError((t, v) => Ops.BinaryCrossEntropyWithLogits(v[0], y), [z]);
        Assert.True(err < 1e-6, $"relative error {err:E2}");
    }

    [Fact]
    public void Softmax_cross_entropy_equals_minus_log_probability_and_its_gradient_checks()
    {
        var z = GradCheck.Random(new Rng(2), -3, 3, 4, 5);
        int[] labels = [0, 4, 2, 2];
        var tape = new Tape();
        double expected = 0;
        for (int i = 0; i < 4; i++)
        {
            double sum = 0;
            for (int j = 0; j < 5; j++)
            {
                sum += Math.Exp(z[i, j]);
            }

            expected -= Math.Log(Math.Exp(z[i, labels[i]]) / sum);
        }

        Assert.Equal(expected / 4, Ops.SoftmaxCrossEntropy(tape.Constant(z), labels).Item, 1e-13);
        double err = GradCheck.MaxRelativeError((t, v) => Ops.SoftmaxCrossEntropy(v[0], labels), [z]);
        Assert.True(err < 1e-6, $"relative error {err:E2}");
    }
}
