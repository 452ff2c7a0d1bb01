namespace SciTransfer.Quantum.Simulation;

/// <summary>Classical-data encodings into states or data slots.</summary>
public static class Encodings
{
    /// <summary>
    /// Amplitude encoding: writes x / ||x|| as the real amplitudes of a 2^n state (x shorter than 2^n is
    /// zero-padded). Throws for an all-zero vector, which has no normalised state.
    /// </summary>
    public static void Amplitude(ReadOnlySpan<double> features, int qubitCount, Span<double> state)
    {
        int dim = 1 << qubitCount;
        if (features.Length > dim || state.Length != 2 * dim)
        {
            throw new ArgumentException($"Encodings.Amplitude: {features.Length} features into {qubitCount} qubits (state length {state.Length})");
        }

        double norm = 0;
        foreach (double v in features)
        {
            norm += v * v;
        }

        if (!(norm > 0))
        {
            throw new ArgumentException("Encodings.Amplitude: the feature vector has zero norm");
        }

        double inv = 1.0 / Math.Sqrt(norm);
        state.Clear();
        for (int i = 0; i < features.Length; i++)
        {
            state[2 * i] = features[i] * inv;
        }
    }

    /// <summary>
    /// Angle encoding: data slots for <see cref="CircuitBuilder.AngleEncoding"/>: feature i becomes the
    /// RY angle on wire i (the builder's scale multiplies it).
    /// </summary>
    public static void Angle(ReadOnlySpan<double> features, Span<double> dataRow) => features.CopyTo(dataRow);
}
