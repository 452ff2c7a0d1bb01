using MathNet.Numerics.Integration;

namespace SciTransfer.HeatSink.Pinn;

/// <summary>
/// Gauss-Legendre nodes and weights on [-1, 1], from MathNet.Numerics' <see cref="GaussLegendreRule"/>, cached per n
/// so the periodic corner estimate does not recompute or reallocate them.
/// </summary>
public static class GaussLegendre
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, (double[] X, double[] W)> Cache = new();

    /// <summary>The n nodes and weights; exact for polynomials of degree 2 n - 1.</summary>
    public static (double[] X, double[] W) Nodes(int n)
    {
        if (n < 1)
        {
            throw new ArgumentException($"GaussLegendre: need n >= 1, got {n}");
        }

        return Cache.GetOrAdd(n, static k =>
        {
            var rule = new GaussLegendreRule(-1, 1, k);
            return (rule.Abscissas, rule.Weights);
        });
    }
}
