using static SciTransfer.Quantum.Backends.OpenCl.OpenClNative;

namespace SciTransfer.Quantum.Backends.OpenCl;

/// <summary>A single state in an OpenCL device buffer; gates run on it without host round trips.</summary>
public sealed unsafe class OpenClState : QuantumState
{
    private readonly OpenClDevice _device;
    private readonly Lock _gate;

    // gate: the backend's lock; kernel objects (and their arguments) are shared, so launches are serialised.
    internal OpenClState(OpenClDevice device, Lock gate, int qubitCount)
        : base(qubitCount)
    {
        _device = device;
        _gate = gate;
        Buffer = device.CreateBuffer(MemReadWrite, DoubleLength * sizeof(double), null);
        Reset();
    }

    internal nint Buffer { get; private set; }

    /// <inheritdoc/>
    public override void Read(Span<double> destination)
    {
        if (destination.Length != DoubleLength)
        {
            throw new ArgumentException($"OpenClState.Read: {destination.Length} doubles for a {QubitCount}-qubit state");
        }

        fixed (double* p = destination)
        {
            Check(clEnqueueReadBuffer(_device.Queue, Buffer, 1, 0, (nuint)(DoubleLength * sizeof(double)), p, 0, null, null), "clEnqueueReadBuffer");
        }
    }

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<double> source)
    {
        if (source.Length != DoubleLength)
        {
            throw new ArgumentException($"OpenClState.Write: {source.Length} doubles for a {QubitCount}-qubit state");
        }

        fixed (double* p = source)
        {
            Check(clEnqueueWriteBuffer(_device.Queue, Buffer, 1, 0, (nuint)(DoubleLength * sizeof(double)), p, 0, null, null), "clEnqueueWriteBuffer");
        }
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        lock (_gate)
        {
            nint k = _device.Kernel("set_basis_zero");
            nint buf = Buffer;
            Check(clSetKernelArg(k, 0, (nuint)sizeof(nint), &buf), "clSetKernelArg");
            nuint global = (nuint)(1L << QubitCount);
            Check(clEnqueueNDRangeKernel(_device.Queue, k, 1, null, &global, null, 0, null, null), "clEnqueueNDRangeKernel set_basis_zero");
            Check(clFinish(_device.Queue), "clFinish");
        }
    }

    /// <summary>Waits for queued gates.</summary>
    public void Synchronize() => Check(clFinish(_device.Queue), "clFinish");

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (Buffer != 0)
        {
            clReleaseMemObject(Buffer);
            Buffer = 0;
        }
    }
}
