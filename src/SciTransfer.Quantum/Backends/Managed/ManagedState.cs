namespace SciTransfer.Quantum.Backends.Managed;

/// <summary>A single state in host memory (interleaved complex128), 64-byte aligned.</summary>
public sealed class ManagedState : QuantumState
{
    private readonly double[] _buffer;

    internal ManagedState(int qubitCount)
        : base(qubitCount)
    {
        int length = checked((int)DoubleLength);

        // Pinned (the pinned heap never moves an object) so that an offset chosen once keeps the amplitudes on a 64-byte
        // boundary: an array's data starts 16 bytes into its object, which splits every 64-byte vector load over two
        // cache lines and cost the blocked middle-wire kernels up to 40 % (docs/quantum.md).
        _buffer = GC.AllocateUninitializedArray<double>(length + 7, pinned: true);
        int offset;
        unsafe
        {
            fixed (double* p = _buffer)
            {
                offset = (int)((64 - ((nint)p & 63)) & 63) / sizeof(double);
            }
        }

        Amplitudes = new Memory<double>(_buffer, offset, length);
        Reset();
    }

    /// <summary>The amplitudes, 2^(n+1) doubles, starting on a 64-byte boundary.</summary>
    internal Memory<double> Amplitudes { get; }

    /// <inheritdoc/>
    public override void Read(Span<double> destination) => Amplitudes.Span.CopyTo(destination);

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<double> source)
    {
        if (source.Length != Amplitudes.Length)
        {
            throw new ArgumentException($"ManagedState.Write: {source.Length} doubles for a {QubitCount}-qubit state ({Amplitudes.Length})");
        }

        source.CopyTo(Amplitudes.Span);
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        var a = Amplitudes.Span;
        a.Clear();
        a[0] = 1.0;
    }
}
