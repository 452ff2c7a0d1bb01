using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;

namespace SciTransfer.Core.Nn;

/// <summary>
/// Inverted dropout: in training, each element is zeroed with probability <see cref="Rate"/> and
/// the survivors are scaled by 1 / (1 - rate), so evaluation needs no rescaling. The generator is
/// passed per call (one stream per training run). No parameters.
/// </summary>
public sealed class Dropout : IModule
{
    /// <summary>Creates the layer; 0 &lt;= rate &lt; 1.</summary>
    public Dropout(double rate)
    {
        if (!(rate >= 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "Dropout rate must be in [0, 1).");
        }

        Rate = rate;
    }

    /// <summary>Drop probability.</summary>
    public double Rate { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; } = [];

    /// <summary>x unchanged when not training (or rate 0); otherwise x times a fresh random mask drawn from <paramref name="rng"/>.</summary>
    public Var Forward(Tape tape, Var x, Rng rng, bool training)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(rng);
        if (!training || Rate == 0)
        {
            return x;
        }

        var mask = tape.Rent(x.Shape);
        double keep = 1 - Rate, scale = 1 / keep;
        Span<double> m = mask.Span;
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = rng.NextDouble() < keep ? scale : 0.0;
        }

        return Ops.Mul(x, tape.Constant(mask));
    }
}
