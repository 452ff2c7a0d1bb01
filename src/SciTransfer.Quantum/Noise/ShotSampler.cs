using SciTransfer.Core.Random;
using SciTransfer.Quantum.Simulation;

namespace SciTransfer.Quantum.Noise;

/// <summary>
/// Finite-shot measurement: outcome counts drawn from the outcome probabilities with a seeded <see cref="Rng"/>
/// (deterministic for a given seed). An estimate of a Pauli-Z string from S shots has standard error
/// sqrt((1 - &lt;P&gt;^2) / S).
/// </summary>
public static class ShotSampler
{
    /// <summary>Multinomial counts of <paramref name="shots"/> measurements of every wire (inverse CDF per shot).</summary>
    public static void Counts(ReadOnlySpan<double> probabilities, int shots, Rng rng, Span<int> counts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        if (counts.Length != probabilities.Length)
        {
            throw new ArgumentException($"ShotSampler.Counts: {counts.Length} counters for {probabilities.Length} outcomes");
        }

        var cumulative = new double[probabilities.Length];
        double acc = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            acc += Math.Max(0, probabilities[i]);
            cumulative[i] = acc;
        }

        counts.Clear();
        for (int s = 0; s < shots; s++)
        {
            double u = rng.NextDouble() * acc;
            int k = Array.BinarySearch(cumulative, u);
            k = k >= 0 ? k + 1 : ~k; // first cumulative value strictly above u
            counts[Math.Min(k, counts.Length - 1)]++;
        }
    }

    /// <summary>Number of successes in <paramref name="shots"/> Bernoulli(<paramref name="p"/>) trials.</summary>
    public static int Binomial(int shots, double p, Rng rng)
    {
        int k = 0;
        for (int s = 0; s < shots; s++)
        {
            k += rng.NextDouble() < p ? 1 : 0;
        }

        return k;
    }

    /// <summary>
    /// Shot estimate of a diagonal observable (Z wires only): each shot's eigenvalue is (-1)^(parity of its Z
    /// wires), so the count of +1 outcomes is Binomial(shots, P(even parity)) and the estimate is (2k - S) / S.
    /// </summary>
    public static double EstimateDiagonal(ReadOnlySpan<double> probabilities, PauliString observable, int shots, Rng rng)
    {
        CheckDiagonal(observable);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shots);
        double even = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            if ((long.PopCount(i & observable.ZMask) & 1) == 0)
            {
                even += probabilities[i];
            }
        }

        int k = Binomial(shots, Math.Clamp(even, 0, 1), rng);
        return ((2.0 * k) - shots) / shots;
    }

    /// <summary>Throws unless the observable is a Z string (measurable in the computational basis).</summary>
    public static void CheckDiagonal(PauliString observable)
    {
        if (observable.FlipMask != 0)
        {
            throw new NotSupportedException($"ShotSampler: shots measure in the computational basis; observable {observable} has X or Y factors");
        }
    }
}
