namespace SciTransfer.Quantum.Backends.Ilgpu;

/// <summary>Scalar arguments shared by the ILGPU kernels (one struct keeps the kernel signatures short).</summary>
internal struct IlgpuKernelArgs
{
    /// <summary>Qubits n of each state.</summary>
    public int N;

    /// <summary>Gates in the op table.</summary>
    public int OpCount;

    /// <summary>Data slots per sample (row length of the data matrix).</summary>
    public int DataWidth;

    /// <summary>1 when initial states are given (else |0...0>).</summary>
    public int HasInit;

    /// <summary>0: final states; 1: expectation values; 2: values and adjoint gradient terms.</summary>
    public int Mode;

    /// <summary>Pauli X mask of the observable.</summary>
    public long XMask;

    /// <summary>Pauli Y mask of the observable.</summary>
    public long YMask;

    /// <summary>Pauli Z mask of the observable.</summary>
    public long ZMask;

    /// <summary>Samples B of the whole call (row stride of the occurrence and per-sample matrix tables).</summary>
    public int SampleCount;

    /// <summary>First sample of this launch (global-memory path runs the batch in chunks).</summary>
    public int SampleOffset;

    /// <summary>Wires held in one shared-memory tile (tile kernel).</summary>
    public int TileQubits;

    /// <summary>The wires a tile holds (TileQubits of them; the tile's local index deposits into these bits).</summary>
    public long TileMask;

    /// <summary>First gate of a tile run.</summary>
    public int GateStart;

    /// <summary>One past the last gate of a tile run.</summary>
    public int GateEnd;

    /// <summary>The gate of a single-gate kernel.</summary>
    public int Gate;

    /// <summary>1: apply the adjoint.</summary>
    public int Adjoint;

    /// <summary>Angle of <see cref="Gate"/> whose gradient term the element kernel computes.</summary>
    public int Angle;
}
