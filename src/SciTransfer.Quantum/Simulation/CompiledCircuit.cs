namespace SciTransfer.Quantum.Simulation;

/// <summary>
/// An immutable gate list over <see cref="QubitCount"/> wires with parameter slots: trainable
/// parameters (shared by a batch) and per-sample data slots. Built with <see cref="CircuitBuilder"/>.
/// </summary>
public sealed class CompiledCircuit
{
    internal CompiledCircuit(int qubitCount, IReadOnlyList<GateOp> ops, int parameterCount, int dataWidth)
    {
        QubitCount = qubitCount;
        Ops = ops;
        ParameterCount = parameterCount;
        DataWidth = dataWidth;
    }

    /// <summary>Number of qubits n; a state has 2^n complex amplitudes.</summary>
    public int QubitCount { get; }

    /// <summary>Gates in application order.</summary>
    public IReadOnlyList<GateOp> Ops { get; }

    /// <summary>Length of the trainable parameter vector.</summary>
    public int ParameterCount { get; }

    /// <summary>Data slots per sample (columns of the batch's data matrix).</summary>
    public int DataWidth { get; }

    /// <summary>Amplitudes per state, 2^n.</summary>
    public int Dimension => 1 << QubitCount;

    /// <summary>The inverse circuit U^dagger: gates reversed, each replaced by its adjoint as a fixed matrix.</summary>
    public CompiledCircuit InverseFor(ReadOnlySpan<double> parameters, ReadOnlySpan<double> dataRow)
    {
        var ops = new List<GateOp>(Ops.Count);
        Span<double> angles = stackalloc double[3];
        Span<double> m = stackalloc double[32];
        for (int i = Ops.Count - 1; i >= 0; i--)
        {
            var op = Ops[i];
            op.ResolveAngles(parameters, dataRow, angles);
            op.FillMatrix(angles, m);
            int d = op.Arity == 1 ? 2 : 4;
            var dagger = new double[2 * d * d];
            GateMatrices.Dagger(m, d, dagger);
            ops.Add(new GateOp(op.Arity == 1 ? GateKind.Unitary1 : GateKind.Unitary2, op.Target0, op.Target1, op.ControlMask, [], dagger));
        }

        return new CompiledCircuit(QubitCount, ops, 0, 0);
    }
}
