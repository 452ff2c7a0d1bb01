using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Optim;

public class AdamTests
{
    [Trait("Category", "Slow")]
    [Fact]
    public void Adam_minimises_the_rosenbrock_function_to_its_known_minimum()
    {
        var p = new Parameter("xy", Tensor.FromArray([-1.2, 1.0], 2));
        var adam = new Adam([p], learningRate: 0.02)
        {
            Schedule = LearningRateSchedule.StepDecay(0.02, 0.5, 4000),
        };
        var tape = new Tape();
        for (int step = 0; step < 20000; step++)
        {
            tape.Reset();
            adam.ZeroGrad();
            tape.Backward(TestFunctions.Rosenbrock(tape, p));
            adam.Step();
        }

        Assert.Equal(1.0, p.Value[0], 1e-3);
        Assert.Equal(1.0, p.Value[1], 1e-3);
    }

    [Fact]
    public void Adam_minimises_a_convex_quadratic_to_the_linear_solve_solution()
    {
        var (a, b, sol) = TestFunctions.QuadraticProblem(6);
        var p = new Parameter("v", new Tensor(6));
        var adam = new Adam([p], learningRate: 0.05) { Schedule = LearningRateSchedule.Exponential(0.05, 0.999) };
        var tape = new Tape();
        for (int step = 0; step < 6000; step++)
        {
            tape.Reset();
            adam.ZeroGrad();
            tape.Backward(TestFunctions.Quadratic(tape, p, a, b));
            adam.Step();
        }

        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(sol[i], p.Value[i], 1e-6);
        }
    }

    [Fact]
    public void Adam_leaves_frozen_parameters_and_masked_elements_unchanged()
    {
        var free = new Parameter("free", Tensor.FromArray([1.0, 2.0, 3.0], 3)) { TrainableMask = Tensor.FromArray([1, 0, 1], 3) };
        var frozen = new Parameter("frozen", Tensor.FromArray([4.0], 1)) { Frozen = true };
        free.Grad.Span.Fill(1.0);
        frozen.Grad.Span.Fill(1.0);
        var adam = new Adam([free, frozen], learningRate: 0.1);
        adam.Step();
        Assert.Equal(0.9, free.Value[0], 1e-6);
        Assert.Equal(2.0, free.Value[1]);
        Assert.Equal(2.9, free.Value[2], 1e-6);
        Assert.Equal(4.0, frozen.Value[0]);
    }
}
