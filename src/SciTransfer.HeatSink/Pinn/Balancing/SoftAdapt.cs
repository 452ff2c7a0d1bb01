namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// SoftAdapt (Heydari, Thompson and Mehmood 2019), normalised variant: s_k = (L_k(t) - L_k(t-1)) / L_k(t-1),
/// w_k = K softmax_k(beta s). The term whose loss falls slowest (or rises) gets the largest weight.
/// </summary>
public sealed class SoftAdapt : ILossBalancer
{
    private readonly double[] _w;
    private readonly double[] _previous;
    private readonly double _beta;
    private bool _started;

    /// <summary>Creates the scheme with temperature <paramref name="beta"/>.</summary>
    public SoftAdapt(int terms, double beta = 10.0)
    {
        _w = new double[terms];
        Array.Fill(_w, 1.0);
        _previous = new double[terms];
        _beta = beta;
    }

    /// <inheritdoc/>
    public string Name => "softadapt";

    /// <inheritdoc/>
    public IReadOnlyList<double> Weights => _w;

    /// <inheritdoc/>
    public bool NeedsTermGradients(int step) => false;

    /// <inheritdoc/>
    public void Update(int step, ReadOnlySpan<double> losses, IReadOnlyList<double[]>? termGradients)
    {
        int k = _w.Length;
        if (_started)
        {
            Span<double> s = stackalloc double[k];
            double max = double.NegativeInfinity;
            for (int i = 0; i < k; i++)
            {
                s[i] = _beta * (losses[i] - _previous[i]) / (_previous[i] + 1e-12);
                max = Math.Max(max, s[i]);
            }

            double sum = 0;
            for (int i = 0; i < k; i++)
            {
                s[i] = Math.Exp(s[i] - max);
                sum += s[i];
            }

            for (int i = 0; i < k; i++)
            {
                _w[i] = k * s[i] / sum;
            }
        }

        losses.CopyTo(_previous);
        _started = true;
    }
}
