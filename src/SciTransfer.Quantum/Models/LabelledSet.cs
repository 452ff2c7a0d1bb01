namespace SciTransfer.Quantum.Models;

/// <summary>
/// A labelled data set: classical features (Count x FeatureCount, e.g. 8 angles or 8 correlators),
/// optional quantum states (Count x 2^(n+1) interleaved amplitudes) and labels 0..Classes-1 (0/1 when binary).
/// </summary>
public sealed class LabelledSet
{
    /// <summary>Wraps the arrays (not copied).</summary>
    public LabelledSet(int featureCount, double[] features, int[] labels, double[]? states = null, int stateDoubles = 0, int classes = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (features.Length != labels.Length * featureCount)
        {
            throw new ArgumentException($"LabelledSet: {features.Length} feature values for {labels.Length} samples x {featureCount}");
        }

        if (states is not null && states.Length != labels.Length * stateDoubles)
        {
            throw new ArgumentException($"LabelledSet: {states.Length} state values for {labels.Length} samples x {stateDoubles}");
        }

        FeatureCount = featureCount;
        Features = features;
        Labels = labels;
        States = states;
        StateDoubles = stateDoubles;
        Classes = classes;
    }

    /// <summary>Number of classes k (labels 0..k-1).</summary>
    public int Classes { get; }

    /// <summary>Samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Features per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>Count x FeatureCount.</summary>
    public double[] Features { get; }

    /// <summary>Labels 0..Classes-1.</summary>
    public int[] Labels { get; }

    /// <summary>Count x StateDoubles, or null.</summary>
    public double[]? States { get; }

    /// <summary>Doubles per state (2^(n+1)).</summary>
    public int StateDoubles { get; }

    /// <summary>The rows listed in <paramref name="indices"/>, as a new set.</summary>
    public LabelledSet Subset(ReadOnlySpan<int> indices)
    {
        var f = new double[indices.Length * FeatureCount];
        var y = new int[indices.Length];
        double[]? s = States is null ? null : new double[indices.Length * StateDoubles];
        for (int i = 0; i < indices.Length; i++)
        {
            int r = indices[i];
            Features.AsSpan(r * FeatureCount, FeatureCount).CopyTo(f.AsSpan(i * FeatureCount));
            y[i] = Labels[r];
            States?.AsSpan(r * StateDoubles, StateDoubles).CopyTo(s.AsSpan(i * StateDoubles));
        }

        return new LabelledSet(FeatureCount, f, y, s, StateDoubles, Classes);
    }
}
