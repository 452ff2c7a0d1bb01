using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;
using SciTransfer.Core.Tests.Autodiff;

namespace SciTransfer.Core.Tests.Optim;

public class LbfgsTests
{
    [Fact]
    public void Lbfgs_minimises_the_rosenbrock_function_to_tight_tolerance()
    {
        var p = new Parameter("xy", Tensor.FromArray([-1.2, 1.0], 2));
        var lbfgs = new Lbfgs([p]);
        var tape = new Tape();
        var result = lbfgs.Minimize(() =>
        {
            tape.Reset();
            var f = TestFunctions.Rosenbrock(tape, p);
            tape.Backward(f);
            return f.Item;
        }, 500);
        Assert.Equal(1.0, p.Value[0], 1e-7);
        Assert.Equal(1.0, p.Value[1], 1e-7);
        Assert.True(result.Loss < 1e-14, $"loss {result.Loss}");
        Assert.True(result.Iterations < 100, $"{result.Iterations} iterations");
    }

    [Fact]
    public void Lbfgs_solves_a_convex_quadratic_in_few_iterations()
    {
        var (a, b, sol) = TestFunctions.QuadraticProblem(20);
        var p = new Parameter("v", new Tensor(20));
        var lbfgs = new Lbfgs([p], history: 20);
        var tape = new Tape();
        var result = lbfgs.Minimize(() =>
        {
            tape.Reset();
            var f = TestFunctions.Quadratic(tape, p, a, b);
            tape.Backward(f);
            return f.Item;
        }, 200);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(sol[i], p.Value[i], 1e-8);
        }

        Assert.True(result.Iterations <= 40, $"{result.Iterations} iterations ({result.Reason})");
    }

    [Fact]
    public void Lbfgs_keeps_masked_elements_fixed_and_minimises_over_the_rest()
    {
        // f = (x0 - 3)^2 + (x1 + 1)^2 with x1 frozen by mask at 5: optimum x0 = 3, x1 = 5.
        var p = new Parameter("v", Tensor.FromArray([0.0, 5.0], 2)) { TrainableMask = Tensor.FromArray([1, 0], 2) };
        var target = Tensor.FromArray([3.0, -1.0], 2);
        var lbfgs = new Lbfgs([p]);
        var tape = new Tape();
        lbfgs.Minimize(() =>
        {
            tape.Reset();
            var f = Ops.Sum(Ops.Square(tape.Param(p) - tape.Constant(target)));
            tape.Backward(f);
            return f.Item;
        }, 50);
        Assert.Equal(3.0, p.Value[0], 1e-9);
        Assert.Equal(5.0, p.Value[1]);
    }

    [Fact]
    public void Lbfgs_after_adam_lowers_a_small_regression_loss_further()
    {
        var net = new Mlp("net", [1, 8, 1], Activation.Tanh, new Rng(3));
        var x = GradCheck.Random(new Rng(4), -2, 2, 40, 1);
        var y = new Tensor(40, 1);
        for (int i = 0; i < 40; i++)
        {
            y[i] = Math.Sin(x[i]);
        }

        var tape = new Tape();
        double Loss()
        {
            tape.Reset();
            var l = Ops.MseLoss(net.Forward(tape, tape.Constant(x)), tape.Constant(y));
            tape.Backward(l);
            return l.Item;
        }

        var adam = new Adam(net.Parameters, 0.01);
        double afterAdam = 0;
        for (int i = 0; i < 300; i++)
        {
            adam.ZeroGrad();
            afterAdam = Loss();
            adam.Step();
        }

        var result = new Lbfgs(net.Parameters).Minimize(Loss, 200);
        Assert.True(result.Loss < afterAdam / 10, $"adam {afterAdam}, lbfgs {result.Loss}");
    }
}
