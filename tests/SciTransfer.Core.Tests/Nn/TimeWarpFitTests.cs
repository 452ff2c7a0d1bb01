using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;
using SciTransfer.Core.Tests.Autodiff;

namespace SciTransfer.Core.Tests.Nn;

public class TimeWarpFitTests
{
    [Fact]
    public void Gate_bias_shifts_used_to_make_targets_are_recovered_by_fitting_only_the_two_shifts()
    {
        var lstm = new Lstm("lstm", 2, 6, new Rng(1));
        var head = new Linear("head", 6, 1, new Rng(2));
        var x = GradCheck.Random(new Rng(3), -1, 1, 8, 24, 2);
        var tape = new Tape();
        var y = head.Forward(tape, lstm.Forward(tape, tape.Constant(x), tape.Scalar(1.0), tape.Scalar(-0.8))).Value.Clone();
        var mask = new Tensor(8, 24, 1);
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = i % 4 == 3 ? 0 : 1; // some hours unobserved
        }

        lstm.SetFrozen(true);
        head.SetFrozen(true);
        var warp = new Parameter("warp", new Tensor(2));
        var result = new Lbfgs([warp]).Minimize(() =>
        {
            tape.Reset();
            var w = tape.Param(warp);
            var h = lstm.Forward(tape, tape.Constant(x), Ops.Slice(w, 0, 0, 1), Ops.Slice(w, 0, 1, 1));
            var loss = Ops.MaskedMseLoss(head.Forward(tape, h), tape.Constant(y), mask);
            tape.Backward(loss);
            return loss.Item;
        }, 200);

        Assert.True(result.Loss < 1e-16, $"loss {result.Loss} ({result.Reason})");
        Assert.Equal(1.0, warp.Value[0], 1e-6);
        Assert.Equal(-0.8, warp.Value[1], 1e-6);
        Assert.All(lstm.Parameters.Concat(head.Parameters), p => Assert.All(p.Grad.ToArray(), g => Assert.Equal(0.0, g)));
    }

    [Trait("Category", "Slow")]

    [Fact]
    public void The_documented_ten_line_training_loop_fits_a_sine()
    {
        var x = new Tensor(64, 1);
        var y = new Tensor(64, 1);
        for (int i = 0; i < 64; i++)
        {
            x[i] = -3 + (6.0 * i / 63);
            y[i] = Math.Sin(x[i]);
        }

        var rng = new SeedTree(42).Child("init").CreateRng();
        var net = new Mlp("net", [1, 32, 32, 1], Activation.Tanh, rng);
        var adam = new Adam(net.Parameters, learningRate: 1e-2);
        var tape = new Tape();
        double last = double.NaN;
        for (int epoch = 0; epoch < 1500; epoch++)
        {
            tape.Reset();
            adam.ZeroGrad();
            var loss = Ops.MseLoss(net.Forward(tape, tape.Constant(x)), tape.Constant(y));
            tape.Backward(loss);
            adam.Step();
            last = loss.Item;
        }

        Assert.True(last < 1e-3, $"final loss {last}");
    }
}
