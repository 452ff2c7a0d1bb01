namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// Uncertainty weighting (Kendall, Gal and Cipolla 2018): L = sum_k exp(-s_k) L_k / 2 + s_k / 2 with learnable
/// log-variances s_k = log sigma_k^2, moved by Adam on dL/ds_k = (1 - exp(-s_k) L_k) / 2. At the optimum
/// sigma_k^2 = L_k, so a term's weight w_k = exp(-s_k)/2 grows as its loss shrinks. This is the seed paper's
/// "learnable blending" of the data and physics losses.
/// </summary>
public sealed class UncertaintyWeighting : ILossBalancer
{
    private readonly double[] _s;
    private readonly double[] _w;
    private readonly double[] _m;
    private readonly double[] _v;
    private readonly double _lr;
    private int _t;

    /// <summary>Starts with s_k = 0 (w_k = 1/2) and Adam learning rate <paramref name="learningRate"/> on s.</summary>
    public UncertaintyWeighting(int terms, double learningRate = 1e-2)
    {
        _s = new double[terms];
        _w = new double[terms];
        _m = new double[terms];
        _v = new double[terms];
        _lr = learningRate;
        Recompute();
    }

    /// <inheritdoc/>
    public string Name => "uncertainty";

    /// <inheritdoc/>
    public IReadOnlyList<double> Weights => _w;

    /// <summary>Log-variances s_k.</summary>
    public IReadOnlyList<double> LogVariances => _s;

    /// <inheritdoc/>
    public bool NeedsTermGradients(int step) => false;

    /// <inheritdoc/>
    public void Update(int step, ReadOnlySpan<double> losses, IReadOnlyList<double[]>? termGradients)
    {
        _t++;
        for (int k = 0; k < _s.Length; k++)
        {
            double g = 0.5 * (1 - (Math.Exp(-_s[k]) * losses[k]));
            _m[k] = (0.9 * _m[k]) + (0.1 * g);
            _v[k] = (0.999 * _v[k]) + (0.001 * g * g);
            double mh = _m[k] / (1 - Math.Pow(0.9, _t));
            double vh = _v[k] / (1 - Math.Pow(0.999, _t));
            _s[k] -= _lr * mh / (Math.Sqrt(vh) + 1e-8);
        }

        Recompute();
    }

    private void Recompute()
    {
        for (int k = 0; k < _s.Length; k++)
        {
            _w[k] = 0.5 * Math.Exp(-_s[k]);
        }
    }
}
