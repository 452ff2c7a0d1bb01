using System.Collections.Concurrent;
using ILGPU.Runtime;
using SciTransfer.Core.Gpu;
using SciTransfer.Core.Gpu.Pinn;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>One cell's device PINN training, as <see cref="DevicePinnTraining.Train"/>'s arguments.</summary>
/// <param name="Net">The network, trained in place.</param>
/// <param name="Task">The target case, sensors and physics switch.</param>
/// <param name="Options">The training options (a configuration <see cref="DevicePinnTraining.Unsupported"/> accepts).</param>
/// <param name="Rng">The cell's training RNG.</param>
/// <param name="Probe">The scoring probe, or null.</param>
/// <param name="CancellationToken">The cell's cancellation.</param>
public sealed record DevicePinnJob(FieldMlp Net, PinnTask Task, PinnTrainingOptions Options, Rng Rng, FieldProbe? Probe, CancellationToken CancellationToken = default);

/// <summary>
/// "Many cells at once" for the heat-sink PINN (issue 20, study key <c>"device_batch": K</c>): the device trainings of
/// cells that run at the same time (one per worker thread) and share a network architecture are trained together,
/// up to K in one <see cref="DevicePinnBatchTrainer"/>. A cell calls <see cref="Train"/> as it would call
/// <see cref="DevicePinnTraining.Train"/>; the call joins a process-wide <see cref="DeviceBatchQueue{TJob, TResult}"/>
/// group (it waits at most <see cref="Window"/> for partners) and returns the cell's own log once the batch has run.
/// Each model's steps, points, probes, early stop and learning-rate decay are its own (<see cref="DevicePinnRun"/>), so a
/// cell's result does not depend on which cells shared its batch; the harness still writes, resumes and names failures
/// per cell. Host work of the batch (probes, new points) runs in parallel over the models between device steps.
/// </summary>
public static class DevicePinnBatching
{
    /// <summary>How long the first cell of a batch waits for others (short against a training of hundreds of steps).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    private static readonly ConcurrentDictionary<int, DeviceBatchQueue<DevicePinnJob, PinnTrainingLog>> Queues = new();

    /// <summary>The queue of batches of at most <paramref name="maxModels"/> models (one per size, for the whole process).</summary>
    public static DeviceBatchQueue<DevicePinnJob, PinnTrainingLog> Queue(int maxModels) =>
        Queues.GetOrAdd(maxModels, k => new DeviceBatchQueue<DevicePinnJob, PinnTrainingLog>(k, Window, (key, jobs) => TrainMany(Device(key), jobs)));

    /// <summary>
    /// Trains <paramref name="job"/> on <paramref name="device"/> (gpu or ilgpu-cpu) in a batch of at most
    /// <paramref name="maxModels"/> models with the concurrent cells of the same architecture; returns its log.
    /// </summary>
    public static PinnTrainingLog Train(DevicePinnJob job, string device, int maxModels)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(device);
        if (DevicePinnTraining.Unsupported(job.Net, job.Options, null) is { } why)
        {
            throw new ArgumentException($"DevicePinnBatching: {why} does not run on the device", nameof(job));
        }

        return Queue(maxModels).Run($"{device}|{string.Join('-', job.Net.Sizes)}", job);
    }

    /// <summary>
    /// Trains <paramref name="jobs"/> (one architecture) together on <paramref name="accelerator"/>: one outcome per job,
    /// its log equal to <see cref="DevicePinnTraining.Train"/>'s for the same job (the same host steps around the same
    /// per-model device arithmetic). A job that throws (cancelled, a probe failing) stops alone; a device failure fails
    /// every job still training.
    /// </summary>
    public static IReadOnlyList<BatchOutcome<PinnTrainingLog>> TrainMany(Accelerator accelerator, IReadOnlyList<DevicePinnJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(jobs);
        var outcomes = new BatchOutcome<PinnTrainingLog>[jobs.Count];
        var runs = new List<(int Job, DevicePinnRun Run)>();
        for (int i = 0; i < jobs.Count; i++)
        {
            var j = jobs[i];
            try
            {
                var run = new DevicePinnRun(j.Net, j.Task, j.Options, j.Rng, j.Probe, j.CancellationToken);
                if (run.Done)
                {
                    outcomes[i] = BatchOutcome<PinnTrainingLog>.Ok(run.Log);
                }
                else
                {
                    runs.Add((i, run));
                }
            }
            catch (Exception e)
            {
                outcomes[i] = BatchOutcome<PinnTrainingLog>.Failed(e);
            }
        }

        if (runs.Count == 0)
        {
            return outcomes;
        }

        var sizes = runs[0].Run.Net.Sizes;
        if (runs.Any(r => !r.Run.Net.Sizes.SequenceEqual(sizes)))
        {
            throw new ArgumentException("DevicePinnBatching: the jobs of one batch must share the network widths", nameof(jobs));
        }

        using var batch = new DevicePinnBatchTrainer(accelerator, sizes, 2, runs.Count);
        var slots = new Slot[runs.Count];
        for (int k = 0; k < runs.Count; k++)
        {
            batch.SetParameters(k, runs[k].Run.Net.Network.Parameters);
            batch.Optimizer.SetMask(k, runs[k].Run.Mask());
            slots[k] = new Slot(batch, k);
        }

        batch.SetPoints([.. runs.Select(r => r.Run.Points())]);
        while (true)
        {
            // The cells' host work (probes, learning rates, new points) in parallel: each touches only its own run,
            // network, RNG and slot of the batch, so the order does not matter.
            Parallel.For(0, runs.Count, k =>
            {
                if (batch.IsActive(k))
                {
                    Guard(k, () =>
                    {
                        if (runs[k].Run.Prepare(slots[k]) is double rate)
                        {
                            batch.Optimizer.SetLearningRate(k, rate);
                        }
                        else
                        {
                            outcomes[runs[k].Job] = BatchOutcome<PinnTrainingLog>.Ok(runs[k].Run.Log);
                            batch.Stop(k);
                        }
                    });
                }
            });

            if (batch.ActiveCount == 0)
            {
                return outcomes;
            }

            double[] losses;
            try
            {
                losses = batch.Step()!;
            }
            catch (Exception e)
            {
                for (int k = 0; k < runs.Count; k++)
                {
                    if (batch.IsActive(k))
                    {
                        outcomes[runs[k].Job] = BatchOutcome<PinnTrainingLog>.Failed(e);
                    }
                }

                return outcomes;
            }

            Parallel.For(0, runs.Count, k =>
            {
                if (batch.IsActive(k))
                {
                    Guard(k, () => runs[k].Run.Record(losses[k], slots[k]));
                }
            });
        }

        // A job whose host step throws fails alone: its model stops, the others go on.
        void Guard(int k, Action action)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                outcomes[runs[k].Job] = BatchOutcome<PinnTrainingLog>.Failed(e);
                batch.Stop(k);
            }
        }
    }

    private static IReadOnlyList<BatchOutcome<PinnTrainingLog>> TrainMany(string device, IReadOnlyList<DevicePinnJob> jobs) =>
        TrainMany(EngineDevices.Acquire(device), jobs);

    private static string Device(string key) => key[..key.IndexOf('|', StringComparison.Ordinal)];

    private sealed class Slot(DevicePinnBatchTrainer batch, int k) : IDevicePinnSlot
    {
        public void SetPoints(PinnPointSet points) => batch.SetPoints(k, points);

        public void CopyParametersTo(IReadOnlyList<Core.Nn.Parameter> parameters) => batch.CopyParametersTo(k, parameters);
    }
}
