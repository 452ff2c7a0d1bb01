using SciTransfer.Quantum.Backends.Managed;
using SciTransfer.Quantum.Backends.OpenCl;

namespace SciTransfer.Quantum.Backends;

/// <summary>
/// Picks a backend by name at run time ("managed", "opencl", or "auto" = OpenCL when a double-precision
/// device exists, else managed). With <c>allowFallback</c>, a missing OpenCL device falls back to the
/// managed backend; <see cref="QuantumBackend.Name"/> then says which one ran. pocl sizes its thread
/// pool from the environment at start-up (POCL_MAX_PTHREAD_COUNT), which must be set by the shell.
/// </summary>
public static class BackendSelector
{
    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["managed", "opencl", "auto"];

    /// <summary>Creates the named backend.</summary>
    public static QuantumBackend Create(string name, int threads, bool allowFallback)
    {
        switch (name)
        {
            case "managed":
                return new ManagedBackend(threads);
            case "opencl":
            case "auto":
                {
                    var cl = OpenClBackend.TryCreate(threads, out string reason);
                    if (cl is not null)
                    {
                        return cl;
                    }

                    if (allowFallback || name == "auto")
                    {
                        return new ManagedBackend(threads);
                    }

                    throw new InvalidOperationException($"backend 'opencl' is not available: {reason}");
                }

            default:
                throw new ArgumentException($"unknown quantum backend '{name}' (expected one of: {string.Join(", ", Names)})", nameof(name));
        }
    }

    /// <summary>True when an OpenCL device with double precision can be opened; otherwise the reason.</summary>
    public static bool IsOpenClAvailable(out string reason)
    {
        if (Environment.GetEnvironmentVariable("SCITRANSFER_DISABLE_OPENCL") == "1")
        {
            reason = "disabled by SCITRANSFER_DISABLE_OPENCL=1";
            return false;
        }

        try
        {
            using var cl = OpenClBackend.TryCreate(1, out reason);
            return cl is not null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            reason = e.Message;
            return false;
        }
    }
}
