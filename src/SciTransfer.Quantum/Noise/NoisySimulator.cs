using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Noise;

/// <summary>
/// Runs a <see cref="CompiledCircuit"/> on a <see cref="DensityMatrix"/> with <see cref="NoiseModel"/> gate noise:
/// each gate U then the depolarising channel on the gate's support, then amplitude damping on each wire of it.
/// State preparation (|0...0&gt; or an amplitude-encoded initial state) is taken as noiseless.
/// </summary>
public static class NoisySimulator
{
    /// <summary>The final density matrix of one sample.</summary>
    /// <param name="circuit">At most <see cref="DensityMatrix.MaxQubits"/> qubits.</param>
    /// <param name="parameters">Trainable parameters (circuit.ParameterCount).</param>
    /// <param name="dataRow">The sample's data slots (circuit.DataWidth).</param>
    /// <param name="noise">Gate noise.</param>
    /// <param name="initialState">Optional pure initial state (2^(n+1) doubles); empty for |0...0&gt;.</param>
    public static DensityMatrix Run(CompiledCircuit circuit, ReadOnlySpan<double> parameters, ReadOnlySpan<double> dataRow, NoiseModel noise, ReadOnlySpan<double> initialState = default)
    {
        if (circuit.QubitCount > DensityMatrix.MaxQubits)
        {
            throw new NotSupportedException($"NoisySimulator: {circuit.QubitCount} qubits; density-matrix simulation is limited to {DensityMatrix.MaxQubits}");
        }

        var rho = initialState.IsEmpty ? DensityMatrix.Zero(circuit.QubitCount) : DensityMatrix.FromPure(initialState, circuit.QubitCount);
        Span<int> support = stackalloc int[circuit.QubitCount];
        foreach (var op in circuit.Ops)
        {
            rho.ApplyGate(op, parameters, dataRow);
            if (noise.IsNoiseless)
            {
                continue;
            }

            int k = 0;
            for (int q = 0; q < circuit.QubitCount; q++)
            {
                if (q == op.Target0 || q == op.Target1 || (op.ControlMask & (1L << q)) != 0)
                {
                    support[k++] = q;
                }
            }

            rho.Depolarize(support[..k], noise.Depolarizing);
            for (int t = 0; t < k; t++)
            {
                rho.AmplitudeDamp(support[t], noise.AmplitudeDamping);
            }
        }

        return rho;
    }
}
