namespace SciTransfer.Epidemiology.Forest;

/// <summary>An average of regression trees (e.g. a source forest whose trees were adapted to target data).</summary>
public sealed class TreeEnsemble : IRegressor
{
    /// <summary>Wraps <paramref name="trees"/> (at least one).</summary>
    public TreeEnsemble(IReadOnlyList<RegressionTree> trees)
    {
        ArgumentNullException.ThrowIfNull(trees);
        if (trees.Count == 0)
        {
            throw new ArgumentException("TreeEnsemble: no trees", nameof(trees));
        }

        Trees = trees;
    }

    /// <summary>The trees.</summary>
    public IReadOnlyList<RegressionTree> Trees { get; }

    /// <inheritdoc />
    public double Predict(ReadOnlySpan<double> features)
    {
        double s = 0;
        foreach (var t in Trees)
        {
            s += t.Predict(features);
        }

        return s / Trees.Count;
    }
}
