using SciTransfer.Epidemiology.Forest;

namespace SciTransfer.Epidemiology.Problems;

/// <summary>
/// The source model of <c>epidemiology/small-area-growth</c>: one random forest per forecast origin, each fitted on
/// the source counties' rows before that origin. Read-only; shared by every cell of a repeat.
/// </summary>
public sealed class SourceForests
{
    private readonly RandomForest[] _byOrigin;

    /// <summary>Wraps the forests, in forecast-origin order.</summary>
    public SourceForests(IReadOnlyList<RandomForest> byOrigin)
    {
        ArgumentNullException.ThrowIfNull(byOrigin);
        _byOrigin = [.. byOrigin];
    }

    /// <summary>Number of forecast origins.</summary>
    public int Count => _byOrigin.Length;

    /// <summary>The forest of origin index <paramref name="k"/>.</summary>
    public RandomForest this[int k] => _byOrigin[k];
}
