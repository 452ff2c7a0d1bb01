using System.Reflection;
using SciTransfer.Quantum.Backends;
using Xunit.Sdk;

namespace SciTransfer.Quantum.Tests.Support;

/// <summary>Feeds the theory the backend name "managed" (always present).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ManagedBackendAttribute : DataAttribute
{
    /// <inheritdoc/>
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["managed"]];
}

/// <summary>Feeds the theory "opencl"; the row is skipped, naming what is missing, when no OpenCL fp64 device exists.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OpenClBackendAttribute : DataAttribute
{
    public OpenClBackendAttribute()
    {
        if (!BackendSelector.IsOpenClAvailable(out string reason))
        {
            Skip = "needs an OpenCL device with double precision (Debian: pocl-opencl-icd ocl-icd-libopencl1): " + reason;
        }
    }

    /// <inheritdoc/>
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["opencl"]];
}

/// <summary>Creates backends for the shared suite.</summary>
internal static class TestBackends
{
    public static QuantumBackend Create(string name, int threads = 1) => BackendSelector.Create(name, threads, allowFallback: false);
}
