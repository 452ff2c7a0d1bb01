namespace SciTransfer.FuelMoisture.Model;

/// <summary>
/// Adam (Kingma &amp; Ba) over a flat parameter span, with bias correction. Entries outside
/// [<paramref name="from"/>, <paramref name="to"/>) are frozen (never updated).
/// </summary>
public sealed class Adam(int parameterCount, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, int from = 0, int to = int.MaxValue)
{
    private readonly double[] _m = new double[parameterCount];
    private readonly double[] _v = new double[parameterCount];
    private readonly int _from = from;
    private readonly int _to = Math.Min(to, parameterCount);
    private int _step;

    /// <summary>Learning rate.</summary>
    public double LearningRate { get; set; } = learningRate;

    /// <summary>One update of <paramref name="parameters"/> with <paramref name="gradient"/>.</summary>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        _step++;
        double c1 = 1 - Math.Pow(beta1, _step), c2 = 1 - Math.Pow(beta2, _step);
        for (int q = _from; q < _to; q++)
        {
            double g = gradient[q];
            _m[q] = (beta1 * _m[q]) + ((1 - beta1) * g);
            _v[q] = (beta2 * _v[q]) + ((1 - beta2) * g * g);
            parameters[q] -= LearningRate * (_m[q] / c1) / (Math.Sqrt(_v[q] / c2) + epsilon);
        }
    }
}
