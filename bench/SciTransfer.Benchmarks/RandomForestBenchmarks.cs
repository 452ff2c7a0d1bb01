using BenchmarkDotNet.Attributes;
using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Forest;

namespace SciTransfer.Benchmarks;

/// <summary>
/// <see cref="RandomForest.Fit"/> on Friedman #1 data generated here (10 uniform features,
/// y = 10 sin(pi x0 x1) + 20 (x2 - 0.5)^2 + 10 x3 + 5 x4 + N(0, 1)), with the settings of
/// <c>scitransfer bench rf-fit</c> and shared/peers/sklearn_rf.py (bootstrap, min_samples_leaf 1,
/// unlimited depth, max_features 1.0) but 10 trees instead of 100 so a short job takes seconds:
/// fit time is linear in the tree count. Predict on 5,000 rows is timed separately.
/// </summary>
[MemoryDiagnoser]
public class RandomForestBenchmarks
{
    private const int Features = 10;
    private const int TestRows = 5000;

    private FeatureMatrix _x = null!;
    private double[] _y = [];
    private FeatureMatrix _test = null!;
    private RandomForest _forest = null!;
    private ForestOptions _options = null!;

    /// <summary>Training rows (the peer uses 10,000).</summary>
    [Params(2000, 10000)]
    public int Rows { get; set; } = 10000;

    /// <summary>Trees in the forest.</summary>
    [Params(10)]
    public int Trees { get; set; } = 10;

    /// <summary>Threads over trees.</summary>
    [Params(1)]
    public int Threads { get; set; } = 1;

    /// <summary>Generates the data (seed 2) and fits one forest for the predict benchmark.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(2);
        (_x, _y) = Friedman1(Rows, rng);
        (_test, _) = Friedman1(TestRows, rng);
        _options = new ForestOptions
        {
            Trees = Trees,
            Threads = Threads,
            MaxFeatures = 1.0,
            MinSamplesLeaf = 1,
            Sampling = SamplingScheme.Bootstrap,
        };
        _forest = Fit();
    }

    /// <summary>Fits the forest (same seeds every call, so every call does the same work).</summary>
    [Benchmark]
    public RandomForest Fit() => RandomForest.Fit(_x, _y, _options, new SeedTree(20261121).Child("rf-fit"));

    /// <summary>Predicts 5,000 test rows with the fitted forest.</summary>
    [Benchmark]
    public double[] Predict5000() => _forest.Predict(_test, Threads);

    private static (FeatureMatrix X, double[] Y) Friedman1(int rows, Rng rng)
    {
        var columnMajor = new double[rows * Features];
        rng.FillUniform(columnMajor, 0, 1);
        var noise = new double[rows];
        rng.FillNormal(noise);
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double x0 = columnMajor[i], x1 = columnMajor[rows + i], x2 = columnMajor[(2 * rows) + i];
            double x3 = columnMajor[(3 * rows) + i], x4 = columnMajor[(4 * rows) + i];
            y[i] = (10 * Math.Sin(Math.PI * x0 * x1)) + (20 * (x2 - 0.5) * (x2 - 0.5)) + (10 * x3) + (5 * x4) + noise[i];
        }

        return (new FeatureMatrix(rows, Features, columnMajor), y);
    }
}
