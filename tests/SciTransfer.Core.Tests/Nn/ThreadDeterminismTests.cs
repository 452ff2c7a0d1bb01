using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;
using SciTransfer.Core.Tests.Autodiff;

namespace SciTransfer.Core.Tests.Nn;

public class ThreadDeterminismTests
{
    private static double[][] Grads(IModule m) => m.Parameters.Select(p => p.Grad.Span.ToArray()).ToArray();

    [Fact]
    public void Lstm_outputs_and_gradients_are_bit_identical_for_one_and_three_threads()
    {
        var lstm = new Lstm("l", 5, 32, new Rng(1));
        var x = GradCheck.Random(new Rng(2), -1, 1, 64, 12, 5);
        double[][] Run(int threads, out double[] y)
        {
            lstm.ZeroGrad();
            var tape = new Tape { Threads = threads };
            var h = lstm.Forward(tape, tape.Constant(x));
            y = h.Value.Span.ToArray();
            tape.Backward(GradCheck.WeightedSum(h, 3));
            return Grads(lstm);
        }

        var g1 = Run(1, out var y1);
        var g3 = Run(3, out var y3);
        Assert.Equal(y1, y3);
        for (int k = 0; k < g1.Length; k++)
        {
            Assert.Equal(g1[k], g3[k]);
        }
    }

    [Trait("Category", "Slow")]

    [Fact]
    public void Forward_laplacian_values_and_gradients_are_bit_identical_for_one_and_three_threads()
    {
        var mlp = new Mlp("p", [2, 24, 24, 1], Activation.Tanh, new Rng(4));
        var x = GradCheck.Random(new Rng(5), 0, 1, 3000, 2);
        double[][] Run(int threads, out double[] lap)
        {
            mlp.ZeroGrad();
            var tape = new Tape { Threads = threads };
            var d = mlp.ForwardWithDerivatives(tape, x);
            lap = d.Laplacian.Value.Span.ToArray();
            tape.Backward(Ops.Mean(Ops.Square(d.Laplacian + d.Gradient[0])));
            return Grads(mlp);
        }

        var g1 = Run(1, out var l1);
        var g3 = Run(3, out var l3);
        Assert.Equal(l1, l3);
        for (int k = 0; k < g1.Length; k++)
        {
            Assert.Equal(g1[k], g3[k]);
        }
    }
}
