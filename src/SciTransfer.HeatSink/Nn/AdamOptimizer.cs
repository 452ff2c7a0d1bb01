namespace SciTransfer.HeatSink.Nn;

/// <summary>
/// Adam over a flat parameter array with an optional trainable mask (frozen entries never move).
/// Its state (moments, step count) belongs to the optimizer, never to the model: restoring a model
/// and creating a fresh optimizer is always valid.
/// </summary>
public sealed class AdamOptimizer
{
    private readonly double[] _m;
    private readonly double[] _v;
    private readonly bool[]? _trainable;
    private int _t;

    /// <summary>Creates the optimizer for <paramref name="count"/> parameters.</summary>
    public AdamOptimizer(int count, double learningRate, bool[]? trainable = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        if (trainable is not null && trainable.Length != count)
        {
            throw new ArgumentException($"AdamOptimizer: mask has {trainable.Length} entries for {count} parameters");
        }

        _m = new double[count];
        _v = new double[count];
        _trainable = trainable;
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Step size.</summary>
    public double LearningRate { get; set; }

    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; }

    /// <summary>Second-moment decay.</summary>
    public double Beta2 { get; }

    /// <summary>Denominator guard.</summary>
    public double Epsilon { get; }

    /// <summary>One update of <paramref name="parameters"/> from <paramref name="gradient"/>.</summary>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        if (parameters.Length != _m.Length || gradient.Length != _m.Length)
        {
            throw new ArgumentException($"AdamOptimizer.Step: sizes {parameters.Length}/{gradient.Length}, expected {_m.Length}");
        }

        _t++;
        double c1 = 1 - Math.Pow(Beta1, _t);
        double c2 = 1 - Math.Pow(Beta2, _t);
        for (int i = 0; i < _m.Length; i++)
        {
            if (_trainable is not null && !_trainable[i])
            {
                continue;
            }

            double g = gradient[i];
            _m[i] = (Beta1 * _m[i]) + ((1 - Beta1) * g);
            _v[i] = (Beta2 * _v[i]) + ((1 - Beta2) * g * g);
            parameters[i] -= LearningRate * (_m[i] / c1) / (Math.Sqrt(_v[i] / c2) + Epsilon);
        }
    }
}
