namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>Fixed weights (DeepXDE's only scheme): w_k never change.</summary>
public sealed class FixedWeights : ILossBalancer
{
    private readonly double[] _w;

    /// <summary>Uses <paramref name="weights"/> as given.</summary>
    public FixedWeights(double[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _w = [.. weights];
    }

    /// <inheritdoc/>
    public string Name => "fixed";

    /// <inheritdoc/>
    public IReadOnlyList<double> Weights => _w;

    /// <inheritdoc/>
    public bool NeedsTermGradients(int step) => false;

    /// <inheritdoc/>
    public void Update(int step, ReadOnlySpan<double> losses, IReadOnlyList<double[]>? termGradients)
    {
    }
}
