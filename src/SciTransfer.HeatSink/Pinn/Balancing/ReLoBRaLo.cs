using SciTransfer.Core.Random;

namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>
/// Relative Loss Balancing with Random Lookback (Bischof and Kraus 2021):
/// bal_k(t, t') = K softmax_k(L_k(t) / (T L_k(t'))),
/// w_k(t) = alpha (rho w_k(t-1) + (1 - rho) bal_k(t, 0)) + (1 - alpha) bal_k(t, t-1), rho ~ Bernoulli(E[rho]).
/// Terms whose loss has fallen least relative to their past get more weight.
/// </summary>
public sealed class ReLoBRaLo : ILossBalancer
{
    private readonly double[] _w;
    private readonly double[] _initial;
    private readonly double[] _previous;
    private readonly double _alpha;
    private readonly double _expectedRho;
    private readonly double _temperature;
    private readonly Rng _rng;
    private bool _started;

    /// <summary>Creates the scheme; <paramref name="rng"/> draws the random lookback.</summary>
    public ReLoBRaLo(int terms, Rng rng, double alpha = 0.999, double expectedRho = 0.999, double temperature = 0.1)
    {
        _w = new double[terms];
        Array.Fill(_w, 1.0);
        _initial = new double[terms];
        _previous = new double[terms];
        _alpha = alpha;
        _expectedRho = expectedRho;
        _temperature = temperature;
        _rng = rng;
    }

    /// <inheritdoc/>
    public string Name => "relobralo";

    /// <inheritdoc/>
    public IReadOnlyList<double> Weights => _w;

    /// <inheritdoc/>
    public bool NeedsTermGradients(int step) => false;

    /// <inheritdoc/>
    public void Update(int step, ReadOnlySpan<double> losses, IReadOnlyList<double[]>? termGradients)
    {
        int k = _w.Length;
        if (!_started)
        {
            losses.CopyTo(_initial);
            losses.CopyTo(_previous);
            _started = true;
            return;
        }

        Span<double> balPrev = stackalloc double[k];
        Span<double> balInit = stackalloc double[k];
        Balance(losses, _previous, balPrev);
        Balance(losses, _initial, balInit);
        double rho = _rng.NextDouble() < _expectedRho ? 1.0 : 0.0;
        for (int i = 0; i < k; i++)
        {
            _w[i] = (_alpha * ((rho * _w[i]) + ((1 - rho) * balInit[i]))) + ((1 - _alpha) * balPrev[i]);
        }

        losses.CopyTo(_previous);
    }

    private void Balance(ReadOnlySpan<double> now, ReadOnlySpan<double> before, Span<double> destination)
    {
        int k = now.Length;
        double max = double.NegativeInfinity;
        for (int i = 0; i < k; i++)
        {
            destination[i] = now[i] / ((_temperature * before[i]) + 1e-300);
            max = Math.Max(max, destination[i]);
        }

        double sum = 0;
        for (int i = 0; i < k; i++)
        {
            destination[i] = Math.Exp(destination[i] - max);
            sum += destination[i];
        }

        for (int i = 0; i < k; i++)
        {
            destination[i] = k * destination[i] / sum;
        }
    }
}
