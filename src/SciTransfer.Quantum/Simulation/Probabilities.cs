namespace SciTransfer.Quantum.Simulation;

/// <summary>Born-rule probabilities of states returned by <see cref="Backends.QuantumBackend.Run"/>.</summary>
public static class Probabilities
{
    /// <summary>p[i] = |psi_i|^2 for every basis state (destination length 2^n).</summary>
    public static void Full(ReadOnlySpan<double> state, Span<double> destination)
    {
        int dim = state.Length / 2;
        if (destination.Length != dim)
        {
            throw new ArgumentException($"Probabilities.Full: destination has {destination.Length} entries, state has {dim} amplitudes");
        }

        for (int i = 0; i < dim; i++)
        {
            destination[i] = (state[2 * i] * state[2 * i]) + (state[(2 * i) + 1] * state[(2 * i) + 1]);
        }
    }

    /// <summary>
    /// Marginal distribution of the listed wires: destination[k] = P(wire w_j = bit j of k for all j)
    /// (destination length 2^wires.Length; wires[0] is the least significant bit of k).
    /// </summary>
    public static void Marginal(ReadOnlySpan<double> state, ReadOnlySpan<int> wires, Span<double> destination)
    {
        if (destination.Length != 1 << wires.Length)
        {
            throw new ArgumentException($"Probabilities.Marginal: destination has {destination.Length} entries, {wires.Length} wires need {1 << wires.Length}");
        }

        destination.Clear();
        int dim = state.Length / 2;
        for (int i = 0; i < dim; i++)
        {
            int k = 0;
            for (int j = 0; j < wires.Length; j++)
            {
                k |= ((i >> wires[j]) & 1) << j;
            }

            destination[k] += (state[2 * i] * state[2 * i]) + (state[(2 * i) + 1] * state[(2 * i) + 1]);
        }
    }
}
