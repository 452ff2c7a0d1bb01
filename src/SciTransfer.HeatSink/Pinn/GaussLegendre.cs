namespace SciTransfer.HeatSink.Pinn;

/// <summary>Gauss-Legendre nodes and weights on [-1, 1] (Newton on P_n from the Chebyshev-like initial guess; cached per n).</summary>
public static class GaussLegendre
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, (double[] X, double[] W)> Cache = new();

    /// <summary>The n nodes (ascending) and weights; exact for polynomials of degree 2 n - 1.</summary>
    public static (double[] X, double[] W) Nodes(int n)
    {
        if (n < 1)
        {
            throw new ArgumentException($"GaussLegendre: need n >= 1, got {n}");
        }

        return Cache.GetOrAdd(n, Compute);
    }

    private static (double[] X, double[] W) Compute(int n)
    {
        var x = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 1;
            for (int it = 0; it < 100; it++)
            {
                // P_n(z) and P_n'(z) by the three-term recurrence.
                double p0 = 1, p1 = z;
                for (int k = 2; k <= n; k++)
                {
                    double p2 = (((2 * k) - 1) * z * p1 - ((k - 1) * p0)) / k;
                    p0 = p1;
                    p1 = p2;
                }

                double pn = n == 1 ? z : p1;
                double pm = n == 1 ? 1 : p0;
                dp = n * ((z * pn) - pm) / ((z * z) - 1);
                double dz = pn / dp;
                z -= dz;
                if (Math.Abs(dz) < 1e-16)
                {
                    break;
                }
            }

            x[n - 1 - i] = z;
            w[n - 1 - i] = 2 / ((1 - (z * z)) * dp * dp);
        }

        return (x, w);
    }
}
