using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using SciTransfer.Core.Gpu.Pinn;

namespace SciTransfer.Core.Tests.Gpu;

/// <summary>
/// The batched device PINN's kernels and the batched Adam compile for Cuda (PTX, ISA 8.0) on a machine without a GPU,
/// as DeviceLstmPtxTests does for the LSTM: the CPU accelerator that the equality tests use runs any .NET code, the PTX
/// back end only what it can map (sub-views, the per-model bodies they call, a struct array of Adam scalars).
/// </summary>
public class DevicePinnBatchPtxTests
{
    [Theory]
    [InlineData("SciTransfer.Core.Gpu.Pinn.PinnBatchKernels", "PointPass")]
    [InlineData("SciTransfer.Core.Gpu.Pinn.PinnBatchKernels", "ChunkSums")]
    [InlineData("SciTransfer.Core.Gpu.Pinn.PinnBatchKernels", "ReduceChunks")]
    [InlineData("SciTransfer.Core.Gpu.DeviceAdamBatch", "Update")]
    public void Kernel_compiles_to_ptx_without_a_device(string type, string name)
    {
        var owner = typeof(DevicePinnBatchTrainer).Assembly.GetType(type, throwOnError: true)!;
        var method = owner.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        using var context = Context.Create(b => b.Optimize(OptimizationLevel.O2));
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);
        var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(method), default(KernelSpecialization));
        Assert.Contains(".entry", compiled.PTXAssembly, StringComparison.Ordinal);
        Assert.Contains(".target sm_", compiled.PTXAssembly, StringComparison.Ordinal);

        // tanh is DeviceMath's (no math library call); a call to a kernel's own helper would be legal PTX.
        Assert.DoesNotContain("__nv_", compiled.PTXAssembly, StringComparison.Ordinal);
    }
}
