namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// Self-adaptive PINN (McClenny and Braga-Neto 2023): every collocation point b of a physics term has a learnable
/// weight lambda_b, and the term's loss is mean_b(m(lambda_b) r_b^2) with the mask m(lambda) = lambda^q (q = 2 by
/// default; non-negative, differentiable and increasing on lambda >= 0, as the paper requires of a mask). The
/// network descends on the loss, the weights ascend on it: lambda_b moves up its gradient
/// m'(lambda_b) r_b^2 / N with their own optimiser (<see cref="AdamVector"/>), so points with persistently large
/// residuals gain weight. Term weights stay 1; the sensor term ("data") keeps unit point weights, as the paper's
/// data loss does. The weights belong to their points, so the trainer keeps the points fixed while this scheme is
/// active (<see cref="KeepsPoints"/>); a term whose point count changes is an error. lambda starts at 1 (m = 1, the
/// unweighted loss).
/// </summary>
public sealed class SelfAdaptiveWeights : ILossBalancer
{
    private readonly double[] _w;
    private readonly double _learningRate;
    private readonly double _power;
    private readonly Dictionary<int, (double[] Lambda, AdamVector Optimizer)> _points = [];

    /// <summary>Creates the scheme with ascent rate <paramref name="learningRate"/> and mask exponent <paramref name="maskPower"/>.</summary>
    public SelfAdaptiveWeights(int terms, double learningRate = 5e-3, double maskPower = 2.0)
    {
        if (!(maskPower >= 1))
        {
            throw new ArgumentException($"SelfAdaptiveWeights: the mask exponent must be at least 1, got {maskPower}");
        }

        _w = new double[terms];
        Array.Fill(_w, 1.0);
        _learningRate = learningRate;
        _power = maskPower;
    }

    /// <inheritdoc/>
    public string Name => "sa-pinn";

    /// <inheritdoc/>
    public IReadOnlyList<double> Weights => _w;

    /// <inheritdoc/>
    public bool KeepsPoints => true;

    /// <summary>The self-adaptive weights lambda of term <paramref name="term"/> (empty before its first update).</summary>
    public IReadOnlyList<double> Lambda(int term) => _points.TryGetValue(term, out var p) ? p.Lambda : [];

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
            if (set.Name == "data")
            {
                continue;
            }

            int n = set.Count;
            if (!_points.TryGetValue(k, out var state))
            {
                var start = new double[n];
                Array.Fill(start, 1.0);
                state = (start, new AdamVector(n, _learningRate));
                _points[k] = state;
            }
            else if (state.Lambda.Length != n)
            {
                throw new InvalidOperationException($"SelfAdaptiveWeights: term '{set.Name}' went from {state.Lambda.Length} to {n} points; its weights belong to its points, which must stay fixed");
            }

            var lambda = state.Lambda;
            var gradient = new double[n];
            for (int b = 0; b < n; b++)
            {
                double r = residuals[k][b];
                gradient[b] = _power * Math.Pow(lambda[b], _power - 1) * r * r / n;
            }

            state.Optimizer.Step(lambda, gradient, ascent: true);
            for (int b = 0; b < n; b++)
            {
                set.PointWeights[b] = Math.Pow(lambda[b], _power);
            }
        }
    }
}
