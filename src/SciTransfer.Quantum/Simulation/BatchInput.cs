namespace SciTransfer.Quantum.Simulation;

/// <summary>
/// Per-sample inputs of a batched run: a data matrix for the circuit's data slots (row-major,
/// Count x DataWidth) and optional initial states (Count x 2^n interleaved complex, e.g. amplitude
/// encodings); without initial states every sample starts in |0...0>.
/// </summary>
public sealed class BatchInput
{
    /// <summary>Creates a batch of <paramref name="count"/> samples.</summary>
    public BatchInput(int count, int dataWidth, ReadOnlyMemory<double> data, ReadOnlyMemory<double> initialStates = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(dataWidth);
        if (data.Length != count * dataWidth)
        {
            throw new ArgumentException($"BatchInput: data has {data.Length} values, expected {count} x {dataWidth}", nameof(data));
        }

        Count = count;
        DataWidth = dataWidth;
        Data = data;
        InitialStates = initialStates;
    }

    /// <summary>A batch of samples that all start in |0...0> and have no data.</summary>
    public static BatchInput Empty(int count) => new(count, 0, ReadOnlyMemory<double>.Empty);

    /// <summary>Number of samples B.</summary>
    public int Count { get; }

    /// <summary>Data slots per sample D.</summary>
    public int DataWidth { get; }

    /// <summary>B x D data values.</summary>
    public ReadOnlyMemory<double> Data { get; }

    /// <summary>B x 2^(n+1) doubles, or empty for |0...0>.</summary>
    public ReadOnlyMemory<double> InitialStates { get; }

    /// <summary>True when initial states are given.</summary>
    public bool HasInitialStates => !InitialStates.IsEmpty;

    /// <summary>Row <paramref name="b"/> of the data matrix.</summary>
    public ReadOnlySpan<double> DataRow(int b) => Data.Span.Slice(b * DataWidth, DataWidth);
}
