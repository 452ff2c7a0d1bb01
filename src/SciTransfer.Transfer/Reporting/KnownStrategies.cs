namespace SciTransfer.Transfer.Reporting;

/// <summary>
/// Strategy names the report treats specially. The harness contract will name them in one place; until the report
/// is handed them, these are its defaults.
/// </summary>
public static class KnownStrategies
{
    /// <summary>Target data only: the reference every comparison is made against.</summary>
    public const string Scratch = "scratch";

    /// <summary>The pre-trained source model unchanged.</summary>
    public const string SourceOnly = "source-only";

    /// <summary>All of the target pool: an upper bound, never "best".</summary>
    public const string Oracle = "oracle";

    /// <summary>
    /// Simple baselines used when a problem does not say which of its strategies are baselines: training mean,
    /// physics, correlations, fixed-window regression, the source model unchanged.
    /// </summary>
    public static IReadOnlyList<string> DefaultBaselines { get; } =
        ["train-mean", "persistence", "physics", "correlation", "fitted-correlation", "ols-w7", "source-only"];
}
