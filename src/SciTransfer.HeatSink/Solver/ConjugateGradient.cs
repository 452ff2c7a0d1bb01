namespace SciTransfer.HeatSink.Solver;

/// <summary>Jacobi-preconditioned conjugate gradients for symmetric positive definite systems.</summary>
public static class ConjugateGradient
{
    /// <summary>
    /// Solves A x = b in place (x holds the initial guess). Stops when ||b - A x|| &lt;= tolerance * ||b||.
    /// Returns the iterations used; throws when it does not converge in <paramref name="maxIterations"/>.
    /// </summary>
    public static int Solve(CsrMatrix a, ReadOnlySpan<double> b, Span<double> x, double tolerance = 1e-12, int maxIterations = 100000)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.N;
        if (b.Length != n || x.Length != n)
        {
            throw new ArgumentException($"ConjugateGradient: A is {n}x{n} but b has {b.Length} and x has {x.Length} entries");
        }

        double[] invDiag = a.Diagonal();
        for (int i = 0; i < n; i++)
        {
            if (!(invDiag[i] > 0))
            {
                throw new InvalidOperationException($"ConjugateGradient: diagonal entry {i} is {invDiag[i]}; the matrix is not positive definite");
            }

            invDiag[i] = 1.0 / invDiag[i];
        }

        var r = new double[n];
        var z = new double[n];
        var p = new double[n];
        var q = new double[n];
        a.Multiply(x, q);
        double bNorm = 0;
        for (int i = 0; i < n; i++)
        {
            r[i] = b[i] - q[i];
            bNorm += b[i] * b[i];
        }

        bNorm = Math.Sqrt(bNorm);
        if (bNorm == 0)
        {
            x.Clear();
            return 0;
        }

        double rz = 0;
        for (int i = 0; i < n; i++)
        {
            z[i] = invDiag[i] * r[i];
            p[i] = z[i];
            rz += r[i] * z[i];
        }

        for (int it = 1; it <= maxIterations; it++)
        {
            a.Multiply(p, q);
            double pq = 0;
            for (int i = 0; i < n; i++)
            {
                pq += p[i] * q[i];
            }

            double alpha = rz / pq;
            double rr = 0;
            for (int i = 0; i < n; i++)
            {
                x[i] += alpha * p[i];
                r[i] -= alpha * q[i];
                rr += r[i] * r[i];
            }

            if (Math.Sqrt(rr) <= tolerance * bNorm)
            {
                return it;
            }

            double rzNew = 0;
            for (int i = 0; i < n; i++)
            {
                z[i] = invDiag[i] * r[i];
                rzNew += r[i] * z[i];
            }

            double beta = rzNew / rz;
            rz = rzNew;
            for (int i = 0; i < n; i++)
            {
                p[i] = z[i] + (beta * p[i]);
            }
        }

        throw new InvalidOperationException($"ConjugateGradient: no convergence to {tolerance:G3} in {maxIterations} iterations (n={n})");
    }
}
