using ILGPU;
using ILGPU.Runtime;
using SciTransfer.Core.Gpu;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Tests.Gpu;

/// <summary>The device Adam against the CPU <see cref="Adam"/>, run on ILGPU's CPU accelerator (every machine).</summary>
public class DeviceAdamTests
{
    [Fact]
    public void Device_adam_matches_the_cpu_optimizer_with_mask_and_weight_decay_over_several_steps()
    {
        const int count = 37;
        var rng = new System.Random(11);
        double[] w0 = Enumerable.Range(0, count).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] mask = Enumerable.Range(0, count).Select(i => i % 5 == 3 ? 0.0 : 1.0).ToArray();
        var parameter = new Parameter("w", Tensor.FromArray((double[])w0.Clone(), count))
        {
            TrainableMask = Tensor.FromArray((double[])mask.Clone(), count),
        };
        var cpu = new Adam([parameter], learningRate: 0.03, weightDecay: 0.01);

        var opened = IlgpuDevices.TryOpen(IlgpuDeviceKind.Cpu, out string reason);
        Assert.True(opened is not null, reason);
        var (context, accelerator) = opened!.Value;
        using (context)
        using (accelerator)
        {
            using var weights = accelerator.Allocate1D((double[])w0.Clone());
            using var gradients = accelerator.Allocate1D<double>(count);
            using var device = new DeviceAdam(accelerator, count, learningRate: 0.03, weightDecay: 0.01);
            device.SetMask(mask);
            for (int step = 0; step < 6; step++)
            {
                double[] g = Enumerable.Range(0, count).Select(_ => (2 * rng.NextDouble()) - 1).ToArray();
                g.CopyTo(parameter.Grad.Span);
                cpu.Step();
                gradients.CopyFromCPU(g);
                device.Step(weights.View, gradients.View);
            }

            double[] onDevice = weights.GetAsArray1D();
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(parameter.Value[i], onDevice[i], 1e-15);
            }

            // The masked elements kept their start value, the others moved.
            Assert.Equal(w0[3], onDevice[3]);
            Assert.NotEqual(w0[0], onDevice[0]);
        }
    }

    [Fact]
    public void Device_adam_refuses_buffers_of_the_wrong_length()
    {
        var opened = IlgpuDevices.TryOpen(IlgpuDeviceKind.Cpu, out string reason);
        Assert.True(opened is not null, reason);
        var (context, accelerator) = opened!.Value;
        using (context)
        using (accelerator)
        {
            using var weights = accelerator.Allocate1D<double>(4);
            using var device = new DeviceAdam(accelerator, 5);
            var error = Assert.Throws<ArgumentException>(() => device.Step(weights.View, weights.View));
            Assert.Contains("must have 5", error.Message, StringComparison.Ordinal);
        }
    }
}
