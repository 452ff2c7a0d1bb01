using SciTransfer.Core.Nn;

namespace SciTransfer.Core.Optim;

/// <summary>Gradient clipping over non-frozen parameters.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients so their joint L2 norm is at most <paramref name="maxNorm"/>;
    /// returns the norm before clipping.
    /// </summary>
    public static double ClipGlobalNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNorm);
        var ps = parameters.Where(p => !p.Frozen).ToArray();
        double sq = 0;
        foreach (var p in ps)
        {
            foreach (double g in p.Grad.Span)
            {
                sq += g * g;
            }
        }

        double norm = Math.Sqrt(sq);
        if (norm > maxNorm)
        {
            double scale = maxNorm / norm;
            foreach (var p in ps)
            {
                Span<double> g = p.Grad.Span;
                for (int i = 0; i < g.Length; i++)
                {
                    g[i] *= scale;
                }
            }
        }

        return norm;
    }

    /// <summary>Clamps every gradient element into [-limit, limit].</summary>
    public static void ClipValue(IEnumerable<Parameter> parameters, double limit)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        foreach (var p in parameters.Where(p => !p.Frozen))
        {
            Span<double> g = p.Grad.Span;
            for (int i = 0; i < g.Length; i++)
            {
                g[i] = Math.Clamp(g[i], -limit, limit);
            }
        }
    }
}
