namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// Learning-rate annealing (Wang, Teng and Perdikaris 2021): every <c>period</c> steps,
/// w_hat_k = max|grad L_ref| / mean|grad L_k| for k != ref (the PDE term, weight 1), and
/// w_k = (1 - alpha) w_k + alpha w_hat_k. Terms with small gradients get larger weights.
/// </summary>
public sealed class LearningRateAnnealing : ILossBalancer
{
    private readonly double[] _w;
    private readonly int _reference;
    private readonly double _alpha;
    private readonly int _period;

    /// <summary>Creates the scheme; <paramref name="referenceTerm"/> is the PDE residual's index.</summary>
    public LearningRateAnnealing(int terms, int referenceTerm, double alpha = 0.1, int period = 10)
    {
        _w = new double[terms];
        Array.Fill(_w, 1.0);
        _reference = referenceTerm;
        _alpha = alpha;
        _period = Math.Max(1, period);
    }

    /// <inheritdoc/>
    public string Name => "lr-annealing";

    /// <inheritdoc/>
    public IReadOnlyList<double> Weights => _w;

    /// <inheritdoc/>
    public bool NeedsTermGradients(int step) => step % _period == 0;

    /// <inheritdoc/>
    public void Update(int step, ReadOnlySpan<double> losses, IReadOnlyList<double[]>? termGradients)
    {
        if (termGradients is null || !NeedsTermGradients(step))
        {
            return;
        }

        double maxRef = 0;
        foreach (double g in termGradients[_reference])
        {
            maxRef = Math.Max(maxRef, Math.Abs(g));
        }

        for (int k = 0; k < _w.Length; k++)
        {
            if (k == _reference)
            {
                continue;
            }

            double mean = 0;
            foreach (double g in termGradients[k])
            {
                mean += Math.Abs(g);
            }

            mean /= termGradients[k].Length;
            if (mean > 0 && maxRef > 0)
            {
                _w[k] = ((1 - _alpha) * _w[k]) + (_alpha * (maxRef / mean));
            }
        }
    }
}
