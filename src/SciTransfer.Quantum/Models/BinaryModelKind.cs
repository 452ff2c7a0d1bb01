namespace SciTransfer.Quantum.Models;

/// <summary>
/// A binary classifier family with a flat parameter vector: the QCNN or its classical baseline.
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

    /// <summary>Random initial parameters.</summary>
    public abstract double[] Initialize(Core.Random.Rng rng);

    /// <summary>p(label 1) for every sample of <paramref name="data"/>.</summary>
    public abstract void Probabilities(double[] parameters, LabelledSet data, Span<double> probabilities);

    /// <summary>Mean binary cross-entropy on <paramref name="batch"/> and its gradient (overwritten).</summary>
    public abstract double LossAndGradient(double[] parameters, LabelledSet batch, Span<double> gradient);

    /// <summary>Fraction of samples whose p(label 1) >= 0.5 matches the label.</summary>
    public double Accuracy(double[] parameters, LabelledSet data)
    {
        if (data.Count == 0)
        {
            return double.NaN;
        }

        var p = new double[data.Count];
        Probabilities(parameters, data, p);
        int correct = 0;
        for (int i = 0; i < p.Length; i++)
        {
            correct += (p[i] >= 0.5 ? 1 : 0) == data.Labels[i] ? 1 : 0;
        }

        return (double)correct / data.Count;
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
