using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Autodiff;

public class OpsGradientTests
{
    private const double Tol = 1e-6;

    private static Tensor R(ulong seed, params int[] shape) => GradCheck.Random(new Rng(seed), -1, 1, shape);

    private static Tensor Pos(ulong seed, params int[] shape) => GradCheck.Random(new Rng(seed), 0.5, 2, shape);

    private static void Check(Func<Tape, Var[], Var> op, params Tensor[] inputs)
    {
        double err = GradCheck.MaxRelativeError((t, v) => GradCheck.WeightedSum(op(t, v), 99), inputs);
        Assert.True(err < Tol, $"relative gradient error {err:E2}");
    }

    [Fact]
    public void Add_gradients_match_finite_differences_for_equal_row_column_and_scalar_shapes()
    {
        Check((t, v) => v[0] + v[1], R(1, 3, 4), R(2, 3, 4));
        Check((t, v) => v[0] + v[1], R(1, 3, 4), R(2, 4));
        Check((t, v) => v[0] + v[1], R(1, 3, 4), R(2, 3, 1));
        Check((t, v) => v[1] + v[0], R(1, 3, 4), R(2, 1));
    }

    [Fact]
    public void Sub_gradients_match_finite_differences_with_broadcasting()
    {
        Check((t, v) => v[0] - v[1], R(3, 5, 2), R(4, 5, 2));
        Check((t, v) => v[1] - v[0], R(3, 5, 2), R(4, 1, 2));
    }

    [Fact]
    public void Mul_gradients_match_finite_differences_with_broadcasting_and_self_products()
    {
        Check((t, v) => v[0] * v[1], R(5, 3, 4), R(6, 3, 4));
        Check((t, v) => v[0] * v[1], R(5, 3, 4), R(6, 1, 4));
        Check((t, v) => v[0] * v[0], R(5, 3, 4));
    }

    [Fact]
    public void Div_gradients_match_finite_differences_with_broadcasting()
    {
        Check((t, v) => v[0] / v[1], R(7, 3, 4), Pos(8, 3, 4));
        Check((t, v) => v[0] / v[1], R(7, 3, 4), Pos(8, 3, 1));
        Check((t, v) => v[1] / v[0], Pos(7, 3, 4), R(8, 1));
    }

    [Fact]
    public void Scale_and_add_scalar_gradients_match_finite_differences()
    {
        Check((t, v) => (v[0] * 2.5) + 1.0, R(9, 4, 3));
    }

    [Fact]
    public void Unary_activation_gradients_match_finite_differences()
    {
        Check((t, v) => Ops.Tanh(v[0]), R(10, 4, 5));
        Check((t, v) => Ops.Sigmoid(v[0]), R(11, 4, 5));
        Check((t, v) => Ops.Exp(v[0]), R(12, 4, 5));
        Check((t, v) => Ops.Log(v[0]), Pos(13, 4, 5));
        Check((t, v) => Ops.Square(v[0]), R(14, 4, 5));
        Check((t, v) => Ops.Sqrt(v[0]), Pos(15, 4, 5));
    }

    [Fact]
    public void Relu_gradient_matches_finite_differences_away_from_the_kink()
    {
        var x = R(16, 6, 7);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Math.Abs(x[i]) < 0.05 ? 0.3 : x[i];
        }

        Check((t, v) => Ops.Relu(v[0]), x);
    }

    [Fact]
    public void Reductions_gradients_match_finite_differences()
    {
        Check((t, v) => Ops.Sum(v[0]), R(17, 3, 4));
        Check((t, v) => Ops.Mean(v[0]), R(18, 3, 4));
        Check((t, v) => Ops.SumRows(v[0]), R(19, 3, 4));
        Check((t, v) => Ops.SumColumns(v[0]), R(20, 3, 4));
    }

    [Fact]
    public void MatMul_and_Linear_gradients_match_finite_differences_for_odd_sizes()
    {
        Check((t, v) => Ops.MatMul(v[0], v[1]), R(21, 7, 5), R(22, 5, 19));
        Check((t, v) => Ops.MatMul(v[0], v[1]), R(21, 2, 3, 5), R(22, 5, 3));
        Check((t, v) => Ops.Linear(v[0], v[1], v[2]), R(23, 13, 4), R(24, 4, 17), R(25, 17));
    }

    [Fact]
    public void Slice_concat_and_reshape_gradients_match_finite_differences()
    {
        Check((t, v) => Ops.Slice(v[0], 1, 1, 2), R(26, 3, 4));
        Check((t, v) => Ops.Slice(v[0], 0, 1, 2), R(27, 3, 4));
        Check((t, v) => Ops.Slice(v[0], 1, 2, 3), R(28, 2, 5, 3));
        Check((t, v) => Ops.Concat(1, v[0], v[1]), R(29, 3, 2), R(30, 3, 4));
        Check((t, v) => Ops.Concat(0, v[0], v[1], v[0]), R(31, 2, 3), R(32, 1, 3));
        Check((t, v) => Ops.Reshape(v[0], 6, 2), R(33, 3, 4));
    }

    [Fact]
    public void Mse_and_masked_mse_gradients_match_finite_differences()
    {
        var mask = Tensor.FromArray([1, 0, 1, 1, 0, 1], 2, 3);
        double err = GradCheck.MaxRelativeError((t, v) => Ops.MaskedMseLoss(v[0], v[1], mask), [R(34, 2, 3), R(35, 2, 3)]);
        Assert.True(err < Tol, $"masked mse error {err:E2}");
        err = GradCheck.MaxRelativeError((t, v) => Ops.MseLoss(v[0], v[1]), [R(36, 4, 1), R(37, 4, 1)]);
        Assert.True(err < Tol, $"mse error {err:E2}");
        Check((t, v) => Ops.Mask(v[0], mask), R(38, 2, 3));
    }

    [Fact]
    public void A_composite_expression_reusing_values_has_correct_gradients()
    {
        Check(
            (t, v) =>
            {
                var h = Ops.Tanh(Ops.Linear(v[0], v[1], v[2]));
                return Ops.Sigmoid(h * h) + Ops.Exp(h) - (h / (Ops.Square(h) + 1.0));
            },
            R(40, 6, 3), R(41, 3, 5), R(42, 5));
    }
}
