using ILGPU;
using ILGPU.Runtime;

namespace SciTransfer.Quantum.Backends.Ilgpu;

/// <summary>A single state in device memory (2^(n+1) doubles; 64-bit lengths, so n = 30 fits one view).</summary>
public sealed class IlgpuState : QuantumState
{
    private readonly IlgpuBackend _owner;
    private MemoryBuffer1D<double, Stride1D.Dense>? _buffer;

    internal IlgpuState(IlgpuBackend owner, MemoryBuffer1D<double, Stride1D.Dense> buffer, int qubitCount)
        : base(qubitCount)
    {
        _owner = owner;
        _buffer = buffer;
    }

    /// <summary>The device buffer.</summary>
    internal ArrayView1D<double, Stride1D.Dense> View =>
        (_buffer ?? throw new ObjectDisposedException(nameof(IlgpuState))).View;

    /// <summary>The backend that owns the buffer.</summary>
    internal IlgpuBackend Owner => _owner;

    /// <inheritdoc/>
    public override void Read(Span<double> destination)
    {
        if (destination.Length != DoubleLength)
        {
            throw new ArgumentException($"IlgpuState.Read: destination has {destination.Length} doubles, a {QubitCount}-qubit state has {DoubleLength}");
        }

        _owner.ReadState(this, destination);
    }

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<double> source)
    {
        if (source.Length != DoubleLength)
        {
            throw new ArgumentException($"IlgpuState.Write: {source.Length} doubles for a {QubitCount}-qubit state ({DoubleLength})");
        }

        _owner.WriteState(this, source);
    }

    /// <inheritdoc/>
    public override void Reset() => _owner.ResetState(this);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _owner.ReleaseState(_buffer);
            _buffer = null;
        }
    }
}
