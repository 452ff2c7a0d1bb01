using SciTransfer.Core.Random;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Nn;

/// <summary>Weight initialisers; the generator is always passed in.</summary>
public static class Init
{
    /// <summary>Fills with Uniform(-bound, bound).</summary>
    public static void Uniform(Tensor t, double bound, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(rng);
        Span<double> s = t.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = rng.Uniform(-bound, bound);
        }
    }

    /// <summary>Glorot/Xavier uniform: bound sqrt(6 / (fanIn + fanOut)) (times the tanh-free gain 1).</summary>
    public static void GlorotUniform(Tensor t, int fanIn, int fanOut, Rng rng) =>
        Uniform(t, Math.Sqrt(6.0 / (fanIn + fanOut)), rng);

    /// <summary>He/Kaiming uniform for ReLU layers: bound sqrt(6 / fanIn).</summary>
    public static void HeUniform(Tensor t, int fanIn, Rng rng) => Uniform(t, Math.Sqrt(6.0 / fanIn), rng);
}
