namespace SciTransfer.Quantum.Backends.Managed;

/// <summary>A single state in host memory (interleaved complex128).</summary>
public sealed class ManagedState : QuantumState
{
    internal ManagedState(int qubitCount)
        : base(qubitCount)
    {
        Amplitudes = GC.AllocateUninitializedArray<double>(checked((int)DoubleLength), pinned: false);
        Reset();
    }

    /// <summary>The amplitudes, 2^(n+1) doubles.</summary>
    internal double[] Amplitudes { get; }

    /// <inheritdoc/>
    public override void Read(Span<double> destination) => Amplitudes.CopyTo(destination);

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<double> source)
    {
        if (source.Length != Amplitudes.Length)
        {
            throw new ArgumentException($"ManagedState.Write: {source.Length} doubles for a {QubitCount}-qubit state ({Amplitudes.Length})");
        }

        source.CopyTo(Amplitudes);
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        Array.Clear(Amplitudes);
        Amplitudes[0] = 1.0;
    }
}
