using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Autodiff;

/// <summary>
/// MseLoss, MaskedMseLoss and Mask against values and gradients worked by hand: L = sum w (p - t)^2 / sum w,
/// dL/dp = 2 w (p - t) / sum w = -dL/dt, scaled by the upstream gradient; fractional weights; a zero weight
/// ignores the target (even NaN) in value and gradient; an all-zero mask gives 0 and no gradient; gradients
/// only for the operands that require them; and the argument checks (null by parameter name, sizes and tapes
/// by message). Added for the Stryker survivors of Ops.Loss.cs (62 %, docs/testing.md).
/// </summary>
public sealed class LossContractTests
{
    [Fact]
    public void Mse_value_and_gradients_scale_with_the_upstream_gradient()
    {
        var tape = new Tape();
        var p = tape.Leaf(Tensor.FromArray([1.0, 2, 3], 3));
        var t = tape.Leaf(Tensor.FromArray([0.0, 2, 5], 3));
        var loss = Ops.MseLoss(p, t);
        Assert.Equal(5.0 / 3, loss.Item, 15);
        tape.Backward(Ops.Scale(loss, 3.0)); // upstream gradient 3
        Assert.Equal([2.0, 0, -4.0], p.Grad!.Span.ToArray());   // 3 x 2 (p - t) / 3
        Assert.Equal([-2.0, 0, 4.0], t.Grad!.Span.ToArray());
    }

    [Fact]
    public void Only_the_operands_that_require_gradients_receive_them()
    {
        var tape = new Tape();
        var p = tape.Leaf(Tensor.FromArray([1.0, 4], 2));
        var t = tape.Constant(Tensor.FromArray([3.0, 1], 2));
        tape.Backward(Ops.MseLoss(p, t));
        Assert.Equal([-2.0, 3.0], p.Grad!.Span.ToArray());     // 2 (p - t) / 2
        Assert.Null(t.Grad);

        var tape2 = new Tape();
        var p2 = tape2.Constant(Tensor.FromArray([1.0, 4], 2));
        var t2 = tape2.Leaf(Tensor.FromArray([3.0, 1], 2));
        tape2.Backward(Ops.MseLoss(p2, t2));
        Assert.Equal([2.0, -3.0], t2.Grad!.Span.ToArray());
        Assert.Null(p2.Grad);

        // Neither requires a gradient: the loss is a constant.
        var tape3 = new Tape();
        Assert.False(Ops.MseLoss(tape3.Constant(Tensor.FromArray([1.0], 1)), tape3.Constant(Tensor.FromArray([2.0], 1))).RequiresGrad);
    }

    [Fact]
    public void Fractional_weights_weight_the_mean_and_a_zero_weight_ignores_a_nan_target()
    {
        // w = [0.5, 0, 2, 1], d = p - t = [2, -, -1, 3]: L = (0.5 4 + 2 1 + 1 9) / 3.5 = 13 / 3.5;
        // dL/dp = 2 w d / 3.5 = [2/3.5, 0, -4/3.5, 6/3.5].
        var tape = new Tape();
        var p = tape.Leaf(Tensor.FromArray([3.0, 7, 1, 5], 4));
        var t = tape.Leaf(Tensor.FromArray([1.0, double.NaN, 2, 2], 4));
        var loss = Ops.MaskedMseLoss(p, t, Tensor.FromArray([0.5, 0, 2, 1], 4));
        Assert.Equal(13 / 3.5, loss.Item, 14);
        tape.Backward(loss);
        double[] expected = [2 / 3.5, 0, -4 / 3.5, 6 / 3.5];
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], p.Grad![i], 14);
            Assert.Equal(-expected[i], t.Grad![i], 14);
        }
    }

    [Fact]
    public void An_all_zero_mask_gives_zero_loss_and_no_gradient()
    {
        var tape = new Tape();
        var p = tape.Leaf(Tensor.FromArray([3.0, 7], 2));
        var t = tape.Leaf(Tensor.FromArray([double.NaN, 1], 2));
        var loss = Ops.MaskedMseLoss(p, t, new Tensor(2));
        Assert.Equal(0.0, loss.Item);
        tape.Backward(loss);
        Assert.True(p.Grad is null || p.Grad.Span.ToArray().All(g => g == 0), "p gradient");
        Assert.True(t.Grad is null || t.Grad.Span.ToArray().All(g => g == 0), "t gradient");
    }

    [Fact]
    public void Mask_multiplies_by_a_constant_mask_of_the_same_size()
    {
        var tape = new Tape();
        var x = tape.Leaf(Tensor.FromArray([1.0, 2, 3, 4, 5, 6], 2, 3));
        var y = Ops.Mask(x, Tensor.FromArray([1.0, 0, 2, 0, 1, 0.5], 6));
        Assert.Equal([2, 3], y.Shape.ToArray());
        Assert.Equal([1.0, 0, 6, 0, 5, 3], y.Value.Span.ToArray());
        tape.Backward(Ops.Sum(y));
        Assert.Equal([1.0, 0, 2, 0, 1, 0.5], x.Grad!.Span.ToArray());
    }

    [Fact]
    public void Mismatched_sizes_and_tapes_are_refused_naming_the_op_and_shapes()
    {
        var tape = new Tape();
        var a = tape.Leaf(new Tensor(2, 3));
        var b = tape.Leaf(new Tensor(5));
        var c = tape.Leaf(new Tensor(6));
        void Refused(string[] parts, Action call)
        {
            var e = Assert.Throws<ArgumentException>(call);
            Assert.All(parts, s => Assert.Contains(s, e.Message, StringComparison.Ordinal));
        }

        Refused(["MseLoss", "[2, 3]", "[5]"], () => Ops.MseLoss(a, b));
        Refused(["MaskedMseLoss", "[2, 3]", "[5]"], () => Ops.MaskedMseLoss(a, b, new Tensor(5)));    // target differs
        Refused(["MaskedMseLoss", "mask [5]"], () => Ops.MaskedMseLoss(a, c, new Tensor(5)));         // only the mask differs
        Refused(["Mask: mask [5]", "[2, 3]"], () => Ops.Mask(a, new Tensor(5)));
        var other = new Tape().Leaf(new Tensor(6));
        Refused(["MseLoss", "different tapes"], () => Ops.MseLoss(c, other));
        Refused(["MaskedMseLoss", "different tapes"], () => Ops.MaskedMseLoss(c, other, new Tensor(6)));

        Assert.Equal("prediction", Assert.Throws<ArgumentNullException>(() => Ops.MseLoss(null!, c)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentNullException>(() => Ops.MseLoss(c, null!)).ParamName);
        Assert.Equal("prediction", Assert.Throws<ArgumentNullException>(() => Ops.MaskedMseLoss(null!, c, new Tensor(6))).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentNullException>(() => Ops.MaskedMseLoss(c, null!, new Tensor(6))).ParamName);
        Assert.Equal("mask", Assert.Throws<ArgumentNullException>(() => Ops.MaskedMseLoss(c, c, null!)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => Ops.Mask(null!, new Tensor(6))).ParamName);
        Assert.Equal("mask", Assert.Throws<ArgumentNullException>(() => Ops.Mask(c, null!)).ParamName);
    }
}
