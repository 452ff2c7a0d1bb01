namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// Adam (Kingma and Ba 2015; beta1 0.9, beta2 0.999, epsilon 1e-8, bias-corrected) on a balancer's own variables
/// (term weights, point weights): the optimiser step the papers use for learnable weights, kept separate from the
/// network's optimiser so the weights have their own learning rate and moment estimates.
/// </summary>
public sealed class AdamVector
{
    private readonly double[] _m;
    private readonly double[] _v;
    private readonly double _learningRate;
    private int _t;

    /// <summary>State for <paramref name="length"/> variables moved with step size <paramref name="learningRate"/>.</summary>
    public AdamVector(int length, double learningRate)
    {
        if (!(learningRate > 0))
        {
            throw new ArgumentException($"AdamVector: learning rate must be positive, got {learningRate}");
        }

        _m = new double[length];
        _v = new double[length];
        _learningRate = learningRate;
    }

    /// <summary>Number of variables.</summary>
    public int Length => _m.Length;

    /// <summary>
    /// One step on <paramref name="x"/> along -<paramref name="gradient"/> (descent) or +<paramref name="gradient"/>
    /// (<paramref name="ascent"/>): x -= lr m_hat / (sqrt(v_hat) + 1e-8), sign flipped for ascent.
    /// </summary>
    public void Step(Span<double> x, ReadOnlySpan<double> gradient, bool ascent = false)
    {
        if (x.Length != _m.Length || gradient.Length != _m.Length)
        {
            throw new ArgumentException($"AdamVector.Step: {x.Length} variables and {gradient.Length} gradients for a state of {_m.Length}");
        }

        _t++;
        double c1 = 1 - Math.Pow(0.9, _t);
        double c2 = 1 - Math.Pow(0.999, _t);
        double sign = ascent ? 1.0 : -1.0;
        for (int i = 0; i < x.Length; i++)
        {
            double g = gradient[i];
            _m[i] = (0.9 * _m[i]) + (0.1 * g);
            _v[i] = (0.999 * _v[i]) + (0.001 * g * g);
            x[i] += sign * _learningRate * (_m[i] / c1) / (Math.Sqrt(_v[i] / c2) + 1e-8);
        }
    }
}
