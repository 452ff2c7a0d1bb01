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

/// <summary>
/// Feeds the theory "ilgpu-cpu": the ILGPU backend's kernels on ILGPU's CPU accelerator, present on every
/// machine (CI included), so every GPU kernel is tested without a GPU.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IlgpuCpuBackendAttribute : DataAttribute
{
    /// <inheritdoc/>
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["ilgpu-cpu"]];
}

/// <summary>Feeds the theory "gpu"; the row is skipped, naming what is missing, when no Cuda device or OpenCL GPU exists.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GpuBackendAttribute : DataAttribute
{
    // Opening a device compiles the kernels: do it once per test run, not once per theory.
    private static readonly Lazy<string?> SkipReason = new(() =>
        BackendSelector.IsAvailable("gpu", out string reason) ? null : "needs a Cuda device or an OpenCL GPU with double precision: " + reason);

    public GpuBackendAttribute()
    {
        if (SkipReason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    /// <inheritdoc/>
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["gpu"]];
}

/// <summary>Creates backends for the shared suite.</summary>
internal static class TestBackends
{
    public static QuantumBackend Create(string name, int threads = 1) => BackendSelector.Create(name, threads, allowFallback: false);
}
