using SciTransfer.HeatSink.Data;

namespace SciTransfer.HeatSink.Models;

/// <summary>
/// A physics prior Nu = a + b Pe^c whose coefficients may be learned along with the network (the science file:
/// small-channel CFD sits below the tube correlations, so treat the correlation as a prior whose shape is kept
/// and whose coefficients adapt). Parameterised as a = exp(p0), b = exp(p1), c = p2; starts at a correlation,
/// e.g. Lyon (7, 0.025, 0.8). A fixed prior (learnable = false) is any function of the design.
/// </summary>
internal sealed class CorrelationPrior
{
    private readonly Func<NusseltSample, double>? _fixed;
    private readonly double[] _p = new double[3];
    private readonly double[] _m = new double[3];
    private readonly double[] _v = new double[3];
    private int _t;

    private CorrelationPrior(Func<NusseltSample, double>? fixedPrior, double a, double b, double c)
    {
        _fixed = fixedPrior;
        _p[0] = Math.Log(a);
        _p[1] = Math.Log(b);
        _p[2] = c;
    }

    /// <summary>A fixed prior (never learned).</summary>
    public static CorrelationPrior Fixed(Func<NusseltSample, double> prior) => new(prior ?? throw new ArgumentNullException(nameof(prior)), 1, 1, 0);

    /// <summary>A learnable a + b Pe^c prior starting at (a, b, c).</summary>
    public static CorrelationPrior Learnable(double a, double b, double c) => new(null, a, b, c);

    /// <summary>True when the coefficients are trained.</summary>
    public bool IsLearnable => _fixed is null;

    /// <summary>Current (a, b, c).</summary>
    public (double A, double B, double C) Coefficients => (Math.Exp(_p[0]), Math.Exp(_p[1]), _p[2]);

    /// <summary>Prior Nu for a design.</summary>
    public double Nu(NusseltSample s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return _fixed?.Invoke(s) ?? (Math.Exp(_p[0]) + (Math.Exp(_p[1]) * Math.Pow(s.Peclet, _p[2])));
    }

    /// <summary>
    /// One Adam step on the coefficients from the prior loss weight * mean (u_b - log Nu_prior(s_b))^2,
    /// given the network outputs u (log Nu) at the prior points.
    /// </summary>
    public void Step(IReadOnlyList<NusseltSample> points, ReadOnlySpan<double> u, double weight, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (!IsLearnable || points.Count == 0)
        {
            return;
        }

        Span<double> g = stackalloc double[3];
        double a = Math.Exp(_p[0]);
        double b = Math.Exp(_p[1]);
        int n = points.Count;
        for (int i = 0; i < n; i++)
        {
            double pc = Math.Pow(points[i].Peclet, _p[2]);
            double nu = a + (b * pc);
            double r = u[i] - Math.Log(nu);
            double dLdNu = weight * -2 * r / (n * nu);
            g[0] += dLdNu * a;
            g[1] += dLdNu * b * pc;
            g[2] += dLdNu * b * pc * Math.Log(points[i].Peclet);
        }

        AdamStep(g, learningRate);
    }

    /// <summary>
    /// One Adam step on the coefficients from the paired (trend) prior loss weight * mean_i r_i^2 with
    /// r_i = (u_i - u_{i+M}) - (log Nu_prior(s_i) - log Nu_prior(s_{i+M})), M = points / 2: the prior's Pe trend between
    /// the two designs of each pair, given the network outputs u at all 2M points.
    /// </summary>
    public void StepPairs(IReadOnlyList<NusseltSample> points, ReadOnlySpan<double> u, double weight, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (!IsLearnable || points.Count == 0)
        {
            return;
        }

        Span<double> g = stackalloc double[3];
        Span<double> da = stackalloc double[3];
        Span<double> db = stackalloc double[3];
        int m = points.Count / 2;
        for (int i = 0; i < m; i++)
        {
            double la = LogNuAndGradient(points[i].Peclet, da);
            double lb = LogNuAndGradient(points[i + m].Peclet, db);
            double r = (u[i] - u[i + m]) - (la - lb);
            for (int k = 0; k < 3; k++)
            {
                g[k] += weight * -2 * r * (da[k] - db[k]) / m;
            }
        }

        AdamStep(g, learningRate);
    }

    // log Nu_prior at pe and its gradient wrt the parameters (log a, log b, c).
    private double LogNuAndGradient(double pe, Span<double> grad)
    {
        double a = Math.Exp(_p[0]);
        double bpc = Math.Exp(_p[1]) * Math.Pow(pe, _p[2]);
        double nu = a + bpc;
        grad[0] = a / nu;
        grad[1] = bpc / nu;
        grad[2] = bpc * Math.Log(pe) / nu;
        return Math.Log(nu);
    }

    private void AdamStep(ReadOnlySpan<double> g, double learningRate)
    {
        _t++;
        for (int k = 0; k < 3; k++)
        {
            _m[k] = (0.9 * _m[k]) + (0.1 * g[k]);
            _v[k] = (0.999 * _v[k]) + (0.001 * g[k] * g[k]);
            _p[k] -= learningRate * (_m[k] / (1 - Math.Pow(0.9, _t))) / (Math.Sqrt(_v[k] / (1 - Math.Pow(0.999, _t))) + 1e-8);
        }
    }
}
