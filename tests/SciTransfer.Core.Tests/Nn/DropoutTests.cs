using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Nn;

public class DropoutTests
{
    [Fact]
    public void Dropout_keeps_the_expected_fraction_scales_survivors_and_is_identity_in_evaluation()
    {
        var drop = new Dropout(0.25);
        var x = Tensor.Full(2.0, 100, 100);
        var tape = new Tape();
        var y = drop.Forward(tape, tape.Constant(x), new Rng(1), training: true).Value;
        int kept = 0;
        foreach (double v in y.Span)
        {
            Assert.True(v == 0.0 || Math.Abs(v - (2.0 / 0.75)) < 1e-15);
            kept += v != 0 ? 1 : 0;
        }

        // Binomial(10000, 0.75): sd ~ 43; 5 sd bounds.
        Assert.InRange(kept, 7500 - 220, 7500 + 220);
        var eval = drop.Forward(tape, tape.Constant(x), new Rng(1), training: false);
        Assert.Same(x, eval.Value);
    }

    [Fact]
    public void Dropout_masks_are_reproducible_from_the_seed_and_gradients_follow_the_mask()
    {
        var drop = new Dropout(0.5);
        var x = Tensor.Full(1.0, 10, 10);
        var t1 = new Tape();
        var leaf = t1.Leaf(x);
        var y1 = drop.Forward(t1, leaf, new Rng(42), training: true);
        t1.Backward(Ops.Sum(y1));
        var t2 = new Tape();
        var y2 = drop.Forward(t2, t2.Constant(x), new Rng(42), training: true);
        Assert.Equal(y1.Value.Span.ToArray(), y2.Value.Span.ToArray());
        Assert.Equal(y1.Value.Span.ToArray(), leaf.Grad!.Span.ToArray());
    }
}
