using SciTransfer.Epidemiology.Forest;

namespace SciTransfer.Epidemiology;

/// <summary>A growing set of TLRF training rows (row-major features, growth targets, county of each row).</summary>
public sealed class GrowthRows
{
    private readonly List<double> _x = [];
    private readonly List<double> _y = [];
    private readonly List<int> _county = [];

    /// <summary>Creates an empty set of rows with <paramref name="featureCount"/> features.</summary>
    public GrowthRows(int featureCount)
    {
        FeatureCount = featureCount;
    }

    /// <summary>Features per row.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of rows.</summary>
    public int Count => _y.Count;

    /// <summary>Growth targets (per day).</summary>
    public IReadOnlyList<double> Targets => _y;

    /// <summary>County of each row.</summary>
    public IReadOnlyList<int> CountyOf => _county;

    /// <summary>Appends one row.</summary>
    public void Add(ReadOnlySpan<double> features, double target, int county)
    {
        if (features.Length != FeatureCount)
        {
            throw new ArgumentException($"GrowthRows.Add: {features.Length} features, expected {FeatureCount}");
        }

        foreach (double v in features)
        {
            _x.Add(v);
        }

        _y.Add(target);
        _county.Add(county);
    }

    /// <summary>Appends every row of <paramref name="other"/>.</summary>
    public void AddAll(GrowthRows other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _x.AddRange(other._x);
        _y.AddRange(other._y);
        _county.AddRange(other._county);
    }

    /// <summary>The rows as a column-major matrix and a target array.</summary>
    public (FeatureMatrix X, double[] Y) ToMatrix()
    {
        int n = Count, p = FeatureCount;
        var data = new double[n * p];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < p; c++)
            {
                data[(c * n) + r] = _x[(r * p) + c];
            }
        }

        return (new FeatureMatrix(n, p, data), [.. _y]);
    }
}
