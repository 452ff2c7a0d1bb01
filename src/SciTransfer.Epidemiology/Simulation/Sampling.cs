using SciTransfer.Core.Random;

namespace SciTransfer.Epidemiology.Simulation;

/// <summary>Integer-valued draws for the stochastic simulator (exact for small means, normal-approximated for large).</summary>
public static class Sampling
{
    /// <summary>Binomial(n, p): inversion when the smaller tail mean is below 25, else a rounded, clamped normal approximation.</summary>
    public static int Binomial(Rng rng, int n, double p)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (n <= 0 || p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return n;
        }

        if (p > 0.5)
        {
            return n - Binomial(rng, n, 1 - p);
        }

        double mean = n * p;
        if (mean < 25)
        {
            double q = 1 - p;
            double s = p / q;
            double a = (n + 1) * s;
            double r = Math.Pow(q, n);
            double u = rng.NextDouble();
            int x = 0;
            while (u > r && x < n)
            {
                u -= r;
                x++;
                r *= (a / x) - s;
            }

            return x;
        }

        double draw = Math.Round(mean + (Math.Sqrt(mean * (1 - p)) * rng.Normal()));
        return (int)Math.Clamp(draw, 0, n);
    }

    /// <summary>Poisson(lambda): multiplication method below 30, else a rounded, clamped normal approximation.</summary>
    public static int Poisson(Rng rng, double lambda)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (lambda <= 0)
        {
            return 0;
        }

        if (lambda < 30)
        {
            double limit = Math.Exp(-lambda);
            double prod = rng.NextDouble();
            int k = 0;
            while (prod > limit)
            {
                prod *= rng.NextDouble();
                k++;
            }

            return k;
        }

        return (int)Math.Max(0, Math.Round(lambda + (Math.Sqrt(lambda) * rng.Normal())));
    }
}
