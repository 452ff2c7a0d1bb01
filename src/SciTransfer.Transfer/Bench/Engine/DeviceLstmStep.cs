using System.Globalization;
using ILGPU;
using ILGPU.Runtime;
using SciTransfer.Core.Gpu;
using SciTransfer.Core.Gpu.Lstm;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Bench.Engine;

/// <summary>
/// <c>bench lstm-step --device gpu|ilgpu-cpu</c>: the same model, batch and Adam as <see cref="LstmStepFixture"/>
/// trained by <see cref="DeviceLstmTrainer"/> on an ILGPU accelerator. Prints the device, a check line (the loss of
/// the first step on the device and on the CPU engine, which must agree to rounding) and the median step time; the
/// step is timed up to the device's completion (<see cref="Accelerator.Synchronize"/>), with no host transfer.
/// </summary>
internal static class DeviceLstmStep
{
    /// <summary>Runs the device bench; a ConfigException (exit 1) naming the reason when the device cannot be opened.</summary>
    public static void Run(string device, int reps, TextWriter output, CancellationToken ct)
    {
        var kind = device switch
        {
            "gpu" => IlgpuDeviceKind.Gpu,
            "ilgpu-cpu" => IlgpuDeviceKind.Cpu,
            _ => throw new ConfigException("command line", "--device", $"expected cpu, gpu or ilgpu-cpu, found '{device}'"),
        };
        var opened = IlgpuDevices.TryOpen(kind, out string reason)
            ?? throw new ConfigException("command line", "--device", $"{device}: no such device here ({reason})");
        using Context context = opened.Context;
        using Accelerator accelerator = opened.Accelerator;
        string memory = accelerator.AcceleratorType == AcceleratorType.CPU ? "host memory" : $"{accelerator.MemorySize / (1024.0 * 1024 * 1024):F1} GiB";
        output.WriteLine($"# device {device}: ILGPU {accelerator.AcceleratorType} on {accelerator.Name} ({memory})");

        var cpu = new LstmStepFixture(threads: 1, inferenceSteps: 1);
        using var trainer = DeviceLstmTrainer.FromModules(accelerator, cpu.Lstm, cpu.Head, LstmStepFixture.Batch, LstmStepFixture.Steps);
        trainer.SetBatch(cpu.X.Span, cpu.Y.Span);
        trainer.Step();
        double deviceLoss = trainer.ReadLoss();
        double cpuLoss = cpu.TrainStep();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# check: first-step loss device {deviceLoss:R} cpu {cpuLoss:R} |diff| {Math.Abs(deviceLoss - cpuLoss):E1}"));

        double ms = BenchTiming.MedianMs(() =>
        {
            trainer.Step();
            accelerator.Synchronize();
        }, 3, reps, ct);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lstm_train_step_b64_t48_h64 float64 device={device} ms={ms:F3}"));
    }
}
