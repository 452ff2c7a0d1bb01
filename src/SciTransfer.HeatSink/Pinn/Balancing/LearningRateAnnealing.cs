namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// Learning-rate annealing (Wang, Teng and Perdikaris 2021, Algorithm 1): every <c>period</c> steps, an estimate
/// w_hat_k of each term's weight from the gradient statistics (k != ref, the PDE term, whose weight stays 1), then
/// the moving average w_k = (1 - alpha) w_k + alpha w_hat_k. Terms with small gradients get larger weights. The
/// estimate follows <see cref="LrAnnealingConvention"/>: by default the authors' code, w_hat_k = max|g_ref| /
/// mean|w_k g_k| over the weight matrices (mean of per-matrix means), else the paper text's ratio over every
/// parameter. g_k is the gradient of the unweighted term loss L_k (flat, the network's parameter layout).
/// </summary>
public sealed class LearningRateAnnealing : ILossBalancer
{
    private readonly double[] _w;
    private readonly int _reference;
    private readonly double _alpha;
    private readonly int _period;
    private readonly LrAnnealingConvention _convention;
    private readonly (int Offset, int Length)[]? _matrices;

    /// <summary>Creates the scheme; <paramref name="referenceTerm"/> is the PDE residual's index.</summary>
    /// <param name="terms">Number of loss terms.</param>
    /// <param name="referenceTerm">Index of the reference (PDE) term, weight 1.</param>
    /// <param name="alpha">Moving-average rate (the paper: 0.1; the authors' code: 1 - beta, beta 0.9).</param>
    /// <param name="period">Update period in steps (the authors' code: 10).</param>
    /// <param name="convention">Estimator (default: the authors' code).</param>
    /// <param name="weightMatrices">Where each weight matrix sits in the flat gradient, (offset, length) each; used
    /// by <see cref="LrAnnealingConvention.Authors"/> only. Null: the whole gradient as one block.</param>
    public LearningRateAnnealing(int terms, int referenceTerm, double alpha = 0.1, int period = 10, LrAnnealingConvention convention = LrAnnealingConvention.Authors, IReadOnlyList<(int Offset, int Length)>? weightMatrices = null)
    {
        if (weightMatrices is not null && (weightMatrices.Count == 0 || weightMatrices.Any(m => m.Offset < 0 || m.Length < 1)))
        {
            throw new ArgumentException("LearningRateAnnealing: weight matrices must be a non-empty list of (offset >= 0, length >= 1) blocks");
        }

        _w = new double[terms];
        Array.Fill(_w, 1.0);
        _reference = referenceTerm;
        _alpha = alpha;
        _period = Math.Max(1, period);
        _convention = convention;
        _matrices = weightMatrices?.ToArray();
    }

    /// <inheritdoc/>
    public string Name => "lr-annealing";

    /// <inheritdoc/>
    public IReadOnlyList<double> Weights => _w;

    /// <summary>The estimator in use.</summary>
    public LrAnnealingConvention Convention => _convention;

    /// <inheritdoc/>
    public bool NeedsTermGradients(int step) => step % _period == 0;

    /// <inheritdoc/>
    public void Update(int step, ReadOnlySpan<double> losses, IReadOnlyList<double[]>? termGradients)
    {
        if (termGradients is null || !NeedsTermGradients(step))
        {
            return;
        }

        var blocks = _convention == LrAnnealingConvention.Authors && _matrices is not null ? _matrices : [(0, termGradients[_reference].Length)];
        double maxRef = 0;
        foreach (var (offset, length) in blocks)
        {
            foreach (double g in termGradients[_reference].AsSpan(offset, length))
            {
                maxRef = Math.Max(maxRef, Math.Abs(g));
            }
        }

        for (int k = 0; k < _w.Length; k++)
        {
            if (k == _reference)
            {
                continue;
            }

            // Mean of the per-block means of |g_k| (one block, i.e. the plain mean, for the paper-text ratio).
            double mean = 0;
            foreach (var (offset, length) in blocks)
            {
                double sum = 0;
                foreach (double g in termGradients[k].AsSpan(offset, length))
                {
                    sum += Math.Abs(g);
                }

                mean += sum / length;
            }

            mean /= blocks.Length;

            // The authors differentiate lambda_k L_k, so their mean carries the current weight.
            double denominator = _convention == LrAnnealingConvention.Authors ? _w[k] * mean : mean;
            if (denominator > 0 && maxRef > 0)
            {
                _w[k] = ((1 - _alpha) * _w[k]) + (_alpha * (maxRef / denominator));
            }
        }
    }
}
