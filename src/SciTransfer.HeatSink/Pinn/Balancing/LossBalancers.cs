using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Nn;

namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>Creates a balancer by its config name.</summary>
public static class LossBalancers
{
    /// <summary>Every scheme name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fixed", "uncertainty", "lr-annealing", "softadapt", "relobralo", "gradnorm", "sa-pinn"];

    /// <summary>
    /// Creates scheme <paramref name="name"/> for <paramref name="terms"/> terms (the PDE term at <paramref name="pdeTerm"/>);
    /// <paramref name="sharedWeights"/> (offset, length) is GradNorm's W within the flat parameter gradient (null: all of it);
    /// <paramref name="lrAnnealing"/> and <paramref name="weightMatrices"/> (see <see cref="WeightMatrices"/>; null: the
    /// whole gradient as one block) choose learning-rate annealing's estimator.
    /// </summary>
    public static ILossBalancer Create(string name, int terms, int pdeTerm, Rng rng, (int Offset, int Length)? sharedWeights = null, LrAnnealingConvention lrAnnealing = LrAnnealingConvention.Authors, IReadOnlyList<(int Offset, int Length)>? weightMatrices = null) => name switch
    {
        "fixed" => new FixedWeights(Enumerable.Repeat(1.0, terms).ToArray()),
        "uncertainty" => new UncertaintyWeighting(terms),
        "lr-annealing" => new LearningRateAnnealing(terms, pdeTerm, convention: lrAnnealing, weightMatrices: weightMatrices),
        "softadapt" => new SoftAdapt(terms),
        "relobralo" => new ReLoBRaLo(terms, rng),
        "gradnorm" => sharedWeights is { } w ? new GradNorm(terms, sharedOffset: w.Offset, sharedLength: w.Length) : new GradNorm(terms),
        "sa-pinn" => new SelfAdaptiveWeights(terms),
        _ => throw new ArgumentException($"LossBalancers: unknown scheme '{name}' (known: {string.Join(", ", Names)})"),
    };

    /// <summary>
    /// Where the output layer's weight matrix sits in <paramref name="net"/>'s flat parameter layout: the weights every
    /// loss term shares last, GradNorm's W (Chen et al. use the last shared layer).
    /// </summary>
    public static (int Offset, int Length) OutputLayerWeights(FieldMlp net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var weight = net.Layer(net.LayerCount - 1).Weight;
        int offset = 0;
        foreach (var p in net.Parameters)
        {
            if (ReferenceEquals(p, weight))
            {
                return (offset, p.Count);
            }

            offset += p.Count;
        }

        throw new InvalidOperationException("LossBalancers: the output layer's weight is not among the network's parameters");
    }

    /// <summary>
    /// Where each trainable weight matrix of <paramref name="net"/> sits in its flat parameter layout, leaving out the
    /// biases and the first <paramref name="frozenLayers"/> layers (frozen: their gradients are zero): the blocks over
    /// which the authors of learning-rate annealing take their gradient statistics.
    /// </summary>
    public static IReadOnlyList<(int Offset, int Length)> WeightMatrices(FieldMlp net, int frozenLayers = 0)
    {
        ArgumentNullException.ThrowIfNull(net);
        var wanted = Enumerable.Range(Math.Max(0, frozenLayers), Math.Max(0, net.LayerCount - Math.Max(0, frozenLayers))).Select(l => net.Layer(l).Weight).ToList();
        var blocks = new List<(int Offset, int Length)>();
        int offset = 0;
        foreach (var p in net.Parameters)
        {
            if (wanted.Any(w => ReferenceEquals(w, p)))
            {
                blocks.Add((offset, p.Count));
            }

            offset += p.Count;
        }

        if (blocks.Count != wanted.Count)
        {
            throw new InvalidOperationException("LossBalancers: a layer's weight is not among the network's parameters");
        }

        return blocks;
    }
}
