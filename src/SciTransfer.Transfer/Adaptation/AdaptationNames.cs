namespace SciTransfer.Transfer.Adaptation;

/// <summary>Names of the domain-adaptation strategies (spelled once, like <see cref="Strategies.StrategyNames"/>).</summary>
public static class AdaptationNames
{
    /// <summary>Correlation alignment of the source inputs (<see cref="CoralStrategy"/>).</summary>
    public const string Coral = "coral";

    /// <summary>Source samples weighted by an estimated density ratio (<see cref="ImportanceWeightingStrategy"/>).</summary>
    public const string ImportanceWeighting = "importance-weighting";

    /// <summary>Deep CORAL loss on a hidden layer (<see cref="DeepCoralStrategy"/>).</summary>
    public const string DeepCoral = "deep-coral";

    /// <summary>Multi-kernel MMD on a hidden layer (<see cref="MmdStrategy"/>).</summary>
    public const string Mmd = "mmd";

    /// <summary>Domain-adversarial training (<see cref="DannStrategy"/>).</summary>
    public const string Dann = "dann";
}
