namespace SciTransfer.FuelMoisture.Model;

/// <summary>
/// Equal-length sequences interleaved into one batch for <see cref="SequencePass"/>: X [T, B, I], Y and W [T, B].
/// Only the hours up to the last weighted one are kept (later hours cannot change the loss).
/// </summary>
public sealed record SequenceBatch(double[] X, double[] Y, double[] W, int Steps, int Count)
{
    /// <summary>Interleaves <paramref name="sequences"/> (all of the same length) into a batch.</summary>
    public static SequenceBatch Create(IReadOnlyList<TrainingSequence> sequences, int inputs)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0)
        {
            throw new ArgumentException("SequenceBatch.Create: no sequences.");
        }

        int length = sequences[0].Length;
        int last = 0;
        foreach (var s in sequences)
        {
            if (s.Length != length)
            {
                throw new ArgumentException($"SequenceBatch.Create: sequences differ in length ({length} and {s.Length} hours).");
            }

            int lw = Array.FindLastIndex(s.W, v => v != 0);
            last = Math.Max(last, lw + 1);
        }

        int t = Math.Max(1, last), b = sequences.Count;
        var x = new double[t * b * inputs];
        var y = new double[t * b];
        var w = new double[t * b];
        for (int k = 0; k < b; k++)
        {
            var s = sequences[k];
            for (int q = 0; q < t; q++)
            {
                int row = (q * b) + k;
                s.X.AsSpan(q * inputs, inputs).CopyTo(x.AsSpan(row * inputs, inputs));
                y[row] = s.Y[q];
                w[row] = s.W[q];
            }
        }

        return new SequenceBatch(x, y, w, t, b);
    }
}
