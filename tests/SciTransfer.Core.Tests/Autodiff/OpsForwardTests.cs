using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Autodiff;

public class OpsForwardTests
{
    private static Tensor R(ulong seed, params int[] shape) => GradCheck.Random(new Rng(seed), -1, 1, shape);

    [Fact]
    public void Elementwise_ops_equal_math_library_values()
    {
        var x = GradCheck.Random(new Rng(1), 0.1, 2, 5, 7);
        var tape = new Tape();
        var v = tape.Constant(x);
        var cases = new (Var Y, Func<double, double> F)[]
        {
            (Ops.Tanh(v), Math.Tanh),
            (Ops.Sigmoid(v), z => 1 / (1 + Math.Exp(-z))),
            (Ops.Relu(Ops.AddScalar(v, -1)), z => Math.Max(z - 1, 0)),
            (Ops.Exp(v), Math.Exp),
            (Ops.Log(v), Math.Log),
            (Ops.Square(v), z => z * z),
            (Ops.Sqrt(v), Math.Sqrt),
            (Ops.Scale(v, -3), z => -3 * z),
        };
        foreach (var (y, f) in cases)
        {
            for (int i = 0; i < x.Length; i++)
            {
                Assert.Equal(f(x[i]), y.Value[i], 1e-14);
            }
        }
    }

    [Fact]
    public void Broadcast_binary_ops_equal_explicit_loops()
    {
        var a = R(2, 4, 3);
        var row = GradCheck.Random(new Rng(3), 0.5, 1.5, 3);
        var col = GradCheck.Random(new Rng(4), 0.5, 1.5, 4, 1);
        var tape = new Tape();
        var add = Ops.Add(tape.Constant(a), tape.Constant(row));
        var div = Ops.Div(tape.Constant(a), tape.Constant(col));
        var sub = Ops.Sub(tape.Constant(row), tape.Constant(a));
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(a[i, j] + row[j], add.Value[i, j], 1e-15);
                Assert.Equal(a[i, j] / col[i], div.Value[i, j], 1e-15);
                Assert.Equal(row[j] - a[i, j], sub.Value[i, j], 1e-15);
            }
        }

        Assert.Equal([4, 3], sub.Shape.ToArray());
    }

    [Fact]
    public void MatMul_equals_a_triple_loop()
    {
        var a = R(5, 37, 23);
        var b = R(6, 23, 41);
        var tape = new Tape();
        var c = Ops.MatMul(tape.Constant(a), tape.Constant(b));
        for (int i = 0; i < 37; i++)
        {
            for (int j = 0; j < 41; j++)
            {
                double s = 0;
                for (int p = 0; p < 23; p++)
                {
                    s += a[i, p] * b[p, j];
                }

                Assert.Equal(s, c.Value[i, j], 1e-12);
            }
        }
    }

    [Fact]
    public void Reductions_slices_and_concat_equal_explicit_loops()
    {
        var a = R(7, 3, 4);
        var tape = new Tape();
        var v = tape.Constant(a);
        double total = 0;
        for (int i = 0; i < a.Length; i++)
        {
            total += a[i];
        }

        Assert.Equal(total, Ops.Sum(v).Item, 1e-14);
        Assert.Equal(total / 12, Ops.Mean(v).Item, 1e-14);
        var rows = Ops.SumRows(v).Value;
        var cols = Ops.SumColumns(v).Value;
        var slice = Ops.Slice(v, 1, 1, 2).Value;
        var cat = Ops.Concat(1, v, Ops.Slice(v, 1, 0, 1)).Value;
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(a[0, j] + a[1, j] + a[2, j], rows[j], 1e-14);
        }

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(a[i, 0] + a[i, 1] + a[i, 2] + a[i, 3], cols[i], 1e-14);
            Assert.Equal(a[i, 1], slice[i, 0]);
            Assert.Equal(a[i, 2], slice[i, 1]);
            Assert.Equal(a[i, 3], cat[i, 3]);
            Assert.Equal(a[i, 0], cat[i, 4]);
        }
    }

    [Fact]
    public void Masked_mse_ignores_missing_targets_even_when_they_are_nan()
    {
        var tape = new Tape();
        var p = tape.Constant(Tensor.FromArray([1, 2, 3, 4], 4));
        var t = tape.Constant(Tensor.FromArray([0, double.NaN, 5, 4], 4));
        var loss = Ops.MaskedMseLoss(p, t, Tensor.FromArray([1, 0, 1, 1], 4));
        Assert.Equal((1.0 + 4.0 + 0.0) / 3.0, loss.Item, 1e-15);
    }

    [Fact]
    public void Shape_errors_name_the_op_and_both_shapes()
    {
        var tape = new Tape();
        var a = tape.Constant(new Tensor(3, 4));
        var b = tape.Constant(new Tensor(5, 2));
        var e1 = Assert.Throws<ArgumentException>(() => Ops.MatMul(a, b));
        Assert.Contains("MatMul", e1.Message, StringComparison.Ordinal);
        Assert.Contains("[3, 4]", e1.Message, StringComparison.Ordinal);
        Assert.Contains("[5, 2]", e1.Message, StringComparison.Ordinal);
        var e2 = Assert.Throws<ArgumentException>(() => Ops.Add(a, b));
        Assert.Contains("Add", e2.Message, StringComparison.Ordinal);
        Assert.Contains("[5, 2]", e2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reset_recycles_buffers_so_a_repeated_step_gives_identical_results()
    {
        var tape = new Tape();
        var x = R(8, 10, 6);
        var w = R(9, 6, 3);
        double first = 0;
        for (int rep = 0; rep < 3; rep++)
        {
            tape.Reset();
            var xv = tape.Leaf(x);
            var loss = Ops.Sum(Ops.Tanh(Ops.MatMul(xv, tape.Constant(w))));
            tape.Backward(loss);
            double g = xv.Grad![5];
            if (rep == 0)
            {
                first = loss.Item + g;
            }

            Assert.Equal(first, loss.Item + g);
        }
    }
}
