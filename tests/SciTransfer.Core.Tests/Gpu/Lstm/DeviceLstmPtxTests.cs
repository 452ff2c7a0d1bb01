using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using SciTransfer.Core.Gpu.Lstm;

namespace SciTransfer.Core.Tests.Gpu.Lstm;

/// <summary>
/// The device LSTM kernels compile for Cuda (PTX, ISA 8.0; the H100/H200 run it) on a machine without a GPU: ILGPU's
/// CPU accelerator runs any .NET call, but the PTX back end refuses what it cannot map (e.g. Math.Exp without
/// libdevice), so this is the check that the kernels tested on the CPU accelerator will also load on a GPU.
/// </summary>
public class DeviceLstmPtxTests
{
    [Theory]
    [InlineData("Forward", true)]
    [InlineData("Backward", true)]
    [InlineData("Head", false)]
    [InlineData("LstmGradients", false)]
    [InlineData("HeadGradients", false)]
    [InlineData("Loss", false)]
    public void Kernel_compiles_to_ptx_without_a_device(string name, bool explicitlyGrouped)
    {
        var kernels = typeof(DeviceLstmTrainer).Assembly.GetType("SciTransfer.Core.Gpu.Lstm.DeviceLstmKernels", throwOnError: true)!;
        var method = kernels.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;
        using var context = Context.Create(b => b.Optimize(OptimizationLevel.O2));
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);
        var entry = explicitlyGrouped
            ? EntryPointDescription.FromExplicitlyGroupedKernel(method)
            : EntryPointDescription.FromImplicitlyGroupedKernel(method);
        var compiled = (PTXCompiledKernel)backend.Compile(entry, default(KernelSpecialization));
        Assert.Contains(".entry", compiled.PTXAssembly, StringComparison.Ordinal);
        Assert.Contains(".target sm_", compiled.PTXAssembly, StringComparison.Ordinal);

        // No call into a math library: exp / tanh are the kernels' own (DeviceMath), inlined.
        Assert.DoesNotContain("call", compiled.PTXAssembly, StringComparison.Ordinal);
    }
}
