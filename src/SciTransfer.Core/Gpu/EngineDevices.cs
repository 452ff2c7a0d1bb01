using ILGPU;
using ILGPU.Runtime;

namespace SciTransfer.Core.Gpu;

/// <summary>
/// The engine's device choice (a study's <c>"device"</c>, <c>run --device</c>, <c>bench --device</c>):
/// <c>cpu</c> (the managed engine, the default), <c>gpu</c> (ILGPU on Cuda, else an OpenCL GPU with double
/// precision) or <c>ilgpu-cpu</c> (ILGPU's CPU accelerator: the device kernels in .NET threads, for tests and CI).
/// Device trainers share ONE accelerator per kind for the whole process (<see cref="Acquire"/>), opened on first use
/// and kept until the process exits, so cells running in parallel do not each compile kernels or open a driver;
/// <see cref="Opened"/> says which accelerators a run actually used (run.json records it).
/// </summary>
public static class EngineDevices
{
    /// <summary>The managed CPU engine (no ILGPU).</summary>
    public const string Cpu = "cpu";

    /// <summary>An ILGPU GPU accelerator (Cuda first, else OpenCL GPU with fp64).</summary>
    public const string Gpu = "gpu";

    /// <summary>ILGPU's CPU accelerator (same kernels as <see cref="Gpu"/>, slow; for tests).</summary>
    public const string IlgpuCpu = "ilgpu-cpu";

    private static readonly object Gate = new();
    private static readonly Dictionary<string, (Context Context, Accelerator Accelerator)> Open = new(StringComparer.Ordinal);

    /// <summary>Every accepted device name, in the order messages list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Cpu, Gpu, IlgpuCpu];

    /// <summary>True when <paramref name="device"/> asks for an ILGPU accelerator (gpu or ilgpu-cpu).</summary>
    public static bool IsAccelerated(string device) => device is Gpu or IlgpuCpu;

    /// <summary>
    /// Accelerators opened so far in this process, as "device: type name" (e.g. "gpu: Cuda NVIDIA H100"),
    /// sorted; empty when every trainer ran on the managed engine.
    /// </summary>
    public static IReadOnlyList<string> Opened
    {
        get
        {
            lock (Gate)
            {
                return [.. Open.Select(p => $"{p.Key}: {Describe(p.Value.Accelerator)}").Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>"Cuda NVIDIA H100 80GB HBM3" style text for an accelerator.</summary>
    public static string Describe(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        return $"{accelerator.AcceleratorType} {accelerator.Name}";
    }

    /// <summary>
    /// The process-wide accelerator for <paramref name="device"/> (gpu or ilgpu-cpu), opened on the first call.
    /// Throws <see cref="DeviceUnavailableException"/> with the driver's reason when none exists (no silent fallback:
    /// a study that asked for the GPU and got the CPU would report misleading wall times).
    /// </summary>
    public static Accelerator Acquire(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var kind = device switch
        {
            Gpu => IlgpuDeviceKind.Gpu,
            IlgpuCpu => IlgpuDeviceKind.Cpu,
            _ => throw new ArgumentException($"device '{device}' is not an ILGPU device; expected {Gpu} or {IlgpuCpu}", nameof(device)),
        };
        lock (Gate)
        {
            if (Open.TryGetValue(device, out var held))
            {
                return held.Accelerator;
            }

            var opened = IlgpuDevices.TryOpen(kind, out string reason)
                ?? throw new DeviceUnavailableException($"device '{device}' asked for, but {reason}");
            if (Open.Count == 0)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => CloseAll();
            }

            Open[device] = opened;
            return opened.Accelerator;
        }
    }

    private static void CloseAll()
    {
        lock (Gate)
        {
            foreach (var (context, accelerator) in Open.Values)
            {
                accelerator.Dispose();
                context.Dispose();
            }

            Open.Clear();
        }
    }
}

/// <summary>The asked ILGPU device does not exist on this machine (no driver, no GPU, no fp64).</summary>
public sealed class DeviceUnavailableException(string message) : Exception(message);
