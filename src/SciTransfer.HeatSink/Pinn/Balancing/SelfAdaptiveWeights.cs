namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// Self-adaptive pointwise weights (McClenny and Braga-Neto, SA-PINN): every residual point has a weight
/// lambda_b in its term's loss mean_b(lambda_b r_b^2); the network descends, the weights ascend:
/// lambda_b += eta r_b^2 / N_k (the gradient of the loss wrt lambda_b). Points with large residuals gain weight.
/// Term weights stay 1.
/// </summary>
public sealed class SelfAdaptiveWeights : ILossBalancer
{
    private readonly double[] _w;
    private readonly double _learningRate;

    /// <summary>Creates the scheme with ascent rate <paramref name="learningRate"/>.</summary>
    public SelfAdaptiveWeights(int terms, double learningRate = 1.0)
    {
        _w = new double[terms];
        Array.Fill(_w, 1.0);
        _learningRate = learningRate;
    }

    /// <inheritdoc/>
    public string Name => "sa-pinn";

    /// <inheritdoc/>
    public IReadOnlyList<double> Weights => _w;

    /// <inheritdoc/>
    public bool NeedsTermGradients(int step) => false;

    /// <inheritdoc/>
    public void Update(int step, ReadOnlySpan<double> losses, IReadOnlyList<double[]>? termGradients)
    {
    }

    /// <inheritdoc/>
    public void UpdatePointWeights(IReadOnlyList<ResidualSet> sets, IReadOnlyList<double[]> residuals)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(residuals);
        for (int k = 0; k < sets.Count; k++)
        {
            var set = sets[k];
            int n = set.Count;
            for (int b = 0; b < n; b++)
            {
                double r = residuals[k][b];
                set.PointWeights[b] += _learningRate * r * r / n;
            }
        }
    }
}
