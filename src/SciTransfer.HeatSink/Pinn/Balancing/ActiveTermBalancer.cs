namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// Runs a balancer on the active terms only: the inner scheme sees the losses, gradients and residual sets of the
/// terms whose mask entry is true, and the others (vacuous terms, see <see cref="VacuousTerms"/>) keep weight 1 and
/// never enter its softmaxes, ratios or means. With every term active it behaves exactly as the inner scheme.
/// </summary>
public sealed class ActiveTermBalancer : ILossBalancer
{
    private readonly ILossBalancer _inner;
    private readonly int[] _active;
    private readonly double[] _w;

    /// <summary>Wraps <paramref name="inner"/>, created for the count of true entries of <paramref name="active"/>.</summary>
    public ActiveTermBalancer(ILossBalancer inner, IReadOnlyList<bool> active)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(active);
        _inner = inner;
        _active = [.. Enumerable.Range(0, active.Count).Where(i => active[i])];
        if (inner.Weights.Count != _active.Length)
        {
            throw new ArgumentException($"ActiveTermBalancer: the inner scheme has {inner.Weights.Count} terms for {_active.Length} active ones");
        }

        _w = new double[active.Count];
        Array.Fill(_w, 1.0);
        Copy();
    }

    /// <inheritdoc/>
    public string Name => _inner.Name;

    /// <inheritdoc/>
    public IReadOnlyList<double> Weights => _w;

    /// <inheritdoc/>
    public bool KeepsPoints => _inner.KeepsPoints;

    /// <inheritdoc/>
    public bool NeedsTermGradients(int step) => _inner.NeedsTermGradients(step);

    /// <inheritdoc/>
    public void Update(int step, ReadOnlySpan<double> losses, IReadOnlyList<double[]>? termGradients)
    {
        Span<double> sub = stackalloc double[_active.Length];
        for (int i = 0; i < _active.Length; i++)
        {
            sub[i] = losses[_active[i]];
        }

        _inner.Update(step, sub, termGradients is null ? null : [.. _active.Select(i => termGradients[i])]);
        Copy();
    }

    /// <inheritdoc/>
    public void UpdatePointWeights(IReadOnlyList<ResidualSet> sets, IReadOnlyList<double[]> residuals)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(residuals);
        _inner.UpdatePointWeights([.. _active.Select(i => sets[i])], [.. _active.Select(i => residuals[i])]);
    }

    private void Copy()
    {
        for (int i = 0; i < _active.Length; i++)
        {
            _w[_active[i]] = _inner.Weights[i];
        }
    }
}
