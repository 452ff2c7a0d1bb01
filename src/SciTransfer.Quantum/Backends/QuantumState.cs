namespace SciTransfer.Quantum.Backends;

/// <summary>A single n-qubit state owned by a backend (host memory or a device buffer).</summary>
public abstract class QuantumState : IDisposable
{
    /// <summary>Wraps a state of <paramref name="qubitCount"/> qubits.</summary>
    protected QuantumState(int qubitCount) => QubitCount = qubitCount;

    /// <summary>Number of qubits n.</summary>
    public int QubitCount { get; }

    /// <summary>2^(n+1): doubles in the interleaved amplitude array.</summary>
    public long DoubleLength => 2L << QubitCount;

    /// <summary>Copies the amplitudes out (interleaved complex).</summary>
    public abstract void Read(Span<double> destination);

    /// <summary>Overwrites the amplitudes (interleaved complex).</summary>
    public abstract void Write(ReadOnlySpan<double> source);

    /// <summary>Resets to |0...0>.</summary>
    public abstract void Reset();

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the storage.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
