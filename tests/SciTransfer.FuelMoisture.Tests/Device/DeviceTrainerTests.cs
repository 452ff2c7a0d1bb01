using SciTransfer.Core.Gpu;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Model;

namespace SciTransfer.FuelMoisture.Tests.Device;

/// <summary>
/// The device trainer (ILGPU's CPU accelerator) against the CPU <see cref="Trainer"/>: same windows, shuffles,
/// dropout masks, batches (a partial last one), early stopping and head-only scope, so the trained networks agree
/// to rounding (1e-9 after tens of Adam steps).
/// </summary>
[Trait("Category", "Slow")] // 3-7 s each on ILGPU's CPU accelerator (kernel compiles, emulated group barriers)
public sealed class DeviceTrainerTests : IDisposable
{
    private const int Inputs = 3, Hidden = 4;
    private readonly ILGPU.Context _context;
    private readonly ILGPU.Runtime.Accelerator _accelerator;

    public DeviceTrainerTests()
    {
        var opened = IlgpuDevices.TryOpen(IlgpuDeviceKind.Cpu, out string reason)
            ?? throw new InvalidOperationException("ILGPU's CPU accelerator did not open: " + reason);
        (_context, _accelerator) = opened;
    }

    [Theory]
    [InlineData(GradientScope.All)]
    [InlineData(GradientScope.HeadOnly)]
    public void Windowed_training_with_dropout_and_early_stopping_equals_the_cpu_trainer(GradientScope scope)
    {
        var train = Sequences(new Rng(2), 2, 40);
        var validation = Sequences(new Rng(3), 1, 40);
        var options = new TrainerOptions(WindowHours: 8, Stride: 3, BatchSize: 4, LearningRate: 0.01, MaxEpochs: 4, Patience: 2, Scope: scope);
        var cpu = MoistureNet.CreateChrono(Inputs, Hidden, 20, new Rng(5));
        var dev = cpu.Clone();
        int cpuEpochs = Trainer.Train(cpu, train, validation, options, new Rng(7));
        int devEpochs = DeviceTrainer.Train(_accelerator, dev, train, validation, options, new Rng(7));

        Assert.Equal(cpuEpochs, devEpochs);
        AssertSame(cpu, dev, 1e-9);
        Assert.NotEqual(MoistureNet.CreateChrono(Inputs, Hidden, 20, new Rng(5)).Parameters[^1].Value[0], dev.Parameters[^1].Value[0]);
        if (scope == GradientScope.HeadOnly)
        {
            Assert.Equal(MoistureNet.CreateChrono(Inputs, Hidden, 20, new Rng(5)).Lstm.WeightHidden.Value.Span.ToArray(), dev.Lstm.WeightHidden.Value.Span.ToArray());
        }
    }

    [Fact]
    public void Whole_sequence_training_equals_the_cpu_trainer()
    {
        var fit = Sequences(new Rng(4), 3, 30);
        var cpu = MoistureNet.CreateChrono(Inputs, Hidden, 20, new Rng(6));
        var dev = cpu.Clone();
        Trainer.TrainSequences(cpu, fit, 12, 0.01, GradientScope.All, new Rng(8));
        DeviceTrainer.TrainSequences(_accelerator, dev, fit, 12, 0.01, GradientScope.All, new Rng(8));
        AssertSame(cpu, dev, 1e-9);
    }

    public void Dispose()
    {
        _accelerator.Dispose();
        _context.Dispose();
    }

    private static void AssertSame(MoistureNet expected, MoistureNet actual, double tolerance)
    {
        for (int q = 0; q < expected.Parameters.Count; q++)
        {
            var e = expected.Parameters[q].Value.Span;
            var a = actual.Parameters[q].Value.Span;
            for (int i = 0; i < e.Length; i++)
            {
                Assert.True(Math.Abs(e[i] - a[i]) <= tolerance, $"{expected.Parameters[q].Name}[{i}]: cpu {e[i]:R}, device {a[i]:R}");
            }
        }
    }

    // Random inputs, targets and a mask observing about one hour in three (unobserved targets NaN, as in the data).
    private static List<TrainingSequence> Sequences(Rng rng, int count, int hours)
    {
        var list = new List<TrainingSequence>();
        for (int s = 0; s < count; s++)
        {
            var x = new double[hours * Inputs];
            var y = new double[hours];
            var w = new double[hours];
            rng.FillNormal(x);
            for (int t = 0; t < hours; t++)
            {
                w[t] = rng.NextDouble() < 0.35 ? 1.0 : 0.0;
                y[t] = w[t] > 0 ? rng.Normal() : double.NaN;
            }

            list.Add(new TrainingSequence(x, y, w));
        }

        return list;
    }
}
