using SciTransfer.Core.Gpu;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;
using SciTransfer.HeatSink.Pinn;
using SciTransfer.HeatSink.Solver;
using SciTransfer.Transfer.FineTuning;

namespace SciTransfer.HeatSink.Tests;

/// <summary>
/// The heat-sink PINN trained on ILGPU's CPU accelerator (<see cref="DevicePinnTraining"/>) against the CPU trainer
/// (<see cref="PinnTrainer"/>): same loss, points, Adam, decay, frozen layers, probing and fresh points.
/// </summary>
public sealed class DevicePinnTrainingTests
{
    private static readonly PinnTask Task = new(
        new HeatSinkCase(HeatSinkGeometry.Default, 1.31),
        new SensorData([0.3, 0.2, 0.1, 1.5, 0.7, 0.4], [1.9, 2.3, 2.0]));

    private static FieldMlp Network()
    {
        var net = new FieldMlp([2, 6, 5, 1], [0.5, 1.25], [0.5, 1.25], 1.0);
        net.Initialise(new Rng(4));
        return net;
    }

    [Trait("Category", "Slow")]
    [Theory]
    [InlineData(5, 0)]
    [InlineData(0, 5)]
    public void Device_training_follows_the_cpu_trainer_loss_by_loss_with_frozen_layers_decay_probes_and_new_points(int freshEvery, int resampleEvery)
    {
        var options = new PinnTrainingOptions
        {
            Steps = 12, InteriorPoints = 24, BoundaryPoints = 8, LearningRate = 0.01, LearningRateDecay = 0.3,
            FrozenLayers = 1, FreshPointsEvery = freshEvery, ResampleEvery = resampleEvery, EvalEvery = 4, ErrorTarget = 10,
            CornerEstimateEvery = 3,
        };
        var probe = new FieldProbe(HeatSinkSolver.Solve(Task.Case, 8));
        var cpuNet = Network();
        var cpuLog = PinnTrainer.Train(cpuNet, Task, options, new Rng(5), probe);
        var devNet = Network();
        var devLog = DevicePinnTraining.Train(devNet, Task, options, new Rng(5), probe, EngineDevices.Acquire(EngineDevices.IlgpuCpu));

        Assert.Equal(cpuLog.Terms, devLog.Terms);
        Assert.Equal(cpuLog.Steps, devLog.Steps);
        Assert.Equal(cpuLog.StepsToTarget, devLog.StepsToTarget);
        Assert.Equal(cpuLog.Loss.Count, devLog.Loss.Count);
        for (int i = 0; i < cpuLog.Loss.Count; i++)
        {
            Assert.True(Math.Abs(cpuLog.Loss[i] - devLog.Loss[i]) <= 1e-10 * Math.Max(1, cpuLog.Loss[i]), $"step {i}: cpu {cpuLog.Loss[i]:R}, device {devLog.Loss[i]:R}");
        }

        var a = new double[cpuNet.ParameterCount];
        var b = new double[devNet.ParameterCount];
        cpuNet.CopyValuesTo(a);
        devNet.CopyValuesTo(b);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - b[i]) <= 1e-10, $"parameter {i}: cpu {a[i]:R}, device {b[i]:R}");
        }

        // The frozen first layer did not move; the rest did.
        var fresh = Network();
        Assert.Equal(fresh.Layer(0).Weight.Value.ToArray(), devNet.Layer(0).Weight.Value.ToArray());
        Assert.NotEqual(fresh.Layer(1).Weight.Value.ToArray(), devNet.Layer(1).Weight.Value.ToArray());
    }

    [Fact]
    public void Unsupported_training_is_named_and_refused()
    {
        var net = Network();
        Assert.Null(DevicePinnTraining.Unsupported(net, new PinnTrainingOptions(), TrainingHooks.None));
        Assert.Contains("gradnorm", DevicePinnTraining.Unsupported(net, new PinnTrainingOptions { Balancing = "gradnorm" }, null), StringComparison.Ordinal);
        Assert.Contains("L-BFGS", DevicePinnTraining.Unsupported(net, new PinnTrainingOptions { LbfgsSteps = 3 }, null), StringComparison.Ordinal);
        Assert.Contains("hooks", DevicePinnTraining.Unsupported(net, new PinnTrainingOptions(), new TrainingHooks { BeforeStep = () => { } }), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DevicePinnTraining.Train(net, Task, new PinnTrainingOptions { Balancing = "softadapt" }, new Rng(1), null, EngineDevices.Acquire(EngineDevices.IlgpuCpu)));
    }
}
