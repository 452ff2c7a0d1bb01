using SciTransfer.Core.Random;

namespace SciTransfer.HeatSink.Pinn.Balancing;

/// <summary>Creates a balancer by its config name.</summary>
public static class LossBalancers
{
    /// <summary>Every scheme name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fixed", "uncertainty", "lr-annealing", "softadapt", "relobralo", "gradnorm", "sa-pinn"];

    /// <summary>Creates scheme <paramref name="name"/> for <paramref name="terms"/> terms (the PDE term at <paramref name="pdeTerm"/>).</summary>
    public static ILossBalancer Create(string name, int terms, int pdeTerm, Rng rng) => name switch
    {
        "fixed" => new FixedWeights(Enumerable.Repeat(1.0, terms).ToArray()),
        "uncertainty" => new UncertaintyWeighting(terms),
        "lr-annealing" => new LearningRateAnnealing(terms, pdeTerm),
        "softadapt" => new SoftAdapt(terms),
        "relobralo" => new ReLoBRaLo(terms, rng),
        "gradnorm" => new GradNorm(terms),
        "sa-pinn" => new SelfAdaptiveWeights(terms),
        _ => throw new ArgumentException($"LossBalancers: unknown scheme '{name}' (known: {string.Join(", ", Names)})"),
    };
}
