using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace SciTransfer.Core.Gpu;

/// <summary>Which ILGPU accelerator a backend asks for.</summary>
public enum IlgpuDeviceKind
{
    /// <summary>A GPU: Cuda first, else an OpenCL GPU with double precision.</summary>
    Gpu,

    /// <summary>Any OpenCL device with double precision (GPUs before others).</summary>
    OpenCl,

    /// <summary>ILGPU's CPU accelerator (runs the same kernels in .NET threads; slow, for tests).</summary>
    Cpu,
}

/// <summary>Opens an ILGPU context and accelerator of the asked kind, or says why none exists.</summary>
public static class IlgpuDevices
{
    /// <summary>Opens the accelerator of <paramref name="kind"/>; null with <paramref name="reason"/> when none exists or its driver fails.</summary>
    public static (Context Context, Accelerator Accelerator)? TryOpen(IlgpuDeviceKind kind, out string reason)
    {
        Context? context = null;
        try
        {
            context = kind switch
            {
                IlgpuDeviceKind.Cpu => Context.Create(b => b.CPU().Optimize(OptimizationLevel.O1)),
                IlgpuDeviceKind.OpenCl => Context.Create(b => b.OpenCL(d => d.Capabilities.Float64).Optimize(OptimizationLevel.O2)),
                _ => Context.Create(b => b.Cuda().OpenCL(d => d.DeviceType == CLDeviceType.CL_DEVICE_TYPE_GPU && d.Capabilities.Float64).Optimize(OptimizationLevel.O2)),
            };
            Device? device = kind == IlgpuDeviceKind.Cpu ? context.GetCPUDevice(0) : null;
            if (kind == IlgpuDeviceKind.Gpu)
            {
                foreach (var d in context.GetCudaDevices())
                {
                    device ??= d;
                }
            }

            // OpenCL: a GPU before any other device type (the context already filtered by kind and double precision).
            foreach (var d in context.GetCLDevices())
            {
                if (device is null || (device is CLDevice cl && cl.DeviceType != CLDeviceType.CL_DEVICE_TYPE_GPU && d.DeviceType == CLDeviceType.CL_DEVICE_TYPE_GPU))
                {
                    device = d;
                }
            }
            if (device is null)
            {
                reason = kind switch
                {
                    IlgpuDeviceKind.OpenCl => "no OpenCL device with double precision was found",
                    _ => "no Cuda device and no OpenCL GPU with double precision was found (is the driver library on LD_LIBRARY_PATH?)",
                };
                context.Dispose();
                return null;
            }

            var accelerator = device.CreateAccelerator(context);
            reason = "";
            return (context, accelerator);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A missing or broken driver surfaces as DllNotFound, TypeInitialization, Cuda or CL exceptions.
            context?.Dispose();
            reason = $"{e.GetType().Name}: {e.Message}";
            return null;
        }
    }
}
