namespace SciTransfer.Transfer.Strategies;

/// <summary>
/// The names shared by every problem. Each is spelled here once; domains refer to these constants instead of
/// typing the strings, and the summary (data efficiency over scratch, retention over source-only) looks them up here.
/// </summary>
public static class StrategyNames
{
    /// <summary>Train on the target subset alone, from a fresh initialisation: the reference every gain is measured against.</summary>
    public const string Scratch = "scratch";

    /// <summary>Use the source model on the target without adapting it (n is ignored).</summary>
    public const string SourceOnly = "source-only";

    /// <summary>Start from the source model and train it on the target subset.</summary>
    public const string FineTune = "fine-tune";

    /// <summary>Train on the whole target pool (an upper bound that ignores n; not a usable strategy).</summary>
    public const string Oracle = "oracle";
}
