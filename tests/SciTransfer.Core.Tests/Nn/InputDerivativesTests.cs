using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;
using SciTransfer.Core.Tests.Autodiff;

namespace SciTransfer.Core.Tests.Nn;

public class InputDerivativesTests
{
    private static Mlp Net(int[] widths, Activation act, ulong seed)
    {
        var mlp = new Mlp("pinn", widths, act, new Rng(seed));
        var rng = new Rng(seed + 1);
        foreach (var p in mlp.Parameters.Where(p => p.Name.EndsWith("bias", StringComparison.Ordinal)))
        {
            for (int i = 0; i < p.Count; i++)
            {
                p.Value[i] = rng.Uniform(-0.3, 0.3);
            }
        }

        return mlp;
    }

    private static Tensor Eval(Mlp mlp, Tensor x)
    {
        var tape = new Tape();
        return mlp.Forward(tape, tape.Constant(x)).Value.Clone();
    }

    [Theory]
    [InlineData(Activation.Tanh, 2, 1)]
    [InlineData(Activation.Sigmoid, 3, 2)]
    public void Network_gradient_and_laplacian_match_finite_differences(Activation act, int d, int outputs)
    {
        var mlp = Net([d, 9, 7, outputs], act, 3);
        var x = GradCheck.Random(new Rng(4), -1, 1, 5, d);
        var tape = new Tape();
        var (value, grad, lap) = mlp.ForwardWithDerivatives(tape, x);
        var plain = Eval(mlp, x);
        for (int i = 0; i < plain.Length; i++)
        {
            Assert.Equal(plain[i], value.Value[i], 1e-14);
        }

        const double h = 1e-4;
        var lapFd = new double[5 * outputs];
        for (int k = 0; k < d; k++)
        {
            var xp = x.Clone();
            var xm = x.Clone();
            for (int i = 0; i < 5; i++)
            {
                xp[i, k] += h;
                xm[i, k] -= h;
            }

            var fp = Eval(mlp, xp);
            var fm = Eval(mlp, xm);
            for (int e = 0; e < 5 * outputs; e++)
            {
                double g = (fp[e] - fm[e]) / (2 * h);
                Assert.True(Math.Abs(g - grad[k].Value[e]) < 1e-7 * Math.Max(1, Math.Abs(g)), $"d/dx{k} [{e}]: {grad[k].Value[e]} vs {g}");
                lapFd[e] += (fp[e] - (2 * plain[e]) + fm[e]) / (h * h);
            }
        }

        for (int e = 0; e < lapFd.Length; e++)
        {
            Assert.True(Math.Abs(lapFd[e] - lap.Value[e]) < 1e-5 * Math.Max(1, Math.Abs(lapFd[e])), $"laplacian[{e}]: {lap.Value[e]} vs {lapFd[e]}");
        }
    }

    [Fact]
    public void Laplacian_of_a_known_function_is_exact_for_a_one_unit_network()
    {
        // u(x, y) = tanh(a x + b y + c) has laplacian -2 (a^2 + b^2) u (1 - u^2).
        var mlp = new Mlp("one", [2, 1], Activation.Identity, new Rng(5), Activation.Tanh);
        mlp.Layers[0].Weight.Value[0] = 0.7;
        mlp.Layers[0].Weight.Value[1] = -1.3;
        mlp.Layers[0].Bias!.Value[0] = 0.2;
        var x = Tensor.FromArray([0.1, 0.4, -0.5, 0.9], 2, 2);
        var tape = new Tape();
        var r = mlp.ForwardWithDerivatives(tape, x);
        for (int i = 0; i < 2; i++)
        {
            double u = Math.Tanh((0.7 * x[i, 0]) - (1.3 * x[i, 1]) + 0.2);
            Assert.Equal(u, r.Value.Value[i], 1e-15);
            Assert.Equal(0.7 * (1 - (u * u)), r.Gradient[0].Value[i], 1e-15);
            Assert.Equal(-1.3 * (1 - (u * u)), r.Gradient[1].Value[i], 1e-15);
            Assert.Equal(-2 * ((0.7 * 0.7) + (1.3 * 1.3)) * u * (1 - (u * u)), r.Laplacian.Value[i], 1e-14);
        }
    }

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sigmoid)]
    public void Parameter_gradient_of_a_laplacian_based_loss_matches_finite_differences(Activation act)
    {
        var mlp = Net([2, 6, 5, 1], act, 6);
        var x = GradCheck.Random(new Rng(7), 0, 1, 8, 2);
        var f = GradCheck.Random(new Rng(8), -1, 1, 8, 1);
        Var Loss(Tape tape)
        {
            var (u, g, lap) = mlp.ForwardWithDerivatives(tape, x);
            var residual = lap + tape.Constant(f);
            var robin = g[0] + (u * 2.0);
            return Ops.Mean(Ops.Square(residual)) + (Ops.Mean(Ops.Square(robin)) * 0.5) + Ops.Mean(Ops.Square(g[1]));
        }

        double err = ParamGradCheck.MaxRelativeError(mlp.Parameters, Loss);
        Assert.True(err < 1e-6, $"relative error {err:E2}");
    }

    [Fact]
    public void Relu_network_derivatives_are_piecewise_linear_and_parameter_gradients_check()
    {
        var mlp = Net([2, 7, 1], Activation.Relu, 9);
        var x = GradCheck.Random(new Rng(10), -1, 1, 6, 2);
        var tape = new Tape();
        var r = mlp.ForwardWithDerivatives(tape, x);
        Assert.All(r.Laplacian.Value.Span.ToArray(), v => Assert.Equal(0.0, v));
        double err = ParamGradCheck.MaxRelativeError(mlp.Parameters, t =>
        {
            var (u, g, _) = mlp.ForwardWithDerivatives(t, x);
            return Ops.Mean(Ops.Square(g[0] - u));
        });
        Assert.True(err < 1e-6, $"relative error {err:E2}");
    }

    [Fact]
    public void Public_forward_laplacian_building_blocks_compose_to_the_mlp_result_and_check_shapes()
    {
        var mlp = Net([2, 5, 1], Activation.Tanh, 11);
        var x = GradCheck.Random(new Rng(12), 0, 1, 4, 2);
        var tape = new Tape();
        var expected = mlp.ForwardWithDerivatives(tape, x);
        var s = ForwardLaplacian.Stack(tape, x);
        s = ForwardLaplacian.Dense(s, tape.Param(mlp.Layers[0].Weight), tape.Param(mlp.Layers[0].Bias!), Activation.Tanh, 4, 2);
        s = ForwardLaplacian.Dense(s, tape.Param(mlp.Layers[1].Weight), tape.Param(mlp.Layers[1].Bias!), Activation.Identity, 4, 2);
        var got = ForwardLaplacian.Split(s, 4, 2);
        Assert.Equal(expected.Laplacian.Value.ToArray(), got.Laplacian.Value.ToArray());
        Assert.Equal(expected.Gradient[1].Value.ToArray(), got.Gradient[1].Value.ToArray());
        var e = Assert.Throws<ArgumentException>(() =>
            ForwardLaplacian.Dense(ForwardLaplacian.Stack(tape, x), tape.Param(mlp.Layers[1].Weight), tape.Param(mlp.Layers[1].Bias!), Activation.Tanh, 4, 2));
        Assert.Contains("[16, 2]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[5, 1]", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Each point's value, gradient and Laplacian must be the bits it gets in a small batch: the
    /// products and the activation pass must not mix points (a guard for chunked or tiled passes;
    /// issue 20 tried a chunked activation pass). 296 points x width 16 = 4736 elements per block
    /// against 37 batches of 8 points. Batches of 8 keep every product row in a full 8-row tile (one
    /// row alone takes the 1-row kernel, which sums in another order), and widths that are multiples
    /// of 8 keep every element on the vector path.
    /// </summary>
    [Fact]
    public void Batched_forward_laplacian_gives_each_point_the_bits_it_gets_in_a_small_batch()
    {
        var mlp = Net([2, 16, 16, 8], Activation.Tanh, 21);
        var x = GradCheck.Random(new Rng(22), -1, 1, 296, 2);
        var tape = new Tape();
        var all = mlp.ForwardWithDerivatives(tape, x);
        var few = new Tensor(8, 2);
        for (int i0 = 0; i0 < 296; i0 += 8)
        {
            x.Span.Slice(i0 * 2, 16).CopyTo(few.Span);
            var alone = mlp.ForwardWithDerivatives(new Tape(), few);
            for (int i = 0; i < 8; i++)
            {
                for (int j = 0; j < 8; j++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(alone.Value.Value[i, j]), BitConverter.DoubleToInt64Bits(all.Value.Value[i0 + i, j]));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(alone.Gradient[1].Value[i, j]), BitConverter.DoubleToInt64Bits(all.Gradient[1].Value[i0 + i, j]));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(alone.Laplacian.Value[i, j]), BitConverter.DoubleToInt64Bits(all.Laplacian.Value[i0 + i, j]));
                }
            }
        }
    }
}
