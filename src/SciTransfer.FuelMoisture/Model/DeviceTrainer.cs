using ILGPU.Runtime;
using SciTransfer.Core.Gpu.Lstm;
using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Transfer.Problems;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.FuelMoisture.Model;

/// <summary>
/// <see cref="Trainer.Train"/> and <see cref="Trainer.TrainSequences"/> on an ILGPU accelerator
/// (<see cref="DeviceLstmTrainer"/>): the same windows, shuffles, batches, dropout masks (drawn on the host from the
/// same <see cref="Rng"/> in the same order as <see cref="MoistureNet.ForwardHead"/>), masked MSE, Adam and early
/// stopping, so the trained network equals the CPU one to rounding. Per step the host uploads the batch and its
/// dropout mask and reads back the loss; parameters, gradients and Adam moments stay on the device (copied back to
/// <see cref="MoistureNet"/> once per epoch for validation, and at the end). No hooks (penalties, adapters): callers
/// with hooks train on the CPU. One training at a time per accelerator (cells running in parallel wait for it).
/// </summary>
public static class DeviceTrainer
{
    /// <summary>As <see cref="Trainer.Train"/> without hooks, on <paramref name="accelerator"/>.</summary>
    public static int Train(Accelerator accelerator, MoistureNet net, IReadOnlyList<TrainingSequence> train, IReadOnlyList<TrainingSequence>? validation, TrainerOptions options, Rng rng, IProgress<TrainingProgress>? progress = null, string phase = "train", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        var windows = Trainer.Windows(train, options.WindowHours, options.Stride);
        if (windows.Count == 0)
        {
            return 0;
        }

        lock (accelerator)
        {
            using var device = Create(accelerator, net, options.BatchSize, options.WindowHours, options.LearningRate, options.Scope);
            var drops = new Dictionary<int, double[]>();
            return Trainer.RunEpochs(net, train, windows, validation, options, rng, (x, y, w) =>
            {
                int b = x.Dim(0);
                if (!drops.TryGetValue(b, out var drop))
                {
                    drop = new double[b * options.WindowHours * MoistureNet.Dense2Width];
                    drops[b] = drop;
                }

                FillDropout(net, rng, drop);
                device.SetBatch(x.Span, y.Span, w.Span, net.Dropout > 0 ? drop : default);
                device.Step();
                return device.ReadLoss();
            }, () => device.CopyParametersTo(net.Parameters), progress, phase, cancellationToken);
        }
    }

    /// <summary>As <see cref="Trainer.TrainSequences"/> without hooks, on <paramref name="accelerator"/>.</summary>
    public static void TrainSequences(Accelerator accelerator, MoistureNet net, IReadOnlyList<TrainingSequence> sequences, int steps, double learningRate, GradientScope scope, Rng rng, IProgress<TrainingProgress>? progress = null, string phase = "train", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(rng);
        if (sequences.Count == 0)
        {
            return;
        }

        var batch = SequenceBatch.Create(sequences, net.Inputs);
        int b = batch.X.Dim(0), t = batch.X.Dim(1);
        lock (accelerator)
        {
            // With the LSTM frozen (head only) the CPU computes the hidden states once; here they are recomputed
            // each step from the unchanged LSTM weights, which gives the same values.
            using var device = Create(accelerator, net, b, t, learningRate, scope);
            var drop = new double[b * t * MoistureNet.Dense2Width];
            device.SetBatch(batch.X.Span, batch.Y.Span, batch.W.Span, default);
            for (int step = 1; step <= steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (net.Dropout > 0)
                {
                    FillDropout(net, rng, drop);
                    device.SetDropoutMask(drop);
                }

                device.Step();
                if (step % 10 == 0 || step == steps)
                {
                    progress?.Report(new TrainingProgress(phase, step, steps, device.ReadLoss()));
                }
            }

            device.CopyParametersTo(net.Parameters);
        }
    }

    // The trainer over [LSTM, Dense 32 relu, Dense 16 relu (dropout), Dense 1]; the optimizer's mask holds what the
    // CPU Adam would train: the scope's parameters that are not frozen, with their trainable masks.
    private static DeviceLstmTrainer Create(Accelerator accelerator, MoistureNet net, int batch, int steps, double learningRate, GradientScope scope)
    {
        var trainable = new HashSet<Parameter>(scope == GradientScope.HeadOnly ? net.HeadParameters : net.Parameters);
        var device = new DeviceLstmTrainer(accelerator, net.Inputs, net.Hidden, [net.Hidden, MoistureNet.Dense1Width, MoistureNet.Dense2Width, 1],
            Activation.Relu, Activation.Identity, batch, steps, DeviceLstmTrainer.Flatten(net.Parameters), learningRate,
            dropoutLayer: net.Dropout > 0 ? 1 : -1);
        device.Optimizer.SetMask(net.Parameters.SelectMany(p =>
            !trainable.Contains(p) || p.Frozen ? new double[p.Count] : p.TrainableMask is { } m ? m.Span.ToArray() : Enumerable.Repeat(1.0, p.Count)).ToArray());
        return device;
    }

    // The dropout mask of MoistureNet.ForwardHead: one draw per Dense 16 output, in [B, T, 16] order.
    private static void FillDropout(MoistureNet net, Rng rng, double[] mask)
    {
        if (net.Dropout <= 0)
        {
            return;
        }

        double keep = 1.0 - net.Dropout, scale = 1.0 / keep;
        for (int q = 0; q < mask.Length; q++)
        {
            mask[q] = rng.NextDouble() < keep ? scale : 0.0;
        }
    }
}
