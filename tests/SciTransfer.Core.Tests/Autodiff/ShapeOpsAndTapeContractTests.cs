using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Autodiff;

/// <summary>
/// The shape ops (Transpose, Slice, Concat, Reshape) by hand and by finite differences, their refusals, and the
/// tape's and Var's contracts (Backward's checks, Item, the scalar operators). Written for the code Stryker found
/// untested in Autodiff (docs/testing.md: Transpose had no covering test at all).
/// </summary>
public class ShapeOpsAndTapeContractTests
{
    private static Tensor R(ulong seed, params int[] shape) => GradCheck.Random(new Rng(seed), -1, 1, shape);

    private static void Check(Func<Tape, Var[], Var> op, params Tensor[] inputs)
    {
        double err = GradCheck.MaxRelativeError((t, v) => GradCheck.WeightedSum(op(t, v), 77), inputs);
        Assert.True(err < 1e-8, $"relative gradient error {err:E2}");
    }

    [Fact]
    public void Transpose_moves_element_i_j_to_j_i_and_its_gradient_matches_finite_differences()
    {
        var x = R(1, 3, 5);
        var tape = new Tape();
        var y = Ops.Transpose(tape.Constant(x));
        Assert.Equal([5, 3], y.Shape.ToArray());
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                Assert.Equal(x[(i * 5) + j], y.Value[(j * 3) + i]);
            }
        }

        Check((t, v) => Ops.Transpose(v[0]), R(2, 4, 2));
        Check((t, v) => Ops.Transpose(v[0]) * Ops.Transpose(v[0]), R(3, 2, 3)); // gradient accumulates over two uses
        var error = Assert.Throws<ArgumentException>(() => Ops.Transpose(new Tape().Leaf(R(4, 2, 2, 2))));
        Assert.Equal("Transpose: needs a matrix [m, n], got [2, 2, 2].", error.Message);
    }

    [Fact]
    public void Slice_on_a_middle_axis_and_a_negative_axis_takes_the_hand_computed_elements()
    {
        // x[2, 3, 2] = 0..11; Slice(axis 1, start 1, length 2) keeps x[o, 1..2, :].
        var x = new Tensor(2, 3, 2);
        for (int i = 0; i < 12; i++)
        {
            x[i] = i;
        }

        var tape = new Tape();
        var y = Ops.Slice(tape.Constant(x), 1, 1, 2);
        Assert.Equal([2.0, 3, 4, 5, 8, 9, 10, 11], y.Value.Span.ToArray());
        var last = Ops.Slice(tape.Constant(x), -1, 1, 1);
        Assert.Equal([1.0, 3, 5, 7, 9, 11], last.Value.Span.ToArray());
        Check((t, v) => Ops.Slice(v[0], -2, 0, 2) + Ops.Slice(v[0], 1, 1, 2), R(5, 2, 3, 2)); // overlapping slices
    }

    [Fact]
    public void Slice_refuses_ranges_and_axes_outside_the_shape_naming_them()
    {
        var x = new Tape().Leaf(R(6, 2, 4));
        Assert.Equal("Slice: range [3, 5) is outside axis 1 of [2, 4].", Assert.Throws<ArgumentException>(() => Ops.Slice(x, 1, 3, 2)).Message);
        Assert.Equal("Slice: range [-1, 1) is outside axis 1 of [2, 4].", Assert.Throws<ArgumentException>(() => Ops.Slice(x, 1, -1, 2)).Message);
        Assert.Equal("Slice: range [1, 0) is outside axis 0 of [2, 4].", Assert.Throws<ArgumentException>(() => Ops.Slice(x, 0, 1, -1)).Message);
        Assert.Equal("Slice: axis 2 is out of range for [2, 4].", Assert.Throws<ArgumentException>(() => Ops.Slice(x, 2, 0, 1)).Message);
        Assert.Equal("Slice: axis -3 is out of range for [2, 4].", Assert.Throws<ArgumentException>(() => Ops.Slice(x, -3, 0, 1)).Message);
        Assert.Equal([2, 4], Ops.Slice(x, 1, 0, 4).Shape.ToArray()); // the whole axis is in range
    }

    [Fact]
    public void Concat_along_a_middle_axis_interleaves_the_blocks_and_its_gradient_matches_finite_differences()
    {
        var a = new Tensor(2, 1, 2);
        var b = new Tensor(2, 2, 2);
        for (int i = 0; i < 4; i++)
        {
            a[i] = 100 + i;
        }

        for (int i = 0; i < 8; i++)
        {
            b[i] = i;
        }

        var tape = new Tape();
        var y = Ops.Concat(1, tape.Constant(a), tape.Constant(b));
        Assert.Equal([2, 3, 2], y.Shape.ToArray());
        Assert.Equal([100.0, 101, 0, 1, 2, 3, 102, 103, 4, 5, 6, 7], y.Value.Span.ToArray());
        Assert.False(y.RequiresGrad);
        Check((t, v) => Ops.Concat(-2, v[0], v[1], v[0]), R(7, 2, 1, 3), R(8, 2, 2, 3));
        Check((t, v) => Ops.Concat(1, t.Constant(R(9, 2, 2)), v[0]), R(10, 2, 3)); // a constant part gets no gradient
    }

    [Fact]
    public void Concat_refuses_no_inputs_other_ranks_other_tapes_and_other_shapes_naming_them()
    {
        var tape = new Tape();
        Assert.Equal("Concat: no inputs.", Assert.Throws<ArgumentException>(() => Ops.Concat(0)).Message);
        var m = tape.Leaf(R(11, 2, 3));
        Assert.Equal("Concat: [6] cannot join [2, 3] (rank or tape differs).",
            Assert.Throws<ArgumentException>(() => Ops.Concat(0, m, tape.Leaf(R(12, 6)))).Message);
        Assert.Equal("Concat: [2, 3] cannot join [2, 3] (rank or tape differs).",
            Assert.Throws<ArgumentException>(() => Ops.Concat(0, m, new Tape().Leaf(R(13, 2, 3)))).Message);
        Assert.Equal("Concat: shapes [2, 3] and [2, 4] differ outside axis 0.",
            Assert.Throws<ArgumentException>(() => Ops.Concat(0, m, tape.Leaf(R(14, 2, 4)))).Message);
        Assert.Equal([2, 7], Ops.Concat(1, m, tape.Leaf(R(15, 2, 4))).Shape.ToArray());
    }

    [Fact]
    public void Reshape_keeps_the_elements_refuses_another_count_and_passes_the_gradient_through()
    {
        var x = R(16, 2, 6);
        var y = Ops.Reshape(new Tape().Constant(x), 3, 4);
        Assert.Equal([3, 4], y.Shape.ToArray());
        Assert.Equal(x.Span.ToArray(), y.Value.Span.ToArray());
        Assert.Equal("Reshape: cannot reshape [2, 6] to [5, 2].",
            Assert.Throws<ArgumentException>(() => Ops.Reshape(new Tape().Leaf(x), 5, 2)).Message);
        Check((t, v) => Ops.Reshape(v[0], 4, 3) * Ops.Reshape(v[0], 4, 3), R(17, 3, 4));
    }

    [Fact]
    public void Backward_refuses_a_non_scalar_output_a_foreign_output_and_a_seed_of_another_size()
    {
        var tape = new Tape();
        var v = tape.Leaf(R(18, 2, 2));
        Assert.Equal("Tape.Backward: output of shape [2, 2] is not a scalar; pass a seed gradient.",
            Assert.Throws<ArgumentException>(() => tape.Backward(v)).Message);
        var other = new Tape().Leaf(R(19, 1));
        Assert.Equal("Tape.Backward: the output was recorded on another tape.",
            Assert.Throws<ArgumentException>(() => tape.Backward(other, Tensor.Scalar(1))).Message);
        Assert.Equal("Tape.Backward: seed [3] does not match output [2, 2].",
            Assert.Throws<ArgumentException>(() => tape.Backward(v, new Tensor(3))).Message);

        // A constant output has nothing to propagate: Backward returns and leaves no gradient anywhere.
        var c = tape.Constant(R(20, 1));
        tape.Backward(Ops.Scale(c, 2.0));
        Assert.Null(c.Grad);
    }

    [Fact]
    public void Backward_with_a_seed_gives_the_seed_weighted_gradient()
    {
        // y = 3 x elementwise; seed s gives dx = 3 s.
        var tape = new Tape();
        var x = tape.Leaf(R(21, 2, 2));
        var seed = Tensor.FromArray([1.0, -2, 0.5, 4], 2, 2);
        tape.Backward(x * 3.0, seed);
        Assert.Equal([3.0, -6, 1.5, 12], x.Grad!.Span.ToArray());
    }

    [Fact]
    public void Var_item_unary_minus_and_minus_scalar_follow_their_definitions()
    {
        var tape = new Tape();
        var x = tape.Leaf(Tensor.FromArray([1.5, -2.0], 2));
        Assert.Equal([-1.5, 2.0], (-x).Value.Span.ToArray());
        Assert.Equal([1.25, -2.25], (x - 0.25).Value.Span.ToArray());
        Assert.Equal(7.0, tape.Scalar(7.0).Item);
        Assert.Equal("Var.Item: value of shape [2] is not a single element.", Assert.Throws<InvalidOperationException>(() => x.Item).Message);
        Assert.Equal("Var[2] (grad)", x.ToString());
        Assert.Equal("Var[1]", tape.Scalar(1).ToString());
        tape.Backward(Ops.Sum(-x - 1.0));
        Assert.Equal([-1.0, -1.0], x.Grad!.Span.ToArray());
    }
}
