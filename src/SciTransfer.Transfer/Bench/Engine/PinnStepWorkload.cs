using System.Globalization;
using SciTransfer.Core.Diagnostics;
using SciTransfer.Core.Gpu;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Bench.Engine;

/// <summary>
/// The PINN step of shared/peers/torch_pinn.py (<see cref="PinnStepFixture"/>): MLP 2-50-50-50-50-1 tanh, 2-D Poisson residual
/// u_xx + u_yy + f = 0 with f = 2 pi^2 sin(pi x) sin(pi y) at N collocation points, Adam. The
/// Laplacian comes from the forward-Laplacian pass (one stacked product per layer) instead of
/// nested reverse mode. float64. <c>--device gpu|ilgpu-cpu</c> runs the same step on an ILGPU accelerator
/// (<see cref="DevicePinnStepFixture"/>; <c>--threads</c> is then unused); a missing GPU is a command-line error.
/// <c>--models K</c> (K &gt; 1, device only) trains K copies together (<see cref="DevicePinnBatchStepFixture"/>) and
/// times that batched step against K separate single-model steps, alternately (issue 20's "many cells at once").
/// </summary>
public sealed class PinnStepWorkload : IBenchWorkload
{
    /// <inheritdoc />
    public string Name => "pinn-step";

    /// <inheritdoc />
    public string Description => "PINN Poisson step, MLP 2-50x4-1 tanh, forward Laplacian + Adam, like torch_pinn.py";

    /// <inheritdoc />
    public IReadOnlyList<string> OptionKeys { get; } = ["threads", "points", "reps", "profile", "device", "models"];

    /// <inheritdoc />
    public void Run(BenchArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        int threads = arguments.Threads;
        int n = arguments.GetInt("points", 10000);
        int reps = arguments.GetInt("reps", 10);
        string device = arguments.GetString("device", EngineDevices.Cpu);
        if (!EngineDevices.Names.Contains(device))
        {
            throw new ConfigException("command line", "--device", $"expected {string.Join(", ", EngineDevices.Names)}, found '{device}'");
        }

        int models = arguments.GetInt("models", 1);
        if (models < 1 || (models > 1 && device == EngineDevices.Cpu))
        {
            throw new ConfigException("command line", "--models", models < 1
                ? $"expected at least 1, found {models}"
                : $"{models} models together need --device {EngineDevices.Gpu} or {EngineDevices.IlgpuCpu} (the cpu engine trains one model per cell)");
        }

        if (device == EngineDevices.Cpu)
        {
            var fixture = new PinnStepFixture(threads, n);
            double ms = BenchTiming.MedianMs(() => fixture.Step(), 2, reps, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pinn_poisson_step_mlp4x50 float64 threads={threads} N={n} ms={ms:F2} points_per_s={n / ms * 1e3:F0}"));
            int profileSteps = arguments.GetInt("profile", int.MaxValue);
            if (profileSteps != int.MaxValue)
            {
                // Per layer of widths 2-50-50-50-50-1 the stacked product has 4N rows: 2 * 4N * (sum of in * out) flops.
                double layerFlops = 2.0 * 4 * n * ((2 * 50) + (3 * 50 * 50) + 50);
                double stateFlops = 2.0 * 4 * n * ((3 * 50 * 50) + 50);
                EngineProfileReport.PhaseRow[] phases =
                [
                    new(EnginePhase.PinnGemmForward, 0, layerFlops),
                    new(EnginePhase.PinnActivationForward, 0, 0),
                    new(EnginePhase.PinnActivationBackward, 1, 0),
                    new(EnginePhase.PinnGemmWeights, 1, layerFlops),
                    new(EnginePhase.PinnGemmState, 1, stateFlops),
                    new(EnginePhase.AdamStep, 2, 0),
                ];
                EngineProfileReport.Run(Name, fixture.Step, profileSteps, phases, output, cancellationToken);
            }

            return;
        }

        if (models > 1)
        {
            RunBatched(device, models, n, reps, output, cancellationToken);
            return;
        }

        DevicePinnStepFixture deviceFixture;
        try
        {
            deviceFixture = new DevicePinnStepFixture(device, n);
        }
        catch (DeviceUnavailableException e)
        {
            throw new ConfigException("command line", "--device", e.Message);
        }

        using (deviceFixture)
        {
            output.WriteLine($"device: {device} = {deviceFixture.Device}");
            double ms = BenchTiming.MedianMs(() => deviceFixture.Step(), 2, reps, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pinn_poisson_step_mlp4x50 float64 device={device} N={n} ms={ms:F3} points_per_s={n / ms * 1e3:F0}"));
        }
    }

    // K models in one batch against K single-model trainers stepped one after the other on the same accelerator (what
    // K cells cost without batching when the device runs one launch at a time), timed alternately.
    private static void RunBatched(string device, int models, int n, int reps, TextWriter output, CancellationToken ct)
    {
        DevicePinnBatchStepFixture batch;
        try
        {
            batch = new DevicePinnBatchStepFixture(device, models, n);
        }
        catch (DeviceUnavailableException e)
        {
            throw new ConfigException("command line", "--device", e.Message);
        }

        var singles = new List<DevicePinnStepFixture>();
        try
        {
            for (int k = 0; k < models; k++)
            {
                singles.Add(new DevicePinnStepFixture(device, n));
            }

            output.WriteLine($"device: {device} = {batch.Device}");
            var (together, separate) = BenchTiming.AlternatingMedianMs(
                () => batch.Step(),
                () => singles.ForEach(s => s.Step()),
                2, reps, ct);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pinn_poisson_step_mlp4x50 float64 device={device} N={n} models={models} batched ms={together:F3} ms_per_model={together / models:F3}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pinn_poisson_step_mlp4x50 float64 device={device} N={n} models={models} separate ms={separate:F3} ms_per_model={separate / models:F3}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batching gain: {separate / together:F2}x"));
        }
        finally
        {
            batch.Dispose();
            singles.ForEach(s => s.Dispose());
        }
    }
}
