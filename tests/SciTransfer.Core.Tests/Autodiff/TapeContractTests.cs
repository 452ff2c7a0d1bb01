using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Autodiff;

/// <summary>
/// The tape's documented contract (its summary): after Reset a repeated step reuses the pooled buffers
/// (allocates a small fraction of the first step), ops whose output gets no gradient are skipped, only ops that
/// need a gradient are recorded, parameters share their value and accumulate into Parameter.Grad unless frozen,
/// and back-propagating a constant does nothing. Added for the Stryker survivors of Tape.cs (docs/testing.md).
/// </summary>
public sealed class TapeContractTests
{
    private static double Step(Tape tape, Tensor x)
    {
        tape.Reset();
        var v = tape.Leaf(x);
        var loss = Ops.Sum(Ops.Tanh(Ops.Square(v)));
        tape.Backward(loss);
        return loss.Item + v.Grad![7];
    }

    [Fact]
    public void After_reset_a_repeated_step_reuses_its_buffers()
    {
        // Four buffers of 200 000 doubles (1.6 MB each) per step: values of square, tanh and the leaf gradient,
        // and the intermediate gradients. The second and third steps take them from the pool.
        var x = new Tensor(200_000);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Math.Sin(i);
        }

        var tape = new Tape();
        long before = GC.GetAllocatedBytesForCurrentThread();
        double first = Step(tape, x);
        long firstBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        double second = Step(tape, x);
        double third = Step(tape, x);
        long laterBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(firstBytes > 4 * 1_600_000, $"first step allocated {firstBytes} bytes");
        Assert.True(laterBytes < 100_000, $"two later steps allocated {laterBytes} bytes");
        Assert.Equal(first, second);
        Assert.Equal(first, third);
    }

    [Fact]
    public void Ops_without_a_gradient_are_not_recorded_and_unused_branches_are_skipped()
    {
        var tape = new Tape();
        var c = tape.Constant(Tensor.FromArray([1.0, 2], 2));
        _ = Ops.Tanh(c);
        Assert.Equal(0, tape.Count);
        var x = tape.Leaf(Tensor.FromArray([0.5, -1], 2));
        var unused = Ops.Square(x);          // recorded, but never reached by the loss: its output has no gradient
        var loss = Ops.Sum(Ops.Scale(x, 3));
        Assert.Equal(3, tape.Count);
        tape.Backward(loss);
        Assert.Equal([3.0, 3.0], x.Grad!.Span.ToArray());
        Assert.Null(unused.Grad);

        // Back-propagating a constant leaves everything as it was.
        var tape2 = new Tape();
        var leaf = tape2.Leaf(Tensor.FromArray([1.0], 1));
        _ = Ops.Square(leaf);
        tape2.Backward(tape2.Scalar(5));
        Assert.Null(leaf.Grad);
        Assert.Equal([5.0], tape2.Scalar(5).Value.Span.ToArray());
    }

    [Fact]
    public void Parameters_share_their_value_and_accumulate_unless_frozen()
    {
        var p = new Parameter("w", Tensor.FromArray([2.0, 3], 2));
        var frozen = new Parameter("f", Tensor.FromArray([4.0], 1)) { Frozen = true };
        var tape = new Tape();
        var pv = tape.Param(p);
        Assert.Same(p.Value, pv.Value);
        Assert.False(tape.Param(frozen).RequiresGrad);
        tape.Backward(Ops.Sum(Ops.Square(pv)));
        tape.Reset();
        tape.Backward(Ops.Sum(Ops.Add(Ops.Square(tape.Param(p)), Ops.Mul(tape.Param(p), tape.Param(frozen)))));
        Assert.Equal([(2 * 2.0 * 2) + 4, (2 * 2.0 * 3) + 4], p.Grad.Span.ToArray());   // 2w + (2w + f)
        Assert.Equal([0.0], frozen.Grad.Span.ToArray());
        Assert.Equal("parameter", Assert.Throws<ArgumentNullException>(() => tape.Param(null!)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => tape.Backward(null!)).ParamName);
        Assert.Equal("seed", Assert.Throws<ArgumentNullException>(() => tape.Backward(pv, null!)).ParamName);
    }
}
