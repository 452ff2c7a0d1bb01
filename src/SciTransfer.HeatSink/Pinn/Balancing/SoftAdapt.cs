namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// SoftAdapt (Heydari, Thompson and Mehmood 2019). The slope of each term's loss over the last <c>window</c> steps,
/// s_k = (L_k(t) - L_k(t - window)) / window (a first-order finite difference), enters a softmax with temperature
/// beta: w_k = K exp(beta n_k) / sum_j exp(beta n_j), with n_k = s_k / sum_j |s_j| for the normalised variant (the
/// default), n_k = s_k for the original one, and the numerators multiplied by L_k for the loss-weighted one. The
/// term whose loss falls slowest (or rises) gets the largest weight. Weights stay 1 until the window has filled.
/// The paper's weights sum to 1; here they sum to K, so equal weights are 1 as with fixed weights.
/// </summary>
public sealed class SoftAdapt : ILossBalancer
{
    private readonly double[] _w;
    private readonly double[][] _history;
    private readonly double _beta;
    private readonly int _window;
    private readonly SoftAdaptVariant _variant;
    private int _seen;

    /// <summary>Creates the scheme with temperature <paramref name="beta"/>, slope window (steps) and variant.</summary>
    public SoftAdapt(int terms, double beta = 10.0, int window = 5, SoftAdaptVariant variant = SoftAdaptVariant.Normalized)
    {
        if (window < 1)
        {
            throw new ArgumentException($"SoftAdapt: the slope window must be at least 1 step, got {window}");
        }

        _w = new double[terms];
        Array.Fill(_w, 1.0);
        _history = new double[window + 1][];
        for (int i = 0; i <= window; i++)
        {
            _history[i] = new double[terms];
        }

        _beta = beta;
        _window = window;
        _variant = variant;
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

        // Ring buffer of the last window + 1 loss vectors: slot seen % (window + 1) is now, the next slot is t - window.
        losses.CopyTo(_history[_seen % (_window + 1)]);
        _seen++;
        if (_seen <= _window)
        {
            return;
        }

        var now = losses;
        var then = _history[_seen % (_window + 1)];
        Span<double> s = stackalloc double[k];
        double sumAbs = 0;
        for (int i = 0; i < k; i++)
        {
            s[i] = (now[i] - then[i]) / _window;
            sumAbs += Math.Abs(s[i]);
        }

        if (_variant == SoftAdaptVariant.Normalized)
        {
            for (int i = 0; i < k; i++)
            {
                s[i] = sumAbs > 0 ? s[i] / sumAbs : 0.0;
            }
        }

        double max = double.NegativeInfinity;
        for (int i = 0; i < k; i++)
        {
            max = Math.Max(max, _beta * s[i]);
        }

        double sum = 0;
        for (int i = 0; i < k; i++)
        {
            // Shifting by the max changes nothing after normalisation and keeps exp from overflowing.
            s[i] = Math.Exp((_beta * s[i]) - max) * (_variant == SoftAdaptVariant.LossWeighted ? now[i] : 1.0);
            sum += s[i];
        }

        for (int i = 0; i < k; i++)
        {
            _w[i] = sum > 0 ? k * s[i] / sum : 1.0;
        }
    }
}
