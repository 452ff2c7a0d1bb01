using ILGPU.Runtime;
using SciTransfer.Core.Gpu.Pinn;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.Transfer.FineTuning;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// <see cref="PinnTrainer.Train"/> on an ILGPU device (<see cref="DevicePinnTrainer"/>) for the configurations it
/// supports (<see cref="Unsupported"/>): fixed loss weights, no corner enrichment, no L-BFGS, no training hooks.
/// Same point sets (drawn from the same RNG in the same order), same loss sum_k w_k mean_b(lambda_b r_b^2) written as
/// one weighted sum over all points, same Adam with the same learning-rate decay, frozen layers as a zero trainable
/// mask, the same probing every <see cref="PinnTrainingOptions.EvalEvery"/> steps (the parameters come back to the
/// host for it) and the same fresh-point and residual-adaptive resampling (new point sets uploaded). Results equal the
/// CPU trainer's up to rounding, which Adam can amplify over thousands of steps (docs/heat-sink.md, "Device").
/// </summary>
public static class DevicePinnTraining
{
    /// <summary>Why <paramref name="net"/> with <paramref name="options"/> and <paramref name="hooks"/> cannot train on the device, or null when it can.</summary>
    public static string? Unsupported(FieldMlp net, PinnTrainingOptions options, TrainingHooks? hooks)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Balancing != "fixed")
        {
            return $"loss balancing '{options.Balancing}' (only fixed weights run on the device)";
        }

        // corner_estimate_every alone is harmless: the CPU trainer re-estimates c only for an enriched network.
        if (net.Enrichment is not null)
        {
            return "corner enrichment";
        }

        if (options.LbfgsSteps > 0)
        {
            return "L-BFGS refinement";
        }

        if (hooks is not null && (hooks.BeforeStep is not null || hooks.AfterGradients is not null || hooks.ExtraParameters.Count > 0))
        {
            return "fine-tuning hooks (l2-sp, bitfit, head-only, lora)";
        }

        if (net.Parameters.Any(p => p.TrainableMask is not null))
        {
            return "per-element trainable masks";
        }

        return net.InputDim != 2 ? $"{net.InputDim} inputs (the device residuals take 2-D points)" : null;
    }

    /// <summary>Trains <paramref name="net"/> in place on <paramref name="accelerator"/>; the arguments as <see cref="PinnTrainer.Train"/>.</summary>
    public static PinnTrainingLog Train(FieldMlp net, PinnTask task, PinnTrainingOptions options, Rng rng, FieldProbe? probe, Accelerator accelerator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(accelerator);
        if (Unsupported(net, options, null) is { } why)
        {
            throw new ArgumentException($"DevicePinnTraining: {why} does not run on the device", nameof(options));
        }

        var run = new DevicePinnRun(net, task, options, rng, probe, cancellationToken);
        if (run.Done)
        {
            return run.Log;
        }

        using var trainer = new DevicePinnTrainer(accelerator, net.Sizes, 2, options.LearningRate);
        trainer.SetParameters(net.Network.Parameters);
        trainer.Optimizer.SetMask(run.Mask());
        trainer.SetPoints(run.Points());
        var slot = new Slot(trainer);
        while (run.Prepare(slot) is double rate)
        {
            trainer.Optimizer.LearningRate = rate;
            run.Record(trainer.Step(), slot);
        }

        return run.Log;
    }

    /// <summary>
    /// The sets as one device point set: each point's input state is the network's features (affine, or the mirror
    /// feature cos(k x) for input 0) with their analytic derivatives wrt (x, y), as <see cref="FieldMlp.Forward"/> builds
    /// them; its residual coefficients are the set's, its loss weight w_k lambda_b / N_k.
    /// </summary>
    public static PinnPointSet Points(FieldMlp net, IReadOnlyList<ResidualSet> sets, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(weights);
        const int d = 2;
        var all = new PinnPointSet(sets.Sum(s => s.Count), d, d);
        double k = net.MirrorPeriod > 0 ? Math.PI / net.MirrorPeriod : 0;
        int p = 0;
        for (int t = 0; t < sets.Count; t++)
        {
            var set = sets[t];
            for (int b = 0; b < set.Count; b++, p++)
            {
                for (int j = 0; j < d; j++)
                {
                    all.SetState(p, 0, j, (set.Points[(b * d) + j] - net.InputCentre[j]) / net.InputScale[j]);
                    all.SetState(p, 1 + j, j, 1.0 / net.InputScale[j]);
                }

                if (k > 0)
                {
                    // Feature 0 = cos(k x): d/dx = -k sin(k x), Laplacian -k^2 cos(k x) (replaces the affine feature).
                    double kx = k * set.Points[b * d];
                    all.SetState(p, 0, 0, Math.Cos(kx));
                    all.SetState(p, 1, 0, -k * Math.Sin(kx));
                    all.SetState(p, d + 1, 0, -k * k * Math.Cos(kx));
                }

                all.SetResidual(p, set.Value[b], [set.GradX[b], set.GradY[b]], set.Lap[b], set.Constant[b], weights[t] * set.PointWeights[b] / set.Count);
            }
        }

        return all;
    }

    private sealed class Slot(DevicePinnTrainer trainer) : IDevicePinnSlot
    {
        public void SetPoints(PinnPointSet points) => trainer.SetPoints(points);

        public void CopyParametersTo(IReadOnlyList<Core.Nn.Parameter> parameters) => trainer.CopyParametersTo(parameters);
    }
}
