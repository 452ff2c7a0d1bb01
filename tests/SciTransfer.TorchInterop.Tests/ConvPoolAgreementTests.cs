using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.Torch;
using TorchSharp;
using static SciTransfer.TorchInterop.Tests.Agreement;

namespace SciTransfer.TorchInterop.Tests;

/// <summary>
/// libtorch's conv2d, max_pool2d and avg_pool2d as the second opinion on Ops.Conv2d / MaxPool2d / AvgPool2d, float64:
/// values and the gradients of a random linear functional sum(R * y) to 1e-10 relative, on random shapes per seed.
/// </summary>
public sealed class ConvPoolAgreementTests
{
    private const double Tol = 1e-10;

    [TorchTheory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Conv2d_matches_torch_conv2d_in_value_and_input_weight_bias_gradients(int seed)
    {
        var rng = new Rng((ulong)seed);
        int n = rng.NextInt(1, 4), c = rng.NextInt(1, 4), o = rng.NextInt(1, 5), k = rng.NextInt(1, 4);
        int s = rng.NextInt(1, 3), p = rng.NextInt(0, 2), h = rng.NextInt(k + 2, 10), w = rng.NextInt(k + 2, 10);
        var x = Random(rng, n, c, h, w);
        var wt = Random(rng, o, c, k, k);
        var b = Random(rng, o);
        var tape = new Tape();
        var (xv, wv, bv) = (tape.Leaf(x), tape.Leaf(wt), tape.Leaf(b));
        var y = Ops.Conv2d(xv, wv, bv, s, p);
        var r = Random(rng, y.Shape.ToArray());
        tape.Backward(Ops.Sum(Ops.Mul(y, tape.Constant(r))));

        using var scope = torch.NewDisposeScope();
        var (xt, wtt, bt) = (TorchTensors.ToTorch(x, requiresGrad: true), TorchTensors.ToTorch(wt, requiresGrad: true), TorchTensors.ToTorch(b, requiresGrad: true));
        var yt = torch.nn.functional.conv2d(xt, wtt, bt, new long[] { s, s }, new long[] { p, p });
        (yt * TorchTensors.ToTorch(r)).sum().backward();
        Close(y.Value, yt, Tol, "Conv2d value");
        Close(xv.Grad!, xt.grad!, Tol, "Conv2d dx");
        Close(wv.Grad!, wtt.grad!, Tol, "Conv2d dW");
        Close(bv.Grad!, bt.grad!, Tol, "Conv2d db");
    }

    [TorchTheory]
    [InlineData(31, true)]
    [InlineData(32, true)]
    [InlineData(33, false)]
    [InlineData(34, false)]
    public void Pooling_matches_torch_max_and_avg_pool2d_in_value_and_input_gradient(int seed, bool max)
    {
        var rng = new Rng((ulong)seed);
        int n = rng.NextInt(1, 4), c = rng.NextInt(1, 4), k = rng.NextInt(1, 4), s = rng.NextInt(1, 4);
        int h = rng.NextInt(k, 11), w = rng.NextInt(k, 11);
        var x = Random(rng, n, c, h, w);
        var tape = new Tape();
        var xv = tape.Leaf(x);
        var y = max ? Ops.MaxPool2d(xv, k, s) : Ops.AvgPool2d(xv, k, s);
        var r = Random(rng, y.Shape.ToArray());
        tape.Backward(Ops.Sum(Ops.Mul(y, tape.Constant(r))));

        using var scope = torch.NewDisposeScope();
        var xt = TorchTensors.ToTorch(x, requiresGrad: true);
        var yt = max
            ? torch.nn.functional.max_pool2d(xt, new long[] { k, k }, new long[] { s, s })
            : torch.nn.functional.avg_pool2d(xt, new long[] { k, k }, new long[] { s, s });
        (yt * TorchTensors.ToTorch(r)).sum().backward();
        Close(y.Value, yt, Tol, (max ? "MaxPool2d" : "AvgPool2d") + " value");
        Close(xv.Grad!, xt.grad!, Tol, (max ? "MaxPool2d" : "AvgPool2d") + " dx");
    }
}
