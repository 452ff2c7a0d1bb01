using SciTransfer.Core.Gpu;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Solver;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Running;

namespace SciTransfer.HeatSink.Tests;

/// <summary>
/// Heat-sink cells trained together on ILGPU's CPU accelerator (<see cref="DevicePinnBatching"/>) against each cell
/// trained alone (<see cref="DevicePinnTraining.Train"/>, itself compared with the CPU trainer in DevicePinnTrainingTests).
/// </summary>
public sealed class DevicePinnBatchingTests
{
    private static readonly HeatSinkCase Case = new(HeatSinkGeometry.Default, 1.31);

    private static FieldMlp Network(ulong seed)
    {
        var net = new FieldMlp([2, 6, 5, 1], [0.5, 1.25], [0.5, 1.25], 1.0);
        net.Initialise(new Rng(seed));
        return net;
    }

    // Four cells of different sizes (sensor counts), step limits, new-point rules and one that meets its target at the
    // first probe (it stops before any step while the others go on).
    private static DevicePinnJob[] Jobs(FieldProbe probe)
    {
        var small = new PinnTask(Case, new SensorData([0.3, 0.2], [1.9]));
        var large = new PinnTask(Case, new SensorData([0.3, 0.2, 0.1, 1.5, 0.7, 0.4, 0.9, 1.1], [1.9, 2.3, 2.0, 2.1]));
        var basic = new PinnTrainingOptions { Steps = 9, InteriorPoints = 20, BoundaryPoints = 6, LearningRate = 0.01, LearningRateDecay = 0.3, EvalEvery = 4, ErrorTarget = 1e-9 };
        return
        [
            new(Network(1), small, basic, new Rng(11), probe),
            new(Network(2), large, basic with { Steps = 5, FrozenLayers = 1, FreshPointsEvery = 2 }, new Rng(12), probe),
            new(Network(3), large, basic with { InteriorPoints = 33, ResampleEvery = 3 }, new Rng(13), probe),
            new(Network(4), small, basic with { ErrorTarget = 1e9, StopAtTarget = true }, new Rng(14), probe),
        ];
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Cells_trained_together_give_each_cell_its_alone_log_and_parameters()
    {
        var accelerator = EngineDevices.Acquire(EngineDevices.IlgpuCpu);
        var probe = new FieldProbe(HeatSinkSolver.Solve(Case, 8));
        var together = Jobs(probe);
        var outcomes = DevicePinnBatching.TrainMany(accelerator, together);
        var alone = Jobs(probe);
        for (int i = 0; i < alone.Length; i++)
        {
            var j = alone[i];
            var expected = DevicePinnTraining.Train(j.Net, j.Task, j.Options, j.Rng, j.Probe, accelerator);
            Assert.Null(outcomes[i].Error);
            var actual = outcomes[i].Result!;
            Assert.Equal(expected.Steps, actual.Steps);
            Assert.Equal(expected.StepsToTarget, actual.StepsToTarget);
            Assert.Equal(expected.Terms, actual.Terms);
            Assert.Equal(expected.Loss.Count, actual.Loss.Count);
            for (int s = 0; s < expected.Loss.Count; s++)
            {
                Assert.True(Math.Abs(expected.Loss[s] - actual.Loss[s]) <= 1e-10 * Math.Max(1, expected.Loss[s]), $"cell {i} step {s}: alone {expected.Loss[s]:R}, together {actual.Loss[s]:R}");
            }

            var a = new double[j.Net.ParameterCount];
            var b = new double[together[i].Net.ParameterCount];
            j.Net.CopyValuesTo(a);
            together[i].Net.CopyValuesTo(b);
            double worst = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
            Assert.True(worst <= 1e-10, $"cell {i}: largest parameter difference {worst:E2}");
        }

        Assert.Equal([9, 5, 9, 0], outcomes.Select(o => o.Result!.Steps));
    }

    [Fact]
    public void A_cancelled_cell_fails_alone_and_the_others_finish()
    {
        var probe = new FieldProbe(HeatSinkSolver.Solve(Case, 6));
        var task = new PinnTask(Case, new SensorData([0.3, 0.2], [1.9]));
        var options = new PinnTrainingOptions { Steps = 3, InteriorPoints = 8, BoundaryPoints = 4, EvalEvery = 2, ErrorTarget = 1e-9 };
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var outcomes = DevicePinnBatching.TrainMany(EngineDevices.Acquire(EngineDevices.IlgpuCpu),
        [
            new(Network(1), task, options, new Rng(1), probe),
            new(Network(2), task, options, new Rng(2), probe, cancelled.Token),
        ]);
        Assert.Equal(3, outcomes[0].Result!.Steps);
        Assert.IsType<OperationCanceledException>(outcomes[1].Error);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void A_study_with_device_batch_gives_the_unbatched_device_summary()
    {
        // Two sizes x two trained strategies x two repeats = 8 device trainings (plus the source models), three workers.
        const string study = """
            { "study": "hs-batch", "seed": 5, "repeats": 2,
              "problems": [ { "problem": "heat-sink/water-to-sodium", "sizes": [0, 4],
                "strategies": ["scratch", "fine-tune"],
                "options": { "hidden_layers": [6, 6], "interior_points": 16, "boundary_points": 8, "source_steps": 20,
                  "steps": 12, "grid_cells_per_unit": 8, "source_sensors": 8, "error_target": 2 } } ] }
            """;
        var dir = Directory.CreateTempSubdirectory("scitransfer-hs-batch-");
        try
        {
            string file = Path.Combine(dir.FullName, "study.json");
            File.WriteAllText(file, study);
            var catalog = new ProblemCatalog([new HeatSinkModule()]);
            var alone = StudyConfigLoader.Load(file, catalog, new ProblemSettings(), ["device=ilgpu-cpu"]);
            StudyRunner.Run(alone, new RunOptions(Path.Combine(dir.FullName, "alone"), Threads: 3, WriteReport: false));
            var batched = StudyConfigLoader.Load(file, catalog, new ProblemSettings(), ["device=ilgpu-cpu", "device_batch=4"]);
            Assert.Equal(4, batched.DeviceBatch);
            int before = DevicePinnBatching.Queue(4).BatchSizes.Count;
            StudyRunner.Run(batched, new RunOptions(Path.Combine(dir.FullName, "batched"), Threads: 3, WriteReport: false));

            // Every device training went through the batch queue, and some batches held several cells.
            var sizes = DevicePinnBatching.Queue(4).BatchSizes.Skip(before).ToArray();
            Assert.True(sizes.Sum() >= 8, $"batches {string.Join(",", sizes)}");
            Assert.Contains(sizes, s => s > 1);

            var a = File.ReadAllLines(Path.Combine(dir.FullName, "alone", "summary.csv"));
            var b = File.ReadAllLines(Path.Combine(dir.FullName, "batched", "summary.csv"));
            Assert.True(a.Length > 5);
            Assert.Equal(a, b);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
