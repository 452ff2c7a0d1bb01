using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;

namespace SciTransfer.Core.Tests.Autodiff;

public class GradientReversalTests
{
    [Fact]
    public void Forward_is_the_identity()
    {
        var x = GradCheck.Random(new Rng(1), -1, 1, 3, 4);
        var y = Ops.GradientReversal(new Tape().Constant(x), 0.7).Value;
        Assert.Equal(x.Span.ToArray(), y.Span.ToArray());
    }

    [Fact]
    public void Backward_is_minus_lambda_times_the_gradient_of_what_follows_checked_by_central_differences()
    {
        const double lambda = 0.37;
        var x = GradCheck.Random(new Rng(2), -1, 1, 3, 4);
        Var F(Var v) => GradCheck.WeightedSum(Ops.Tanh(Ops.Square(v)), 5);

        var tape = new Tape();
        var leaf = tape.Leaf(x);
        tape.Backward(F(Ops.GradientReversal(leaf, lambda)));

        // Central differences of f itself (the reversal is the identity forward): analytic = -lambda * numeric.
        const double h = 1e-5;
        for (int i = 0; i < x.Length; i++)
        {
            double orig = x[i];
            x[i] = orig + h;
            double fp = F(new Tape().Constant(x)).Item;
            x[i] = orig - h;
            double fm = F(new Tape().Constant(x)).Item;
            x[i] = orig;
            double numeric = (fp - fm) / (2 * h);
            Assert.True(Math.Abs(leaf.Grad![i] - (-lambda * numeric)) < 1e-8 * Math.Max(1, Math.Abs(numeric)), $"element {i}: {leaf.Grad![i]} vs {-lambda * numeric}");
        }
    }

    [Fact]
    public void Gradients_accumulate_with_other_uses_of_the_input()
    {
        var x = GradCheck.Random(new Rng(3), -1, 1, 5);
        var tape = new Tape();
        var leaf = tape.Leaf(x);
        // sum(x) + sum(GRL(x)) with lambda 1: the two gradients cancel.
        tape.Backward(Ops.Add(Ops.Sum(leaf), Ops.Sum(Ops.GradientReversal(leaf, 1.0))));
        Assert.All(leaf.Grad!.Span.ToArray(), g => Assert.Equal(0.0, g, 15));
    }
}
