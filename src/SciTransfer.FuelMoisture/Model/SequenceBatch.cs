using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.FuelMoisture.Model;

/// <summary>
/// Equal-length sequences stacked into one batch: X [B, T, I], Y and W [B, T, 1]. Only the hours up to
/// the last weighted one are kept (later hours cannot change the loss).
/// </summary>
public sealed record SequenceBatch(Tensor X, Tensor Y, Tensor W)
{
    /// <summary>Stacks <paramref name="sequences"/> (all of the same length).</summary>
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

            last = Math.Max(last, Array.FindLastIndex(s.W, v => v != 0) + 1);
        }

        int t = Math.Max(1, last), b = sequences.Count;
        var x = new Tensor(b, t, inputs);
        var y = new Tensor(b, t, 1);
        var w = new Tensor(b, t, 1);
        for (int k = 0; k < b; k++)
        {
            var s = sequences[k];
            s.X.AsSpan(0, t * inputs).CopyTo(x.Span.Slice(k * t * inputs, t * inputs));
            s.Y.AsSpan(0, t).CopyTo(y.Span.Slice(k * t, t));
            s.W.AsSpan(0, t).CopyTo(w.Span.Slice(k * t, t));
        }

        return new SequenceBatch(x, y, w);
    }
}
