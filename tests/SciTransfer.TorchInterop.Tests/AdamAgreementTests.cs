using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.Torch;
using System.Numerics.Tensors;
using TorchSharp;
using static SciTransfer.TorchInterop.Tests.Agreement;

namespace SciTransfer.TorchInterop.Tests;

public sealed class AdamAgreementTests
{
    private const double Tol = 1e-12;

    /// <summary>
    /// Our Adam against torch.optim.Adam (and, with weight decay, torch.optim.AdamW: ours is decoupled), fed the same
    /// random gradients: the parameters agree to 1e-12 relative after each of three steps (bias correction included),
    /// and each step's update to 1e-10 (the difference of two nearby parameters loses a few digits).
    /// </summary>
    [TorchTheory]
    [InlineData(41, 0.0)]
    [InlineData(42, 0.0)]
    [InlineData(43, 0.01)]
    public void Each_Adam_step_matches_torch_optim_to_1e_12_relative(int seed, double weightDecay)
    {
        var rng = new Rng((ulong)seed);
        double lr = rng.Uniform(1e-4, 1e-1), beta1 = rng.Uniform(0.8, 0.95), beta2 = rng.Uniform(0.99, 0.9999), eps = 1e-8;
        var ours = Enumerable.Range(0, rng.NextInt(1, 4))
            .Select(i => new Parameter($"p{i}", Random(rng, rng.NextInt(1, 6), rng.NextInt(1, 6))))
            .ToArray();
        var adam = new Adam(ours, lr, beta1, beta2, eps, weightDecay);

        using var scope = torch.NewDisposeScope();
        var theirs = ours.Select(p => new TorchSharp.Modules.Parameter(TorchTensors.ToTorch(p.Value))).ToArray();
        torch.optim.Optimizer opt = weightDecay == 0
            ? torch.optim.Adam(theirs, lr, beta1, beta2, eps)
            : torch.optim.AdamW(theirs, lr, beta1, beta2, eps, weightDecay);
        for (int step = 1; step <= 3; step++)
        {
            opt.zero_grad();
            for (int i = 0; i < ours.Length; i++)
            {
                rng.FillNormal(ours[i].Grad.Span, step == 2 ? 1e-3 : 1.0);
                // backward of sum(p * g) leaves exactly g in p.grad
                (theirs[i] * TorchTensors.ToTorch(ours[i].Grad)).sum().backward();
            }

            var before = ours.Select(p => p.Value.Clone()).ToArray();
            adam.Step();
            opt.step();
            for (int i = 0; i < ours.Length; i++)
            {
                Close(ours[i].Value, theirs[i], Tol, $"step {step}, parameter {i}");

                // The update itself (not only the parameter it is added to) agrees to 1e-10 relative.
                var delta = ours[i].Value.Clone();
                TensorPrimitives.Subtract(delta.Span, before[i].Span, delta.Span);
                Close(delta, theirs[i] - TorchTensors.ToTorch(before[i]), 1e-10, $"step {step}, update of parameter {i}");
            }
        }
    }
}
