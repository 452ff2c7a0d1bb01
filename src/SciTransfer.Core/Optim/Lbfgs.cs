using SciTransfer.Core.Nn;

namespace SciTransfer.Core.Optim;

/// <summary>Why <see cref="Lbfgs.Minimize"/> stopped.</summary>
public enum LbfgsStop
{
    /// <summary>Largest gradient component below the tolerance.</summary>
    GradientTolerance,

    /// <summary>Loss or step change below the tolerance.</summary>
    NoProgress,

    /// <summary>Iteration budget used up.</summary>
    MaxIterations,

    /// <summary>The line search found no decrease along the search direction.</summary>
    LineSearchFailed,
}

/// <summary>Outcome of an L-BFGS run.</summary>
public sealed record LbfgsResult(double Loss, int Iterations, int Evaluations, LbfgsStop Reason);

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright, Alg. 7.4/7.5) with a strong-Wolfe line search
/// (Alg. 3.5/3.6, cubic interpolation; c1 = 1e-4, c2 = 0.9), over the non-frozen parameters
/// (masked-out elements of <see cref="Parameter.TrainableMask"/> stay fixed). Meant for polishing
/// a PINN after Adam on a full batch: the objective must be deterministic.
/// The closure computes the loss and ACCUMULATES gradients into the parameters (the optimizer
/// zeroes them before each call) and returns the loss.
/// </summary>
public sealed class Lbfgs
{
    private const double C1 = 1e-4;
    private const double C2 = 0.9;

    private readonly Parameter[] _params;
    private readonly List<double[]> _s = [];
    private readonly List<double[]> _y = [];
    private readonly List<double> _rho = [];

    /// <summary>Creates the optimizer.</summary>
    public Lbfgs(IEnumerable<Parameter> parameters, int history = 10, double learningRate = 1.0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(history, 1);
        _params = parameters.Where(p => !p.Frozen).ToArray();
        History = history;
        LearningRate = learningRate;
    }

    /// <summary>Number of (s, y) pairs kept.</summary>
    public int History { get; }

    /// <summary>Initial trial step of the line search (1 is the natural quasi-Newton step).</summary>
    public double LearningRate { get; set; }

    /// <summary>Stop when max |g_i| falls below this.</summary>
    public double GradientTolerance { get; set; } = 1e-10;

    /// <summary>Stop when the loss or the step changes by less than this.</summary>
    public double ChangeTolerance { get; set; } = 1e-14;

    /// <summary>Most loss evaluations per line search.</summary>
    public int MaxLineSearch { get; set; } = 25;

    /// <summary>Runs up to <paramref name="maxIterations"/> iterations.</summary>
    public LbfgsResult Minimize(Func<double> closure, int maxIterations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(closure);
        int n = _params.Sum(p => p.Count);
        var x = new double[n];
        var g = new double[n];
        var d = new double[n];
        var xt = new double[n];
        var gt = new double[n];
        var mask = new double[n];
        Gather(x, g, mask, gradsOnly: false);
        int evals = 0;
        double Eval(double[] point, double[] grad)
        {
            Scatter(point);
            foreach (var p in _params)
            {
                p.ZeroGrad();
            }

            double f = closure();
            evals++;
            Gather(null, grad, mask, gradsOnly: true);
            return f;
        }

        double f0 = Eval(x, g);
        for (int iter = 0; iter < maxIterations; iter++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MaxAbs(g) <= GradientTolerance)
            {
                return new LbfgsResult(f0, iter, evals, LbfgsStop.GradientTolerance);
            }

            Direction(g, d, mask);
            double dphi0 = Dot(g, d);
            if (dphi0 >= 0)
            {
                // Not a descent direction (curvature information went stale): restart from steepest descent.
                _s.Clear();
                _y.Clear();
                _rho.Clear();
                Direction(g, d, mask);
                dphi0 = Dot(g, d);
            }

            double t0 = iter == 0 && _s.Count == 0 ? Math.Min(1.0, 1.0 / SumAbs(g)) * LearningRate : LearningRate;
            var (t, ft, ok) = LineSearch(x, f0, g, d, dphi0, t0, xt, gt, Eval);
            if (!ok)
            {
                Scatter(x);
                return new LbfgsResult(f0, iter, evals, LbfgsStop.LineSearchFailed);
            }

            var s = new double[n];
            var y = new double[n];
            double sy = 0, yy = 0;
            for (int i = 0; i < n; i++)
            {
                s[i] = xt[i] - x[i];
                y[i] = gt[i] - g[i];
                sy += s[i] * y[i];
                yy += y[i] * y[i];
            }

            if (sy > 1e-12 * Math.Max(yy, 1e-300))
            {
                if (_s.Count == History)
                {
                    _s.RemoveAt(0);
                    _y.RemoveAt(0);
                    _rho.RemoveAt(0);
                }

                _s.Add(s);
                _y.Add(y);
                _rho.Add(1.0 / sy);
            }

            double change = Math.Abs(ft - f0);
            double stepSize = t * MaxAbs(d);
            Array.Copy(xt, x, n);
            Array.Copy(gt, g, n);
            f0 = ft;
            if (change < ChangeTolerance || stepSize < ChangeTolerance)
            {
                Scatter(x);
                return new LbfgsResult(f0, iter + 1, evals, LbfgsStop.NoProgress);
            }
        }

        Scatter(x);
        return new LbfgsResult(f0, maxIterations, evals, LbfgsStop.MaxIterations);
    }

    /// <summary>Forgets the curvature history (e.g. after changing the loss).</summary>
    public void Reset()
    {
        _s.Clear();
        _y.Clear();
        _rho.Clear();
    }

    private (double T, double F, bool Ok) LineSearch(
        double[] x, double f0, double[] g0, double[] d, double dphi0, double t,
        double[] xt, double[] gt, Func<double[], double[], double> eval)
    {
        int n = x.Length;
        double lastT = double.NaN, lastF = 0;
        (double F, double D) Phi(double a)
        {
            for (int i = 0; i < n; i++)
            {
                xt[i] = x[i] + (a * d[i]);
            }

            double f = eval(xt, gt);
            lastT = a;
            lastF = f;
            return (f, Dot(gt, d));
        }

        (double T, double F, bool Ok) Finish(double a, bool ok)
        {
            if (!ok)
            {
                return (0, f0, false);
            }

            if (a != lastT)
            {
                Phi(a);
            }

            return (a, lastF, true);
        }

        double aPrev = 0, fPrev = f0, dPrev = dphi0;
        double a = t;
        for (int i = 0; i < MaxLineSearch; i++)
        {
            var (fa, da) = Phi(a);
            if (!double.IsFinite(fa) || fa > f0 + (C1 * a * dphi0) || (i > 0 && fa >= fPrev))
            {
                return Zoom(aPrev, a, fPrev, double.IsFinite(fa) ? fa : double.MaxValue, dPrev, double.IsFinite(da) ? da : 0, double.IsFinite(fa));
            }

            if (Math.Abs(da) <= -C2 * dphi0)
            {
                return Finish(a, true);
            }

            if (da >= 0)
            {
                return Zoom(a, aPrev, fa, fPrev, da, dPrev, true);
            }

            aPrev = a;
            fPrev = fa;
            dPrev = da;
            a *= 2;
        }

        return Finish(aPrev, aPrev > 0);

        (double T, double F, bool Ok) Zoom(double lo, double hi, double fLo, double fHi, double dLo, double dHi, bool hiHasDerivative)
        {
            for (int j = 0; j < MaxLineSearch; j++)
            {
                double width = Math.Abs(hi - lo);
                if (width * MaxAbs(d) < 1e-16 * Math.Max(1, MaxAbs(x)))
                {
                    break;
                }

                double aj = hiHasDerivative ? Cubic(lo, fLo, dLo, hi, fHi, dHi) : (lo + hi) / 2;
                double left = Math.Min(lo, hi) + (0.1 * width), right = Math.Max(lo, hi) - (0.1 * width);
                if (!double.IsFinite(aj) || aj < left || aj > right)
                {
                    aj = (lo + hi) / 2;
                }

                var (fa, da) = Phi(aj);
                if (!double.IsFinite(fa) || fa > f0 + (C1 * aj * dphi0) || fa >= fLo)
                {
                    hi = aj;
                    fHi = double.IsFinite(fa) ? fa : double.MaxValue;
                    dHi = da;
                    hiHasDerivative = double.IsFinite(fa);
                }
                else
                {
                    if (Math.Abs(da) <= -C2 * dphi0)
                    {
                        return Finish(aj, true);
                    }

                    if (da * (hi - lo) >= 0)
                    {
                        hi = lo;
                        fHi = fLo;
                        dHi = dLo;
                        hiHasDerivative = true;
                    }

                    lo = aj;
                    fLo = fa;
                    dLo = da;
                }
            }

            // Best point with sufficient decrease found so far (lo), if it moved at all.
            return Finish(lo, lo > 0 && fLo < f0);
        }
    }

    /// <summary>Minimiser of the cubic through (a1, f1, d1) and (a2, f2, d2) (N&amp;W eq. 3.59).</summary>
    private static double Cubic(double a1, double f1, double d1, double a2, double f2, double d2)
    {
        double e1 = d1 + d2 - (3 * (f1 - f2) / (a1 - a2));
        double disc = (e1 * e1) - (d1 * d2);
        if (disc < 0)
        {
            return double.NaN;
        }

        double e2 = Math.Sign(a2 - a1) * Math.Sqrt(disc);
        return a2 - ((a2 - a1) * (d2 + e2 - e1) / (d2 - d1 + (2 * e2)));
    }

    /// <summary>d = -H g by the two-loop recursion, with H0 = (s.y / y.y) I.</summary>
    private void Direction(double[] g, double[] d, double[] mask)
    {
        int n = g.Length, m = _s.Count;
        for (int i = 0; i < n; i++)
        {
            d[i] = -g[i] * mask[i];
        }

        var alpha = new double[m];
        for (int k = m - 1; k >= 0; k--)
        {
            alpha[k] = _rho[k] * Dot(_s[k], d);
            Axpy(-alpha[k], _y[k], d);
        }

        if (m > 0)
        {
            double gamma = Dot(_s[m - 1], _y[m - 1]) / Dot(_y[m - 1], _y[m - 1]);
            for (int i = 0; i < n; i++)
            {
                d[i] *= gamma;
            }
        }

        for (int k = 0; k < m; k++)
        {
            double beta = _rho[k] * Dot(_y[k], d);
            Axpy(alpha[k] - beta, _s[k], d);
        }

        for (int i = 0; i < n; i++)
        {
            d[i] *= mask[i];
        }
    }

    private void Gather(double[]? x, double[] g, double[] mask, bool gradsOnly)
    {
        int o = 0;
        foreach (var p in _params)
        {
            ReadOnlySpan<double> m = p.TrainableMask is { } tm ? tm.Span : default;
            for (int i = 0; i < p.Count; i++)
            {
                double mi = m.IsEmpty || m[i] != 0 ? 1 : 0;
                g[o + i] = p.Grad[i] * mi;
                if (!gradsOnly)
                {
                    x![o + i] = p.Value[i];
                    mask[o + i] = mi;
                }
            }

            o += p.Count;
        }
    }

    private void Scatter(double[] x)
    {
        int o = 0;
        foreach (var p in _params)
        {
            x.AsSpan(o, p.Count).CopyTo(p.Value.Span);
            o += p.Count;
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static void Axpy(double alpha, double[] x, double[] y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    private static double MaxAbs(double[] a)
    {
        double m = 0;
        foreach (double v in a)
        {
            m = Math.Max(m, Math.Abs(v));
        }

        return m;
    }

    private static double SumAbs(double[] a)
    {
        double s = 0;
        foreach (double v in a)
        {
            s += Math.Abs(v);
        }

        return Math.Max(s, 1e-300);
    }
}
