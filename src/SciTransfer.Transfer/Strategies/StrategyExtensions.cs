namespace SciTransfer.Transfer.Strategies;

/// <summary>Look-ups over a problem's strategy list.</summary>
public static class StrategyExtensions
{
    /// <summary>The strategy named <paramref name="name"/>, or null.</summary>
    public static IStrategy? Find(this IEnumerable<IStrategy> strategies, string name) =>
        strategies.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>Names, in order.</summary>
    public static IReadOnlyList<string> Names(this IEnumerable<IStrategy> strategies) => [.. strategies.Select(s => s.Name)];

    /// <summary>True when any of <paramref name="strategies"/> needs the source model.</summary>
    public static bool AnyNeedsSource(this IEnumerable<IStrategy> strategies) => strategies.Any(s => s.Needs.HasFlag(StrategyNeeds.Source));

    /// <summary>Text of <paramref name="needs"/> for listings: "source, target labels".</summary>
    public static string Describe(this StrategyNeeds needs)
    {
        if (needs == StrategyNeeds.None)
        {
            return "nothing";
        }

        var parts = new List<string>();
        if (needs.HasFlag(StrategyNeeds.Source))
        {
            parts.Add("source");
        }

        if (needs.HasFlag(StrategyNeeds.TargetLabels))
        {
            parts.Add("target labels");
        }

        if (needs.HasFlag(StrategyNeeds.UnlabelledTarget))
        {
            parts.Add("unlabelled target");
        }

        if (needs.HasFlag(StrategyNeeds.WholePool))
        {
            parts.Add("whole target pool");
        }

        return string.Join(", ", parts);
    }
}
