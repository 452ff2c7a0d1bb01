using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Random;

namespace SciTransfer.Transfer.Adaptation;

/// <summary>
/// Importance resampling (sampling-importance-resampling, Rubin 1988): draws row indices with replacement, row i with
/// probability w_i / sum_j w_j. A model trained with its ordinary unweighted loss on the drawn rows minimises, in
/// expectation, the w-weighted loss on the original rows; this is how importance weighting reaches models whose
/// trainers take no sample weights (random forests, the quantum models' mini-batch Adam).
/// </summary>
public static class ImportanceResampling
{
    /// <summary>
    /// <paramref name="count"/> indices in 0..w.Count-1 drawn independently from the categorical distribution
    /// w / sum w (inverse CDF by binary search; one <see cref="Rng.NextDouble"/> per draw, so the result depends only
    /// on the weights and the stream).
    /// </summary>
    /// <param name="weights">Non-negative, finite weights with a positive sum (length n).</param>
    /// <param name="count">Number of draws (&gt;= 0).</param>
    /// <param name="rng">The random stream.</param>
    public static int[] Draw(Vector<double> weights, int count, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var cdf = new double[weights.Count];
        double total = 0;
        for (int i = 0; i < cdf.Length; i++)
        {
            double w = weights[i];
            if (!(w >= 0) || double.IsInfinity(w))
            {
                throw new ArgumentException($"ImportanceResampling: weight {i} is {w}; weights must be finite and >= 0");
            }

            total += w;
            cdf[i] = total;
        }

        if (!(total > 0))
        {
            throw new ArgumentException($"ImportanceResampling: the {cdf.Length} weights sum to {total}; need a positive sum");
        }

        var drawn = new int[count];
        for (int k = 0; k < count; k++)
        {
            double u = rng.NextDouble() * total;
            // First index whose cumulative weight exceeds u: a zero-weight row is never drawn.
            int lo = 0, hi = cdf.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] > u)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            drawn[k] = lo;
        }

        return drawn;
    }
}
