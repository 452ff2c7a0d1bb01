namespace SciTransfer.Quantum.Models;

/// <summary>
/// A classifier family with a flat parameter vector: the QCNN or its classical baseline. Binary (<see cref="Classes"/>
/// = 2: one probability p(label 1)) unless a subclass reads out k &gt; 2 classes (labels 0..k-1, argmax decision).
/// Implementations are stateless and thread-safe (cells call them in parallel).
/// </summary>
public abstract class BinaryModelKind
{
    /// <summary>"qcnn" or "classical".</summary>
    public abstract string Name { get; }

    /// <summary>Length of the parameter vector.</summary>
    public abstract int ParameterCount { get; }

    /// <summary>Parameters the freeze-conv strategy keeps fixed (conv blocks / the first layer).</summary>
    public abstract bool[] FrozenByFreezeConv { get; }

    /// <summary>
    /// Parameters that are biases (what bitfit trains), or null when the model has no separate biases (the QCNN,
    /// whose parameters are all gate angles).
    /// </summary>
    public virtual bool[]? BiasParameters => null;

    /// <summary>
    /// The weight matrices inside the parameter vector (what lora adapts), or null when the model has none (the QCNN:
    /// gate angles, no linear layers).
    /// </summary>
    public virtual IReadOnlyList<FlatMatrixBlock>? WeightMatrices => null;

    /// <summary>Number of classes k (labels 0..k-1); 2 for the binary models.</summary>
    public virtual int Classes => 2;

    /// <summary>Random initial parameters.</summary>
    public abstract double[] Initialize(Core.Random.Rng rng);

    /// <summary>p(label 1) for every sample of <paramref name="data"/> (with k &gt; 2 classes: P(class 1)).</summary>
    public abstract void Probabilities(double[] parameters, LabelledSet data, Span<double> probabilities);

    /// <summary>Mean cross-entropy (binary, or over k classes) on <paramref name="batch"/> and its gradient (overwritten).</summary>
    public abstract double LossAndGradient(double[] parameters, LabelledSet batch, Span<double> gradient);

    /// <summary>The predicted label of every sample: 1 when p(label 1) &gt;= 0.5 (k-class models: the most probable class).</summary>
    public virtual int[] Classify(double[] parameters, LabelledSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var p = new double[data.Count];
        Probabilities(parameters, data, p);
        return [.. p.Select(q => q >= 0.5 ? 1 : 0)];
    }

    /// <summary>Fraction of samples whose predicted label (<see cref="Classify"/>) matches the label.</summary>
    public double Accuracy(double[] parameters, LabelledSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            return double.NaN;
        }

        var predicted = Classify(parameters, data);
        int correct = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            correct += predicted[i] == data.Labels[i] ? 1 : 0;
        }

        return (double)correct / data.Count;
    }

    /// <summary>Index of the largest of <paramref name="values"/> (the first on ties).</summary>
    protected static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int c = 1; c < values.Length; c++)
        {
            best = values[c] > values[best] ? c : best;
        }

        return best;
    }

    /// <summary>Binary cross-entropy of one probability, clamped away from 0 and 1.</summary>
    protected static double CrossEntropy(double p, int label, out double dLossDp)
    {
        const double Eps = 1e-9;
        double pc = Math.Clamp(p, Eps, 1 - Eps);
        dLossDp = label == 1 ? -1.0 / pc : 1.0 / (1.0 - pc);
        if (p != pc)
        {
            dLossDp = 0;
        }

        return label == 1 ? -Math.Log(pc) : -Math.Log(1 - pc);
    }
}
