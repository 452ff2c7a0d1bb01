using SciTransfer.Core.Gpu;
using SciTransfer.Core.Gpu.Pinn;

namespace SciTransfer.Transfer.Bench.Engine;

/// <summary>
/// The pinn-step workload of <see cref="PinnStepFixture"/> (same network, seed, points, sources, loss and Adam) on an
/// ILGPU device through <see cref="DevicePinnTrainer"/>: parameters, moments and points stay on the device; a step
/// reads back only the loss (as the JAX peer's <c>block_until_ready</c> on it). Not thread-safe.
/// </summary>
public sealed class DevicePinnStepFixture : IDisposable
{
    private readonly DevicePinnTrainer _trainer;

    /// <summary>Builds the fixture on <paramref name="device"/> (gpu or ilgpu-cpu); throws <see cref="DeviceUnavailableException"/> when it does not exist.</summary>
    public DevicePinnStepFixture(string device, int points = 10000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        var accelerator = EngineDevices.Acquire(device);
        var (net, set) = Build(points);
        _trainer = new DevicePinnTrainer(accelerator, PinnStepFixture.Widths, 2, PinnStepFixture.LearningRate);
        _trainer.SetParameters(net.Parameters);
        _trainer.SetPoints(set);
        Points = points;
        Device = _trainer.Device;
    }

    /// <summary>The fixture's network and its points as a device point set (mean squared Poisson residual).</summary>
    internal static (Core.Nn.Mlp Net, PinnPointSet Points) Build(int points)
    {
        var (net, xy, f) = PinnStepFixture.Build(points);
        var set = PinnPointSet.FromCoordinates(xy.Span, 2);
        for (int p = 0; p < points; p++)
        {
            set.SetResidual(p, 0, [0, 0], 1, f[p], 1.0 / points);
        }

        return (net, set);
    }

    /// <summary>Collocation points N.</summary>
    public int Points { get; }

    /// <summary>The accelerator, as "Type name".</summary>
    public string Device { get; }

    /// <summary>One Adam step on the mean squared residual; returns the loss before the update (waits for the device).</summary>
    public double Step() => _trainer.Step();

    /// <summary>The parameters, flat in the network's order.</summary>
    public double[] Parameters() => _trainer.GetParameters();

    /// <inheritdoc />
    public void Dispose() => _trainer.Dispose();
}
