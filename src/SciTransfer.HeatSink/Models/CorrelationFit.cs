namespace SciTransfer.HeatSink.Models;

/// <summary>
/// Least-squares fit of Nu = a + b Pe^c to (Pe, Nu) pairs: the fitted-correlation baseline (the science file: small
/// miniature-channel CFD sits below the tube correlations, and a fitted a + b Pe^c shape works better). Residuals are
/// in Nu (not log Nu). With fewer points than parameters the fit keeps what the data cannot decide from a starting
/// correlation (the configured prior):
/// n = 0: the start itself; n = 1: b and c from the start, a through the point; n = 2 (or all Pe equal): c from the
/// start, a and b by linear least squares, falling back to a alone when that gives b &lt; 0 or a &lt; 0; n &gt;= 3:
/// Levenberg-Marquardt on (a, b, c) from that solution, kept in a &gt;= 0, b &gt;= 0, c in [0, 3] (Nu does not
/// fall with Pe, and an exponent outside that range is an interpolation artefact, not physics).
/// </summary>
public static class CorrelationFit
{
    /// <summary>Smallest exponent the 3-parameter fit may return.</summary>
    public const double MinExponent = 0;

    /// <summary>Largest exponent the 3-parameter fit may return.</summary>
    public const double MaxExponent = 3;

    /// <summary>Fits a + b Pe^c to <paramref name="peclet"/> and <paramref name="nu"/> (same length, Pe &gt; 0).</summary>
    /// <param name="peclet">Peclet numbers, length n.</param>
    /// <param name="nu">Nusselt numbers, length n.</param>
    /// <param name="start">Starting correlation (a, b, c); also what fewer than three points cannot determine.</param>
    /// <returns>The coefficients and which fit produced them ("prior", "a", "a,b", "a,b,c").</returns>
    public static CorrelationCoefficients Fit(ReadOnlySpan<double> peclet, ReadOnlySpan<double> nu, CorrelationCoefficients start)
    {
        if (peclet.Length != nu.Length)
        {
            throw new ArgumentException($"CorrelationFit: {peclet.Length} Peclet numbers but {nu.Length} Nusselt numbers");
        }

        int n = peclet.Length;
        foreach (double pe in peclet)
        {
            if (!(pe > 0) || !double.IsFinite(pe))
            {
                throw new ArgumentException($"CorrelationFit: Peclet numbers must be positive and finite, found {pe}");
            }
        }

        if (n == 0)
        {
            return start with { Method = "prior" };
        }

        var linear = FitAB(peclet, nu, start);
        if (n < 3 || linear.Method == "a")
        {
            return linear;
        }

        return LevenbergMarquardt(peclet, nu, linear);
    }

    /// <summary>Sum of squared residuals of <paramref name="c"/> on the data.</summary>
    public static double SumOfSquares(ReadOnlySpan<double> peclet, ReadOnlySpan<double> nu, CorrelationCoefficients c)
    {
        double s = 0;
        for (int i = 0; i < peclet.Length; i++)
        {
            double r = c.Nu(peclet[i]) - nu[i];
            s += r * r;
        }

        return s;
    }

    // c fixed: a + b x with x = Pe^c is linear; with one point or all x equal, only a is determined (b from start).
    private static CorrelationCoefficients FitAB(ReadOnlySpan<double> peclet, ReadOnlySpan<double> nu, CorrelationCoefficients start)
    {
        int n = peclet.Length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += Math.Pow(peclet[i], start.C);
            my += nu[i];
        }

        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = Math.Pow(peclet[i], start.C) - mx;
            sxx += dx * dx;
            sxy += dx * (nu[i] - my);
        }

        if (n < 2 || !(sxx > 1e-12 * mx * mx))
        {
            return new CorrelationCoefficients(my - (start.B * mx), start.B, start.C, "a");
        }

        // Nu does not fall as the flow speeds up: a negative slope (two noisy points at close Pe) or a negative
        // conduction limit is noise, and extrapolating it is worse than shifting the prior.
        double b = sxy / sxx;
        double a = my - (b * mx);
        if (b < 0 || a < 0)
        {
            return new CorrelationCoefficients(my - (start.B * mx), start.B, start.C, "a");
        }

        return new CorrelationCoefficients(a, b, start.C, "a,b");
    }

    private static CorrelationCoefficients LevenbergMarquardt(ReadOnlySpan<double> peclet, ReadOnlySpan<double> nu, CorrelationCoefficients start)
    {
        int n = peclet.Length;
        double[] p = [start.A, start.B, start.C];
        double sse = SumOfSquares(peclet, nu, start);
        double lambda = 1e-3;
        Span<double> jtj = stackalloc double[9];
        Span<double> jtr = stackalloc double[3];
        Span<double> step = stackalloc double[3];
        Span<double> trial = stackalloc double[3];
        for (int iteration = 0; iteration < 500 && sse > 0; iteration++)
        {
            jtj.Clear();
            jtr.Clear();
            for (int i = 0; i < n; i++)
            {
                double lnPe = Math.Log(peclet[i]);
                double pc = Math.Exp(p[2] * lnPe);
                double r = p[0] + (p[1] * pc) - nu[i];
                double j0 = 1;
                double j1 = pc;
                double j2 = p[1] * pc * lnPe;
                Accumulate(jtj, jtr, j0, j1, j2, r);
            }

            bool improved = false;
            while (lambda < 1e12)
            {
                // Marquardt's scaling: damping proportional to the diagonal, so the step is invariant to the
                // very different scales of a, b and c.
                if (!Solve(jtj, jtr, lambda, step))
                {
                    lambda *= 10;
                    continue;
                }

                for (int k = 0; k < 3; k++)
                {
                    trial[k] = p[k] - step[k];
                }

                trial[0] = Math.Max(trial[0], 0);
                trial[1] = Math.Max(trial[1], 0);
                trial[2] = Math.Clamp(trial[2], MinExponent, MaxExponent);
                double trialSse = SumOfSquares(peclet, nu, new CorrelationCoefficients(trial[0], trial[1], trial[2], ""));
                if (double.IsFinite(trialSse) && trialSse < sse)
                {
                    double drop = sse - trialSse;
                    trial.CopyTo(p);
                    sse = trialSse;
                    lambda = Math.Max(lambda / 10, 1e-12);
                    improved = drop > 1e-15 * Math.Max(sse, 1e-300);
                    break;
                }

                lambda *= 10;
            }

            if (!improved)
            {
                break;
            }
        }

        return new CorrelationCoefficients(p[0], p[1], p[2], "a,b,c");
    }

    private static void Accumulate(Span<double> jtj, Span<double> jtr, double j0, double j1, double j2, double r)
    {
        ReadOnlySpan<double> j = [j0, j1, j2];
        for (int a = 0; a < 3; a++)
        {
            jtr[a] += j[a] * r;
            for (int b = 0; b < 3; b++)
            {
                jtj[(3 * a) + b] += j[a] * j[b];
            }
        }
    }

    // (J^T J + lambda diag(J^T J)) step = J^T r by Gaussian elimination with partial pivoting; false if singular.
    private static bool Solve(ReadOnlySpan<double> jtj, ReadOnlySpan<double> jtr, double lambda, Span<double> step)
    {
        Span<double> m = stackalloc double[12];
        for (int a = 0; a < 3; a++)
        {
            for (int b = 0; b < 3; b++)
            {
                m[(4 * a) + b] = jtj[(3 * a) + b] * (a == b ? 1 + lambda : 1);
            }

            m[(4 * a) + 3] = jtr[a];
        }

        for (int col = 0; col < 3; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < 3; r++)
            {
                if (Math.Abs(m[(4 * r) + col]) > Math.Abs(m[(4 * pivot) + col]))
                {
                    pivot = r;
                }
            }

            if (!(Math.Abs(m[(4 * pivot) + col]) > 1e-300))
            {
                return false;
            }

            for (int k = 0; k < 4; k++)
            {
                (m[(4 * col) + k], m[(4 * pivot) + k]) = (m[(4 * pivot) + k], m[(4 * col) + k]);
            }

            for (int r = 0; r < 3; r++)
            {
                if (r == col)
                {
                    continue;
                }

                double f = m[(4 * r) + col] / m[(4 * col) + col];
                for (int k = col; k < 4; k++)
                {
                    m[(4 * r) + k] -= f * m[(4 * col) + k];
                }
            }
        }

        for (int a = 0; a < 3; a++)
        {
            step[a] = m[(4 * a) + 3] / m[(4 * a) + a];
            if (!double.IsFinite(step[a]))
            {
                return false;
            }
        }

        return true;
    }
}
