using System.Text;
using static SciTransfer.Quantum.Backends.OpenCl.OpenClNative;

namespace SciTransfer.Quantum.Backends.OpenCl;

/// <summary>
/// The first OpenCL device with double precision: context, in-order queue, built program and kernels.
/// One per backend instance; calls are serialised by the backend.
/// </summary>
internal sealed unsafe class OpenClDevice : IDisposable
{
    private readonly Dictionary<string, nint> _kernels = new(StringComparer.Ordinal);
    private nint _context;
    private nint _queue;
    private nint _program;

    private OpenClDevice(nint device, string name, long localMemBytes, int maxWorkGroup, bool isCpu)
    {
        IsCpu = isCpu;
        Device = device;
        Name = name;
        LocalMemBytes = localMemBytes;
        MaxWorkGroupSize = maxWorkGroup;
    }

    public nint Device { get; }

    /// <summary>True for CPU devices (pocl): one work-item per sample group avoids barrier overhead there.</summary>
    public bool IsCpu { get; }

    public string Name { get; }

    public long LocalMemBytes { get; }

    public int MaxWorkGroupSize { get; }

    public nint Queue => _queue;

    public nint Context => _context;

    /// <summary>Finds a device with cl_khr_fp64, or returns null with the reason.</summary>
    public static OpenClDevice? TryOpen(out string reason)
    {
        if (!System.Runtime.InteropServices.NativeLibrary.TryLoad(Library, out nint handle))
        {
            reason = $"{Library} not found";
            return null;
        }

        System.Runtime.InteropServices.NativeLibrary.Free(handle);
        uint np = 0;
        if (clGetPlatformIDs(0, null, &np) != 0 || np == 0)
        {
            reason = "no OpenCL platform (no ICD installed)";
            return null;
        }

        var platforms = new nint[np];
        fixed (nint* pp = platforms)
        {
            Check(clGetPlatformIDs(np, pp, null), "clGetPlatformIDs");
        }

        foreach (var platform in platforms)
        {
            uint nd = 0;
            if (clGetDeviceIDs(platform, DeviceTypeAll, 0, null, &nd) != 0 || nd == 0)
            {
                continue;
            }

            var devices = new nint[nd];
            fixed (nint* pd = devices)
            {
                Check(clGetDeviceIDs(platform, DeviceTypeAll, nd, pd, null), "clGetDeviceIDs");
            }

            foreach (var d in devices)
            {
                if (!InfoString(d, DeviceExtensions).Contains("cl_khr_fp64", StringComparison.Ordinal))
                {
                    continue;
                }

                ulong local = 0, type = 0;
                nuint wg = 0;
                clGetDeviceInfo(d, DeviceType, (nuint)sizeof(ulong), &type, null);
                clGetDeviceInfo(d, DeviceLocalMemSize, (nuint)sizeof(ulong), &local, null);
                clGetDeviceInfo(d, DeviceMaxWorkGroupSize, (nuint)sizeof(nuint), &wg, null);
                var dev = new OpenClDevice(d, InfoString(d, DeviceName).Trim(), (long)local, (int)Math.Min(wg, 1024u), (type & DeviceTypeCpu) != 0);
                dev.Initialise();
                reason = "";
                return dev;
            }
        }

        reason = "no OpenCL device supports double precision (cl_khr_fp64)";
        return null;
    }

    public nint Kernel(string name)
    {
        if (!_kernels.TryGetValue(name, out nint k))
        {
            int err;
            byte[] bytes = Encoding.ASCII.GetBytes(name + "\0");
            fixed (byte* pb = bytes)
            {
                k = clCreateKernel(_program, pb, &err);
            }

            Check(err, "clCreateKernel " + name);
            _kernels[name] = k;
        }

        return k;
    }

    public nint CreateBuffer(ulong flags, long bytes, void* host)
    {
        int err;
        nint b = clCreateBuffer(_context, flags | (host is null ? 0 : MemCopyHostPtr), (nuint)Math.Max(bytes, 8), host, &err);
        Check(err, $"clCreateBuffer ({bytes} bytes)");
        return b;
    }

    public void Dispose()
    {
        foreach (var k in _kernels.Values)
        {
            clReleaseKernel(k);
        }

        _kernels.Clear();
        if (_program != 0)
        {
            clReleaseProgram(_program);
            _program = 0;
        }

        if (_queue != 0)
        {
            clReleaseCommandQueue(_queue);
            _queue = 0;
        }

        if (_context != 0)
        {
            clReleaseContext(_context);
            _context = 0;
        }
    }

    private void Initialise()
    {
        int err;
        nint dev = Device;
        _context = clCreateContext(null, 1, &dev, 0, 0, &err);
        Check(err, "clCreateContext");
        _queue = clCreateCommandQueue(_context, dev, 0, &err);
        Check(err, "clCreateCommandQueue");
        byte[] src = Encoding.ASCII.GetBytes(OpenClKernels.Source);
        fixed (byte* ps = src)
        {
            byte* p = ps;
            nuint len = (nuint)src.Length;
            _program = clCreateProgramWithSource(_context, 1, &p, &len, &err);
        }

        Check(err, "clCreateProgramWithSource");
        byte[] options = Encoding.ASCII.GetBytes("-cl-std=CL1.2\0");
        int build;
        fixed (byte* po = options)
        {
            build = clBuildProgram(_program, 1, &dev, po, 0, 0);
        }

        if (build != 0)
        {
            nuint size = 0;
            clGetProgramBuildInfo(_program, dev, ProgramBuildLog, 0, null, &size);
            var log = new byte[(int)size];
            fixed (byte* pl = log)
            {
                clGetProgramBuildInfo(_program, dev, ProgramBuildLog, size, pl, null);
            }

            throw new InvalidOperationException($"OpenCL clBuildProgram failed ({build}) on {Name}:\n{Encoding.ASCII.GetString(log)}");
        }
    }

    private static string InfoString(nint device, uint param)
    {
        nuint size = 0;
        if (clGetDeviceInfo(device, param, 0, null, &size) != 0 || size == 0)
        {
            return "";
        }

        var buf = new byte[(int)size];
        fixed (byte* pb = buf)
        {
            clGetDeviceInfo(device, param, size, pb, null);
        }

        return Encoding.ASCII.GetString(buf).TrimEnd('\0');
    }
}
