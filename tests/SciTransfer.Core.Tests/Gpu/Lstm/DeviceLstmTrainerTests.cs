using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Gpu;
using SciTransfer.Core.Gpu.Lstm;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Optim;
using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;
using LstmLayer = SciTransfer.Core.Nn.Lstm;

namespace SciTransfer.Core.Tests.Gpu.Lstm;

/// <summary>
/// The device LSTM training step against the CPU engine (Lstm + Mlp + MaskedMseLoss + Adam, an independent
/// implementation: tape, GEMM, vectorised cell), run on ILGPU's CPU accelerator so it runs on every machine.
/// </summary>
public class DeviceLstmTrainerTests(CpuAcceleratorFixture device) : IClassFixture<CpuAcceleratorFixture>
{
    private const int Inputs = 3, Hidden = 5, Batch = 3, Steps = 6;

    [Theory]
    [InlineData(Activation.Relu, Activation.Identity, false)]
    [InlineData(Activation.Tanh, Activation.Sigmoid, true)]
    public void Loss_and_every_gradient_equal_the_cpu_engine(Activation hiddenAct, Activation outAct, bool masked)
    {
        var (lstm, head, x, y, mask) = Model(hiddenAct, outAct, masked, seed: 5);
        var parameters = lstm.Parameters.Concat(head.Parameters).ToArray();
        double cpuLoss = CpuLossAndGradients(lstm, head, x, y, mask);
        double[] cpuGrad = parameters.SelectMany(p => p.Grad.Span.ToArray()).ToArray();

        using var trainer = DeviceLstmTrainer.FromModules(device.Accelerator, lstm, head, Batch, Steps);
        trainer.SetBatch(x.Span, y.Span, mask is null ? default : mask.Span);
        trainer.ComputeGradients();
        double[] grad = trainer.ReadGradients();

        Assert.Equal(cpuLoss, trainer.ReadLoss(), 1e-10);
        Assert.Equal(cpuGrad.Length, grad.Length);
        for (int i = 0; i < grad.Length; i++)
        {
            Assert.True(Math.Abs(cpuGrad[i] - grad[i]) <= 1e-10, $"gradient {i}: cpu {cpuGrad[i]}, device {grad[i]}");
        }

        // Not vacuous: every parameter block gets a non-zero gradient.
        int offset = 0;
        foreach (var p in parameters)
        {
            Assert.True(grad.Skip(offset).Take(p.Count).Any(g => g != 0), $"{p.Name} has an all-zero gradient");
            offset += p.Count;
        }
    }

    [Fact]
    public void Dropout_after_a_hidden_layer_and_a_partial_batch_equal_the_cpu_engine()
    {
        // Head 5-4-3-1 relu with dropout on the 3-wide layer's output (as MoistureNet after Dense 16), and a batch
        // of 2 sequences in a trainer built for 3 (the last, smaller mini-batch of an epoch).
        var rng = new Rng(21);
        var lstm = new LstmLayer("lstm", Inputs, Hidden, rng);
        var head = new Mlp("head", [Hidden, 4, 3, 1], Activation.Relu, rng);
        const int b = 2;
        var x = new Tensor(b, Steps, Inputs);
        var y = new Tensor(b, Steps, 1);
        var drop = new Tensor(b * Steps * 3);
        rng.FillNormal(x.Span);
        rng.FillNormal(y.Span);
        for (int i = 0; i < drop.Length; i++)
        {
            drop[i] = rng.NextDouble() < 0.7 ? 1 / 0.7 : 0.0;
        }

        var tape = new Tape();
        var z = Ops.Relu(head.Layers[0].Forward(tape, lstm.Forward(tape, tape.Constant(x))));
        z = Ops.Mask(Ops.Relu(head.Layers[1].Forward(tape, z)), drop);
        var loss = Ops.MseLoss(head.Layers[2].Forward(tape, z), tape.Constant(y));
        tape.Backward(loss);
        var parameters = lstm.Parameters.Concat(head.Parameters).ToArray();
        double[] cpuGrad = parameters.SelectMany(p => p.Grad.Span.ToArray()).ToArray();

        using var trainer = DeviceLstmTrainer.FromModules(device.Accelerator, lstm, head, Batch, Steps, dropoutLayer: 1);
        trainer.SetBatch(x.Span, y.Span, default, drop.Span);
        trainer.ComputeGradients();
        double[] grad = trainer.ReadGradients();
        Assert.Equal(loss.Value[0], trainer.ReadLoss(), 1e-10);
        for (int i = 0; i < grad.Length; i++)
        {
            Assert.True(Math.Abs(cpuGrad[i] - grad[i]) <= 1e-10, $"gradient {i}: cpu {cpuGrad[i]}, device {grad[i]}");
        }

        Assert.Contains(drop.Span.ToArray(), v => v == 0); // the mask did drop something
        Assert.Equal(b * Steps, trainer.ReadPredictions().Length);
    }

    [Fact]
    public void Several_adam_steps_equal_the_cpu_trainer_with_a_frozen_tensor()
    {
        var (lstm, head, x, y, _) = Model(Activation.Relu, Activation.Identity, masked: false, seed: 9);
        lstm.WeightInput.Frozen = true; // fine-tune style: a frozen block must not move on either path
        var parameters = lstm.Parameters.Concat(head.Parameters).ToArray();
        double[] start = DeviceLstmTrainer.Flatten(parameters);
        using var trainer = DeviceLstmTrainer.FromModules(device.Accelerator, lstm, head, Batch, Steps, learningRate: 0.01);
        trainer.SetBatch(x.Span, y.Span);

        var adam = new Adam(parameters, 0.01);
        var losses = new List<double>();
        for (int step = 0; step < 5; step++)
        {
            adam.ZeroGrad();
            double cpuLoss = CpuLossAndGradients(lstm, head, x, y, null);
            adam.Step();
            trainer.Step();
            Assert.Equal(cpuLoss, trainer.ReadLoss(), 1e-10);
            losses.Add(cpuLoss);
        }

        double[] cpu = DeviceLstmTrainer.Flatten(parameters);
        double[] dev = trainer.ReadParameters();
        for (int i = 0; i < cpu.Length; i++)
        {
            Assert.True(Math.Abs(cpu[i] - dev[i]) <= 1e-10, $"parameter {i}: cpu {cpu[i]}, device {dev[i]}");
        }

        Assert.Equal(start.Take(Inputs * 4 * Hidden), dev.Take(Inputs * 4 * Hidden)); // Wx frozen
        Assert.NotEqual(start[Inputs * 4 * Hidden], dev[Inputs * 4 * Hidden]);     // Wh moved
        Assert.True(losses[^1] < losses[0], "the loss fell over five steps");

        // Copying back gives the CPU modules the device values.
        var copy = parameters.Select(p => new Parameter(p.Name, new Tensor(p.Value.Shape.ToArray()))).ToArray();
        trainer.CopyParametersTo(copy);
        Assert.Equal(dev, DeviceLstmTrainer.Flatten(copy));
    }

    [Fact]
    public void Predictions_equal_the_cpu_forward()
    {
        var (lstm, head, x, y, _) = Model(Activation.Relu, Activation.Identity, masked: false, seed: 3);
        var tape = new Tape();
        var pred = head.Forward(tape, lstm.Forward(tape, tape.Constant(x)));
        using var trainer = DeviceLstmTrainer.FromModules(device.Accelerator, lstm, head, Batch, Steps);
        trainer.SetBatch(x.Span, y.Span);
        trainer.ComputeGradients();
        double[] dev = trainer.ReadPredictions();
        for (int i = 0; i < dev.Length; i++)
        {
            Assert.Equal(pred.Value[i], dev[i], 1e-12);
        }
    }

    [Fact]
    public void Wrong_sizes_are_refused_with_the_numbers()
    {
        var (lstm, head, x, _, _) = Model(Activation.Relu, Activation.Identity, masked: false, seed: 1);
        using var trainer = DeviceLstmTrainer.FromModules(device.Accelerator, lstm, head, Batch, Steps);
        var e = Assert.Throws<ArgumentException>(() => trainer.SetBatch(x.Span, new double[2]));
        Assert.Contains("targets 2", e.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<ArgumentException>(() => new DeviceLstmTrainer(device.Accelerator, Inputs, Hidden, [Hidden, 1],
            Activation.Relu, Activation.Identity, Batch, Steps, new double[7]));
        Assert.Contains("7 parameters given", bad.Message, StringComparison.Ordinal);
    }

    private static double CpuLossAndGradients(LstmLayer lstm, Mlp head, Tensor x, Tensor y, Tensor? mask)
    {
        var tape = new Tape();
        var pred = head.Forward(tape, lstm.Forward(tape, tape.Constant(x)));
        var loss = mask is null ? Ops.MseLoss(pred, tape.Constant(y)) : Ops.MaskedMseLoss(pred, tape.Constant(y), mask);
        tape.Backward(loss);
        return loss.Value[0];
    }

    private static (LstmLayer Lstm, Mlp Head, Tensor X, Tensor Y, Tensor? Mask) Model(Activation hiddenAct, Activation outAct, bool masked, ulong seed)
    {
        var rng = new Rng(seed);
        var lstm = new LstmLayer("lstm", Inputs, Hidden, rng);
        var head = new Mlp("head", [Hidden, 4, 1], hiddenAct, rng, outAct);
        var x = new Tensor(Batch, Steps, Inputs);
        var y = new Tensor(Batch, Steps, 1);
        rng.FillNormal(x.Span);
        rng.FillNormal(y.Span);
        if (outAct == Activation.Sigmoid)
        {
            for (int i = 0; i < y.Length; i++)
            {
                y[i] = 1 / (1 + Math.Exp(-y[i]));
            }
        }

        Tensor? mask = null;
        if (masked)
        {
            // Every third target missing: weight 0 and a NaN target, which must not reach the loss or a gradient.
            mask = new Tensor(Batch, Steps, 1);
            for (int i = 0; i < mask.Length; i++)
            {
                mask[i] = i % 3 == 1 ? 0.0 : 1.0;
                if (mask[i] == 0)
                {
                    y[i] = double.NaN;
                }
            }
        }

        return (lstm, head, x, y, mask);
    }

}

/// <summary>One ILGPU CPU accelerator shared by a test class (kernels compile once per context, ~0.5 s).</summary>
public sealed class CpuAcceleratorFixture : IDisposable
{
    private readonly ILGPU.Context _context;

    /// <summary>Opens the CPU accelerator.</summary>
    public CpuAcceleratorFixture()
    {
        var opened = IlgpuDevices.TryOpen(IlgpuDeviceKind.Cpu, out string reason)
            ?? throw new InvalidOperationException("ILGPU's CPU accelerator did not open: " + reason);
        (_context, Accelerator) = opened;
    }

    /// <summary>The accelerator.</summary>
    public ILGPU.Runtime.Accelerator Accelerator { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Accelerator.Dispose();
        _context.Dispose();
    }
}
