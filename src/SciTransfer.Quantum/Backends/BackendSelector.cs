using SciTransfer.Core.Gpu;
using SciTransfer.Quantum.Backends.Ilgpu;
using SciTransfer.Quantum.Backends.Managed;

namespace SciTransfer.Quantum.Backends;

/// <summary>
/// Picks a backend by name at run time: "managed" (SIMD on the CPU), "gpu" (ILGPU: a Cuda device, else an
/// OpenCL GPU with double precision), "opencl" (ILGPU on any fp64 OpenCL device, GPUs first), "ilgpu-cpu"
/// (ILGPU's CPU accelerator: the GPU kernels run in .NET threads, for tests) or "auto" (gpu when one exists,
/// else managed). With <c>allowFallback</c>, a missing device falls back to the managed backend;
/// <see cref="QuantumBackend.Name"/> and <see cref="QuantumBackend.Description"/> then say what ran.
/// SCITRANSFER_DISABLE_GPU=1 hides every device (auto then picks managed).
/// </summary>
public static class BackendSelector
{
    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["managed", "gpu", "opencl", "ilgpu-cpu", "auto"];

    /// <summary>Creates the named backend.</summary>
    public static QuantumBackend Create(string name, int threads, bool allowFallback)
    {
        IlgpuDeviceKind kind;
        switch (name)
        {
            case "managed":
                return new ManagedBackend(threads);
            case "gpu":
            case "auto":
                kind = IlgpuDeviceKind.Gpu;
                break;
            case "opencl":
                kind = IlgpuDeviceKind.OpenCl;
                break;
            case "ilgpu-cpu":
                kind = IlgpuDeviceKind.Cpu;
                break;
            default:
                throw new ArgumentException($"unknown quantum backend '{name}' (expected one of: {string.Join(", ", Names)})", nameof(name));
        }

        var backend = TryCreate(kind, threads, out string reason);
        if (backend is not null)
        {
            return backend;
        }

        if (allowFallback || name == "auto")
        {
            return new ManagedBackend(threads);
        }

        throw new InvalidOperationException($"backend '{name}' is not available: {reason}");
    }

    /// <summary>True when the named ILGPU device kind can be opened; otherwise the reason.</summary>
    public static bool IsAvailable(string name, out string reason)
    {
        if (name == "managed")
        {
            reason = "";
            return true;
        }

        var kind = name switch
        {
            "opencl" => IlgpuDeviceKind.OpenCl,
            "ilgpu-cpu" => IlgpuDeviceKind.Cpu,
            _ => IlgpuDeviceKind.Gpu,
        };
        using var backend = TryCreate(kind, 1, out reason);
        return backend is not null;
    }

    private static IlgpuBackend? TryCreate(IlgpuDeviceKind kind, int threads, out string reason)
    {
        if (kind != IlgpuDeviceKind.Cpu && Environment.GetEnvironmentVariable("SCITRANSFER_DISABLE_GPU") == "1")
        {
            reason = "disabled by SCITRANSFER_DISABLE_GPU=1";
            return null;
        }

        return IlgpuBackend.TryCreate(kind, threads, out reason);
    }
}
