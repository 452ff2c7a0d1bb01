using SciTransfer.Core.Gpu;
using SciTransfer.Core.Gpu.Pinn;

namespace SciTransfer.Core.Tests.Gpu;

/// <summary>
/// K models trained together (<see cref="DevicePinnBatchTrainer"/>) against K separate <see cref="DevicePinnTrainer"/>
/// runs (which DevicePinnTrainerTests compare with the CPU engine), on ILGPU's CPU accelerator, float64: ragged point
/// counts (one model over two gradient chunks), per-model learning-rate schedules and masks, one model stopped early,
/// point sets replaced in place and with a new count.
/// </summary>
public class DevicePinnBatchTrainerTests
{
    private static readonly int[] Widths = [2, 6, 5, 1];
    private const double Tolerance = 1e-10;

    /// <summary>
    /// Random points in [-1, 1]^2 with random residual coefficients of every kind (value, gradient, Laplacian,
    /// constant) and positive weights, so every term of the point pass is exercised.
    /// </summary>
    private static PinnPointSet Points(int n, int seed)
    {
        var rng = new System.Random(seed);
        var set = PinnPointSet.FromCoordinates([.. Enumerable.Range(0, 2 * n).Select(_ => (rng.NextDouble() * 2) - 1)], 2);
        for (int p = 0; p < n; p++)
        {
            set.SetResidual(p, rng.NextDouble() - 0.5, [rng.NextDouble() - 0.5, rng.NextDouble() - 0.5], rng.NextDouble(), (rng.NextDouble() * 2) - 1, (0.5 + rng.NextDouble()) / n);
        }

        return set;
    }

    private static double[] Parameters(int count, int seed)
    {
        var rng = new System.Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (rng.NextDouble() - 0.5) * 1.2)];
    }

    // Model k's learning rate at step s: its own base rate and decay (a schedule per model, as cells have).
    private static double Rate(int k, int step) => (0.01 + (0.005 * k)) * Math.Pow(0.9, step / 4.0);

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs(expected[i] - actual[i]);
            Assert.True(err <= Tolerance * Math.Max(1, Math.Abs(expected[i])), $"{what}[{i}]: single {expected[i]:R}, batch {actual[i]:R}, |diff| {err:E2}");
        }
    }

    [Fact]
    public void Ragged_models_trained_together_equal_separate_trainers_including_one_stopped_early()
    {
        var accelerator = EngineDevices.Acquire(EngineDevices.IlgpuCpu);
        int[] sizes = [40, 260, 7];
        int[] stepsOf = [6, 6, 3]; // model 2 stops after 3 steps while the others go on
        const int steps = 6;
        var sets = sizes.Select((n, k) => Points(n, 100 + k)).ToArray();
        using var batch = new DevicePinnBatchTrainer(accelerator, Widths, 2, sizes.Length);
        int count = batch.ParameterCount;
        var start = Enumerable.Range(0, sizes.Length).Select(k => Parameters(count, 200 + k)).ToArray();
        double[] mask = [.. Enumerable.Range(0, count).Select(i => i < 2 * 6 ? 0.0 : 1.0)]; // model 1: first weight matrix frozen
        for (int k = 0; k < sizes.Length; k++)
        {
            batch.SetParameters(k, start[k]);
        }

        batch.Optimizer.SetMask(1, mask);
        batch.SetPoints(sets);

        var singles = new DevicePinnTrainer[sizes.Length];
        try
        {
            for (int k = 0; k < sizes.Length; k++)
            {
                singles[k] = new DevicePinnTrainer(accelerator, Widths, 2);
                singles[k].SetParameters(start[k]);
                singles[k].SetPoints(sets[k]);
            }

            singles[1].Optimizer.SetMask(mask);
            double[]? stoppedAt = null;
            for (int step = 0; step < steps; step++)
            {
                for (int k = 0; k < sizes.Length; k++)
                {
                    if (step == stepsOf[k] && batch.IsActive(k))
                    {
                        batch.Stop(k);
                        stoppedAt = batch.GetParameters(k);
                    }

                    batch.Optimizer.SetLearningRate(k, Rate(k, step));
                }

                if (step == 0)
                {
                    // The first gradients too, before any update: the loss and every component.
                    batch.ComputeGradients();
                    for (int k = 0; k < sizes.Length; k++)
                    {
                        singles[k].ComputeGradients();
                        AssertClose(singles[k].GetGradients(), batch.GetGradients(k), $"model {k} first gradient");
                    }
                }

                double[] losses = batch.Step()!;
                for (int k = 0; k < sizes.Length; k++)
                {
                    if (step >= stepsOf[k])
                    {
                        Assert.True(double.IsNaN(losses[k]), $"model {k} stopped at {stepsOf[k]} reports a loss at step {step}");
                        continue;
                    }

                    singles[k].Optimizer.LearningRate = Rate(k, step);
                    double single = singles[k].Step();
                    Assert.True(Math.Abs(single - losses[k]) <= Tolerance * Math.Max(1, single), $"model {k} step {step}: single {single:R}, batch {losses[k]:R}");
                }
            }

            for (int k = 0; k < sizes.Length; k++)
            {
                AssertClose(singles[k].GetParameters(), batch.GetParameters(k), $"model {k} parameters");
                Assert.Equal(Math.Min(steps, stepsOf[k]), batch.Optimizer.StepCount(k));
                Assert.NotEqual(start[k], batch.GetParameters(k)); // it trained
            }

            Assert.Equal(stoppedAt, batch.GetParameters(2)); // untouched after Stop
            Assert.Equal(start[1].Take(12), batch.GetParameters(1).Take(12)); // the masked weights kept
            Assert.False(batch.IsActive(2));
            Assert.Equal(2, batch.ActiveCount);
        }
        finally
        {
            foreach (var s in singles)
            {
                s?.Dispose();
            }
        }
    }

    [Fact]
    public void Point_sets_replaced_in_place_or_with_a_new_count_keep_each_model_equal_to_its_single_trainer()
    {
        var accelerator = EngineDevices.Acquire(EngineDevices.IlgpuCpu);
        using var batch = new DevicePinnBatchTrainer(accelerator, Widths, 2, 2, learningRate: 0.02);
        using var a = new DevicePinnTrainer(accelerator, Widths, 2, learningRate: 0.02);
        using var b = new DevicePinnTrainer(accelerator, Widths, 2, learningRate: 0.02);
        var singles = new[] { a, b };
        int count = batch.ParameterCount;
        for (int k = 0; k < 2; k++)
        {
            double[] w = Parameters(count, 300 + k);
            batch.SetParameters(k, w);
            singles[k].SetParameters(w);
            var set = Points(20 + (9 * k), 310 + k);
            batch.SetPoints(k, set);
            singles[k].SetPoints(set);
        }

        void StepBoth()
        {
            double[] losses = batch.Step()!;
            for (int k = 0; k < 2; k++)
            {
                double single = singles[k].Step();
                Assert.True(Math.Abs(single - losses[k]) <= Tolerance * Math.Max(1, single), $"model {k}: single {single:R}, batch {losses[k]:R}");
            }
        }

        StepBoth();
        var same = Points(20, 320); // model 0, as many points: uploaded in place
        batch.SetPoints(0, same);
        a.SetPoints(same);
        StepBoth();
        var more = Points(270, 321); // model 1, a new count (two chunks): the batch is laid out again
        batch.SetPoints(1, more);
        b.SetPoints(more);
        Assert.Equal(270, batch.PointCount(1));
        StepBoth();
        StepBoth();
        for (int k = 0; k < 2; k++)
        {
            AssertClose(singles[k].GetParameters(), batch.GetParameters(k), $"model {k} parameters");
        }
    }

    [Fact]
    public void Bad_sizes_are_rejected_with_the_counts_and_a_batch_without_every_point_set_does_not_step()
    {
        using var batch = new DevicePinnBatchTrainer(EngineDevices.Acquire(EngineDevices.IlgpuCpu), Widths, 2, 3);
        var e = Assert.Throws<ArgumentException>(() => batch.SetParameters(0, new double[3]));
        Assert.Contains($"3 parameters given, the network has {batch.ParameterCount}", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => batch.SetPoints([Points(4, 1)]));
        Assert.Throws<ArgumentException>(() => batch.SetPoints(0, new PinnPointSet(4, 3, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.GetParameters(3));
        batch.SetPoints(0, Points(5, 2));
        Assert.Throws<InvalidOperationException>(batch.ComputeGradients);
    }
}
