using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Autodiff;

/// <summary>
/// MatMul / Linear and GradientReversal beyond their gradient checks: values and gradients of a 2 x 2 case by
/// hand (with a constant weight, a constant bias, and an input used twice so its gradient accumulates), the
/// shape, bias and tape refusals by message, null arguments by name, and a non-finite lambda refused.
/// Added for the Stryker survivors of Ops.MatMul.cs and Ops.GradientReversal.cs (docs/testing.md).
/// </summary>
public sealed class LinearAndReversalContractTests
{
    [Fact]
    public void Linear_values_and_gradients_by_hand()
    {
        // x = [[1, 2], [3, 4]], W = [[1, -1], [2, 0.5]], b = [10, 20]: y = x W + b = [[15, 20], [21, 19]].
        // L = sum(y) + sum(x): dL/dx = row sums of W (0, 2.5) + 1, dL/dW = column sums of x (4, 6) per row,
        // dL/db = 2 (two rows).
        var tape = new Tape();
        var x = tape.Leaf(Tensor.FromArray([1.0, 2, 3, 4], 2, 2));
        var w = tape.Leaf(Tensor.FromArray([1.0, -1, 2, 0.5], 2, 2));
        var b = tape.Leaf(Tensor.FromArray([10.0, 20], 2));
        var y = Ops.Linear(x, w, b);
        Assert.Equal([15.0, 20, 21, 19], y.Value.Span.ToArray());
        tape.Backward(Ops.Add(Ops.Sum(y), Ops.Sum(x)));
        Assert.Equal([1.0, 3.5, 1, 3.5], x.Grad!.Span.ToArray());
        Assert.Equal([4.0, 4, 6, 6], w.Grad!.Span.ToArray());
        Assert.Equal([2.0, 2], b.Grad!.Span.ToArray());

        // Constant weight and bias: only x gets a gradient; without a bias the product alone.
        var tape2 = new Tape();
        var x2 = tape2.Leaf(Tensor.FromArray([1.0, 2, 3, 4], 2, 2));
        var w2 = tape2.Constant(Tensor.FromArray([1.0, -1, 2, 0.5], 2, 2));
        var b2 = tape2.Constant(Tensor.FromArray([10.0, 20], 2));
        tape2.Backward(Ops.Sum(Ops.Linear(x2, w2, b2)));
        Assert.Equal([0.0, 2.5, 0, 2.5], x2.Grad!.Span.ToArray());
        Assert.Null(w2.Grad);
        Assert.Null(b2.Grad);
        Assert.Equal([5.0, 0, 11, -1], Ops.MatMul(tape2.Constant(x2.Value), w2).Value.Span.ToArray());
        Assert.False(Ops.Linear(tape2.Constant(x2.Value), w2, b2).RequiresGrad);

        // Only the bias requires a gradient.
        var tape3 = new Tape();
        var b3 = tape3.Leaf(Tensor.FromArray([10.0, 20], 2));
        tape3.Backward(Ops.Sum(Ops.Linear(tape3.Constant(x2.Value), tape3.Constant(w2.Value), b3)));
        Assert.Equal([2.0, 2], b3.Grad!.Span.ToArray());
    }

    [Fact]
    public void Shapes_that_do_not_chain_and_wrong_biases_are_refused()
    {
        var tape = new Tape();
        var x = tape.Leaf(new Tensor(2, 3));
        void Refused(string[] parts, Action call)
        {
            var e = Assert.Throws<ArgumentException>(call);
            Assert.All(parts, s => Assert.Contains(s, e.Message, StringComparison.Ordinal));
        }

        Refused(["MatMul", "[2, 3]", "[4, 2]", "do not chain"], () => Ops.MatMul(x, tape.Leaf(new Tensor(4, 2))));
        Refused(["MatMul", "[3]", "do not chain"], () => Ops.MatMul(x, tape.Leaf(new Tensor(3))));
        Refused(["MatMul", "[3, 2, 2]", "do not chain"], () => Ops.MatMul(x, tape.Leaf(new Tensor(3, 2, 2))));
        Refused(["Linear", "bias [3]", "2 outputs"], () => Ops.Linear(x, tape.Leaf(new Tensor(3, 2)), tape.Leaf(new Tensor(3))));
        Refused(["Linear", "different tapes"], () => Ops.Linear(x, new Tape().Leaf(new Tensor(3, 2)), null));
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => Ops.MatMul(null!, x)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => Ops.MatMul(x, null!)).ParamName);

        // A [3]-vector times [3, 2] chains (one row).
        Assert.Equal([2], Ops.MatMul(tape.Leaf(Tensor.FromArray([1.0, 1, 1], 3)), tape.Leaf(new Tensor(3, 2))).Shape.ToArray());
    }

    [Fact]
    public void Gradient_reversal_refuses_a_missing_input_and_a_non_finite_lambda()
    {
        var tape = new Tape();
        var x = tape.Leaf(Tensor.FromArray([1.0, 2], 2));
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => Ops.GradientReversal(null!, 1)).ParamName);
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var e = Assert.Throws<ArgumentException>(() => Ops.GradientReversal(x, bad));
            Assert.Contains("GradientReversal: lambda must be finite", e.Message, StringComparison.Ordinal);
        }

        // A constant input gives a constant output; lambda 2 on a leaf gives -2 times the upstream gradient.
        Assert.False(Ops.GradientReversal(tape.Constant(Tensor.FromArray([1.0], 1)), 2).RequiresGrad);
        tape.Backward(Ops.Sum(Ops.Scale(Ops.GradientReversal(x, 2), 3)));
        Assert.Equal([-6.0, -6.0], x.Grad!.Span.ToArray());
    }
}
