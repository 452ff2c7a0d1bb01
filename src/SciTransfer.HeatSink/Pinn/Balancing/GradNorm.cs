namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// GradNorm (Chen et al. 2018): learnable weights w_k. With G_k = w_k ||grad L_k|| (over all network parameters),
/// r_k = (L_k / L_k(0)) / mean_j(L_j / L_j(0)) and target G* = mean(G) r_k^alpha (held constant), the weights
/// take a gradient step on sum_k |G_k - G*_k| (d/dw_k = sign(G_k - G*_k) ||grad L_k||) and are renormalised to
/// sum K. Terms that train slower (larger r_k) or have small gradients get larger weights.
/// </summary>
public sealed class GradNorm : ILossBalancer
{
    private readonly double[] _w;
    private readonly double[] _initial;
    private readonly double _alpha;
    private readonly double _learningRate;
    private bool _started;

    /// <summary>Creates the scheme with asymmetry <paramref name="alpha"/> and weight learning rate.</summary>
    public GradNorm(int terms, double alpha = 1.5, double learningRate = 0.025)
    {
        _w = new double[terms];
        Array.Fill(_w, 1.0);
        _initial = new double[terms];
        _alpha = alpha;
        _learningRate = learningRate;
    }

    /// <inheritdoc/>
    public string Name => "gradnorm";

    /// <inheritdoc/>
    public IReadOnlyList<double> Weights => _w;

    /// <inheritdoc/>
    public bool NeedsTermGradients(int step) => true;

    /// <inheritdoc/>
    public void Update(int step, ReadOnlySpan<double> losses, IReadOnlyList<double[]>? termGradients)
    {
        ArgumentNullException.ThrowIfNull(termGradients);
        int k = _w.Length;
        if (!_started)
        {
            losses.CopyTo(_initial);
            _started = true;
        }

        Span<double> norms = stackalloc double[k];
        Span<double> ratio = stackalloc double[k];
        double meanG = 0;
        double meanRatio = 0;
        for (int i = 0; i < k; i++)
        {
            double s = 0;
            foreach (double g in termGradients[i])
            {
                s += g * g;
            }

            norms[i] = Math.Sqrt(s);
            meanG += _w[i] * norms[i] / k;
            ratio[i] = losses[i] / (_initial[i] + 1e-300);
            meanRatio += ratio[i] / k;
        }

        double sum = 0;
        for (int i = 0; i < k; i++)
        {
            double target = meanG * Math.Pow(ratio[i] / meanRatio, _alpha);
            double gi = _w[i] * norms[i];
            double step1 = Math.Sign(gi - target) * norms[i];

            // Normalise the step by the mean gradient so the learning rate is scale free.
            _w[i] = Math.Max(1e-6, _w[i] - (_learningRate * step1 / (meanG + 1e-300) * _w[i]));
            sum += _w[i];
        }

        for (int i = 0; i < k; i++)
        {
            _w[i] *= k / sum;
        }
    }
}
