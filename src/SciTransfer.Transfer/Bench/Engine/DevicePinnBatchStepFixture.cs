using SciTransfer.Core.Gpu;
using SciTransfer.Core.Gpu.Pinn;

namespace SciTransfer.Transfer.Bench.Engine;

/// <summary>
/// K copies of the pinn-step workload (<see cref="DevicePinnStepFixture"/>: same network, seed, points and Adam, each
/// copy its own parameters and moments) trained together by one <see cref="DevicePinnBatchTrainer"/>, for
/// <c>bench pinn-step --device D --models K</c>: one step is one set of launches over all K models and reads back
/// the K losses. Not thread-safe.
/// </summary>
public sealed class DevicePinnBatchStepFixture : IDisposable
{
    private readonly DevicePinnBatchTrainer _trainer;

    /// <summary>Builds <paramref name="models"/> copies on <paramref name="device"/> (gpu or ilgpu-cpu); throws <see cref="DeviceUnavailableException"/> when it does not exist.</summary>
    public DevicePinnBatchStepFixture(string device, int models, int points = 10000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(models, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        var accelerator = EngineDevices.Acquire(device);
        var (net, set) = DevicePinnStepFixture.Build(points);
        _trainer = new DevicePinnBatchTrainer(accelerator, PinnStepFixture.Widths, 2, models, PinnStepFixture.LearningRate);
        for (int k = 0; k < models; k++)
        {
            _trainer.SetParameters(k, net.Parameters);
        }

        _trainer.SetPoints([.. Enumerable.Repeat(set, models)]);
        Models = models;
        Points = points;
        Device = _trainer.Device;
    }

    /// <summary>Models K.</summary>
    public int Models { get; }

    /// <summary>Collocation points N per model.</summary>
    public int Points { get; }

    /// <summary>The accelerator, as "Type name".</summary>
    public string Device { get; }

    /// <summary>One Adam step of every model; returns the K losses before the update (waits for the device).</summary>
    public double[] Step() => _trainer.Step()!;

    /// <summary>Model <paramref name="k"/>'s parameters, flat in the network's order.</summary>
    public double[] Parameters(int k) => _trainer.GetParameters(k);

    /// <inheritdoc />
    public void Dispose() => _trainer.Dispose();
}
