namespace SciTransfer.HeatSink.Nn;

/// <summary>
/// Limited-memory BFGS with a backtracking Armijo line search, for full-batch refinement after Adam.
/// The objective returns the loss and writes the gradient; frozen entries (mask false) are held fixed.
/// </summary>
public static class Lbfgs
{
    /// <summary>Delegate: loss at x, gradient written to g.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>Minimises from <paramref name="x"/> in place for up to <paramref name="iterations"/> iterations; returns the final loss.</summary>
    public static double Minimise(Objective f, Span<double> x, int iterations, int memory = 10, bool[]? trainable = null, Action<int, double>? onIteration = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        int n = x.Length;
        var g = new double[n];
        var d = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var s = new List<double[]>();
        var y = new List<double[]>();
        var rho = new List<double>();
        double loss = f(x, g);
        Mask(g, trainable);
        for (int it = 0; it < iterations; it++)
        {
            // Two-loop recursion: d = -H g.
            g.CopyTo(d, 0);
            var alpha = new double[s.Count];
            for (int i = s.Count - 1; i >= 0; i--)
            {
                alpha[i] = rho[i] * Dot(s[i], d);
                Axpy(-alpha[i], y[i], d);
            }

            double gamma = s.Count > 0 ? Dot(s[^1], y[^1]) / Dot(y[^1], y[^1]) : 1e-3 / Math.Max(1e-12, Math.Sqrt(Dot(g, g)));
            for (int i = 0; i < d.Length; i++)
            {
                d[i] *= gamma;
            }

            for (int i = 0; i < s.Count; i++)
            {
                double beta = rho[i] * Dot(y[i], d);
                Axpy(alpha[i] - beta, s[i], d);
            }

            for (int i = 0; i < n; i++)
            {
                d[i] = -d[i];
            }

            Mask(d, trainable);
            double slope = Dot(g, d);
            if (slope >= 0)
            {
                // Not a descent direction: restart from steepest descent.
                s.Clear();
                y.Clear();
                rho.Clear();
                continue;
            }

            double step = 1.0;
            double newLoss = double.NaN;
            bool accepted = false;
            for (int ls = 0; ls < 30; ls++)
            {
                for (int i = 0; i < n; i++)
                {
                    xNew[i] = x[i] + (step * d[i]);
                }

                newLoss = f(xNew, gNew);
                if (!double.IsNaN(newLoss) && newLoss <= loss + (1e-4 * step * slope))
                {
                    accepted = true;
                    break;
                }

                step *= 0.5;
            }

            if (!accepted)
            {
                break;
            }

            Mask(gNew, trainable);
            var si = new double[n];
            var yi = new double[n];
            for (int i = 0; i < n; i++)
            {
                si[i] = xNew[i] - x[i];
                yi[i] = gNew[i] - g[i];
            }

            double sy = Dot(si, yi);
            if (sy > 1e-12)
            {
                if (s.Count == memory)
                {
                    s.RemoveAt(0);
                    y.RemoveAt(0);
                    rho.RemoveAt(0);
                }

                s.Add(si);
                y.Add(yi);
                rho.Add(1 / sy);
            }

            xNew.CopyTo(x);
            gNew.CopyTo(g, 0);
            loss = newLoss;
            onIteration?.Invoke(it, loss);
        }

        return loss;
    }

    private static void Mask(double[] v, bool[]? trainable)
    {
        if (trainable is null)
        {
            return;
        }

        for (int i = 0; i < v.Length; i++)
        {
            if (!trainable[i])
            {
                v[i] = 0;
            }
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

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
