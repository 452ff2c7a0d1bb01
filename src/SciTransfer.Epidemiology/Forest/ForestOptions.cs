namespace SciTransfer.Epidemiology.Forest;

/// <summary>How each tree sees the training rows.</summary>
public enum SamplingScheme
{
    /// <summary>n draws with replacement (scikit-learn's default); draw counts become row weights.</summary>
    Bootstrap,

    /// <summary>A fraction <see cref="ForestOptions.SampleFraction"/> of rows without replacement (grf's default, 0.5).</summary>
    Subsample,

    /// <summary>Every row once (a single CART tree, or a forest that varies only by feature sampling).</summary>
    All,
}

/// <summary>Settings of a regression forest; the defaults are scikit-learn's RandomForestRegressor defaults.</summary>
public sealed record ForestOptions
{
    /// <summary>Number of trees B.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Fraction of features drawn at each node, in (0, 1]; the count is max(1, floor(fraction * p)) as in scikit-learn.</summary>
    public double MaxFeatures { get; init; } = 1.0;

    /// <summary>Minimum number of distinct rows in a leaf.</summary>
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>Maximum depth (root = 0); int.MaxValue grows until leaves are pure or too small.</summary>
    public int MaxDepth { get; init; } = int.MaxValue;

    /// <summary>Row sampling per tree.</summary>
    public SamplingScheme Sampling { get; init; } = SamplingScheme.Bootstrap;

    /// <summary>Fraction of rows per tree under <see cref="SamplingScheme.Subsample"/>.</summary>
    public double SampleFraction { get; init; } = 0.5;

    /// <summary>
    /// Honest trees (grf): splits on one half of each tree's subsample of <see cref="SampleFraction"/>, leaf values from
    /// the other half (see <see cref="HonestTree"/>); <see cref="Sampling"/> is then ignored.
    /// </summary>
    public bool Honest { get; init; }

    /// <summary>Worker threads over trees (results do not depend on it).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Compute out-of-bag predictions and error during the fit.</summary>
    public bool ComputeOob { get; init; }

    /// <summary>Number of features tried per node for <paramref name="featureCount"/> features.</summary>
    public int FeaturesPerNode(int featureCount) => Math.Clamp((int)(MaxFeatures * featureCount), 1, featureCount);

    /// <summary>Throws ArgumentException naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Trees < 1)
        {
            throw new ArgumentException($"ForestOptions.Trees must be >= 1, found {Trees}");
        }

        if (!(MaxFeatures > 0 && MaxFeatures <= 1))
        {
            throw new ArgumentException($"ForestOptions.MaxFeatures must be in (0, 1], found {MaxFeatures}");
        }

        if (MinSamplesLeaf < 1)
        {
            throw new ArgumentException($"ForestOptions.MinSamplesLeaf must be >= 1, found {MinSamplesLeaf}");
        }

        if (MaxDepth < 0)
        {
            throw new ArgumentException($"ForestOptions.MaxDepth must be >= 0, found {MaxDepth}");
        }

        if (!(SampleFraction > 0 && SampleFraction <= 1))
        {
            throw new ArgumentException($"ForestOptions.SampleFraction must be in (0, 1], found {SampleFraction}");
        }

        if (Threads < 1)
        {
            throw new ArgumentException($"ForestOptions.Threads must be >= 1, found {Threads}");
        }
    }
}
