using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Forest;

namespace SciTransfer.Epidemiology.Tests;

public class ForestTests
{
    private static (FeatureMatrix X, double[] Y) Friedman(int n, int seed, double noise)
    {
        var rng = new Rng((ulong)seed);
        var data = new double[n * 5];
        var y = new double[n];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < 5; c++)
            {
                data[(c * n) + r] = rng.NextDouble();
            }

            double x0 = data[r], x1 = data[n + r], x2 = data[(2 * n) + r], x3 = data[(3 * n) + r], x4 = data[(4 * n) + r];
            y[r] = (10 * Math.Sin(Math.PI * x0 * x1)) + (20 * (x2 - 0.5) * (x2 - 0.5)) + (10 * x3) + (5 * x4) + (noise * rng.Normal());
        }

        return (new FeatureMatrix(n, 5, data), y);
    }

    [Fact]
    public void Tree_fits_a_step_function_exactly()
    {
        var rng = new Rng(3);
        int n = 300;
        var x = new double[n * 2];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = rng.NextDouble();
            x[n + i] = rng.NextDouble(); // an irrelevant feature
            y[i] = x[i] <= 0.4 ? -1.0 : x[i] <= 0.7 ? 3.0 : 5.0;
        }

        var options = new ForestOptions { Trees = 1, Sampling = SamplingScheme.All };
        var forest = RandomForest.Fit(new FeatureMatrix(n, 2, x), y, options, new SeedTree(1));
        var tree = forest.Trees[0];

        // Pure leaves stop growth: three steps need exactly three leaves, all split on feature 0.
        Assert.Equal(3, tree.LeafCount);
        for (int v = 0; v < tree.NodeCount; v++)
        {
            Assert.True(tree.Feature[v] is -1 or 0);
        }

        for (int i = 0; i < n; i++)
        {
            Assert.Equal(y[i], forest.Predict([x[i], x[n + i]]));
        }

        foreach (double q in new[] { 0.0, 0.2, 0.39, 0.45, 0.69, 0.75, 0.99 })
        {
            double expected = q <= 0.4 ? -1.0 : q <= 0.7 ? 3.0 : 5.0;
            double lowest = x.AsSpan(0, n).ToArray().Where(v => v > 0.4).Min();
            if (q > 0.4 && q < lowest)
            {
                continue; // between the last training point of a step and the midpoint threshold
            }

            Assert.Equal(expected, tree.Predict([q, 0.5]));
        }
    }

    [Fact]
    public void Root_split_equals_a_brute_force_search_over_all_thresholds()
    {
        var rng = new Rng(11);
        int n = 60, p = 4;
        var x = new double[n * p];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < p; c++)
            {
                x[(c * n) + i] = Math.Round(rng.NextDouble() * 20) / 20; // ties on purpose
            }

            y[i] = (2 * x[i]) - (3 * x[(2 * n) + i]) + (0.3 * rng.Normal());
        }

        var forest = RandomForest.Fit(new FeatureMatrix(n, p, x), y, new ForestOptions { Trees = 1, Sampling = SamplingScheme.All, MaxDepth = 1 }, new SeedTree(2));
        var tree = forest.Trees[0];

        // Oracle: every feature, every threshold halfway between distinct values, minimise the children's SSE.
        double bestSse = double.PositiveInfinity;
        int bestF = -1;
        double bestT = 0;
        for (int f = 0; f < p; f++)
        {
            var values = Enumerable.Range(0, n).Select(i => x[(f * n) + i]).Distinct().OrderBy(v => v).ToArray();
            for (int k = 0; k + 1 < values.Length; k++)
            {
                double t = (values[k] + values[k + 1]) / 2;
                var left = Enumerable.Range(0, n).Where(i => x[(f * n) + i] <= t).Select(i => y[i]).ToArray();
                var right = Enumerable.Range(0, n).Where(i => x[(f * n) + i] > t).Select(i => y[i]).ToArray();
                double sse = left.Sum(v => (v - left.Average()) * (v - left.Average())) + right.Sum(v => (v - right.Average()) * (v - right.Average()));
                if (sse < bestSse - 1e-9)
                {
                    bestSse = sse;
                    bestF = f;
                    bestT = t;
                }
            }
        }

        Assert.Equal(bestF, tree.Feature[0]);
        Assert.Equal(bestT, tree.Threshold[0], 12);
    }

    [Fact]
    public void Forest_predicts_a_known_smooth_function_within_tolerance()
    {
        var (x, y) = Friedman(3000, 5, noise: 0);
        var (tx, ty) = Friedman(500, 6, noise: 0);
        var forest = RandomForest.Fit(x, y, new ForestOptions { Trees = 60, Threads = 2 }, new SeedTree(7));
        double[] p = forest.Predict(tx);
        double mse = p.Select((v, i) => (v - ty[i]) * (v - ty[i])).Average();
        double variance = ty.Select(v => (v - ty.Average()) * (v - ty.Average())).Average();

        // Friedman #1 has variance ~24; a 60-tree forest on 3000 noiseless rows explains > 90 % of it.
        Assert.True(mse < 0.1 * variance, $"test MSE {mse:F3} vs variance {variance:F3}");
    }

    [Fact]
    public void Forest_weights_sum_to_one_and_reproduce_the_forest_prediction()
    {
        var (x, y) = Friedman(800, 8, noise: 1);
        foreach (var sampling in new[] { SamplingScheme.Bootstrap, SamplingScheme.Subsample })
        {
            var forest = RandomForest.Fit(x, y, new ForestOptions { Trees = 25, MinSamplesLeaf = 5, MaxFeatures = 0.6, Sampling = sampling }, new SeedTree(9));
            var (qx, _) = Friedman(20, 10, noise: 0);
            var q = new double[5];
            for (int r = 0; r < qx.Rows; r++)
            {
                qx.CopyRow(r, q);
                double[] alpha = forest.Weights(q);
                Assert.All(alpha, a => Assert.True(a >= 0));
                Assert.Equal(1.0, alpha.Sum(), 12);
                double weighted = 0;
                for (int i = 0; i < alpha.Length; i++)
                {
                    weighted += alpha[i] * y[i];
                }

                Assert.Equal(forest.Predict(q), weighted, 10);
            }
        }
    }

    [Fact]
    public void Fitted_forest_does_not_depend_on_the_thread_count()
    {
        var (x, y) = Friedman(1500, 12, noise: 1);
        var (tx, _) = Friedman(300, 13, noise: 0);
        var options = new ForestOptions { Trees = 16, MaxFeatures = 0.4, ComputeOob = true };
        var one = RandomForest.Fit(x, y, options with { Threads = 1 }, new SeedTree(21));
        var four = RandomForest.Fit(x, y, options with { Threads = 4 }, new SeedTree(21));
        Assert.Equal(one.Predict(tx, 1), four.Predict(tx, 3));
        Assert.Equal(one.FeatureImportances, four.FeatureImportances);
        Assert.Equal(one.OobMse, four.OobMse);
        for (int t = 0; t < one.Trees.Count; t++)
        {
            Assert.Equal(one.Trees[t].Threshold, four.Trees[t].Threshold);
        }
    }

    [Fact]
    public void Out_of_bag_error_estimates_the_held_out_error()
    {
        var (x, y) = Friedman(2000, 14, noise: 1);
        var (tx, ty) = Friedman(2000, 15, noise: 1);
        var forest = RandomForest.Fit(x, y, new ForestOptions { Trees = 40, ComputeOob = true, Threads = 2 }, new SeedTree(3));
        double[] p = forest.Predict(tx);
        double test = p.Select((v, i) => (v - ty[i]) * (v - ty[i])).Average();
        Assert.False(double.IsNaN(forest.OobMse));
        Assert.InRange(forest.OobMse / test, 0.8, 1.25);
        Assert.All(forest.OobPredictions, v => Assert.False(double.IsNaN(v))); // 40 trees: every row is out of bag somewhere
    }

    [Fact]
    public void Importances_sum_to_one_and_rank_the_only_informative_feature_first()
    {
        var rng = new Rng(4);
        int n = 1000;
        var x = new double[n * 3];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = rng.NextDouble();
            x[n + i] = rng.NextDouble();
            x[(2 * n) + i] = rng.NextDouble();
            y[i] = (4 * x[i]) + (0.1 * rng.Normal());
        }

        var forest = RandomForest.Fit(new FeatureMatrix(n, 3, x), y, new ForestOptions { Trees = 20 }, new SeedTree(5));
        Assert.Equal(1.0, forest.FeatureImportances.Sum(), 12);
        Assert.True(forest.FeatureImportances[0] > 0.9, $"importance of x0 = {forest.FeatureImportances[0]:F3}");
    }

    [Fact]
    public void Depth_leaf_size_and_subsample_size_limits_are_respected()
    {
        var (x, y) = Friedman(1000, 16, noise: 1);
        var forest = RandomForest.Fit(x, y, new ForestOptions { Trees = 5, MaxDepth = 4, MinSamplesLeaf = 7, Sampling = SamplingScheme.Subsample, SampleFraction = 0.3 }, new SeedTree(6));
        foreach (var tree in forest.Trees)
        {
            Assert.True(tree.Depth <= 4);
            Assert.Equal(300, tree.Weight[0]);
            for (int v = 0; v < tree.NodeCount; v++)
            {
                if (tree.Feature[v] < 0)
                {
                    Assert.True(tree.Members(v).Rows.Length >= 7);
                }
            }
        }
    }

    [Theory]
    [InlineData("1.0", 10)]
    [InlineData("0.33", 3)]
    [InlineData("3", 3)]
    [InlineData("7", 7)]
    [InlineData("sqrt", 3)]
    [InlineData("log2", 3)]
    public void Bench_max_features_forms_give_scikit_learns_feature_counts(string text, int expected)
    {
        double fraction = Bench.RfFitWorkload.ParseMaxFeatures(text, 10);
        Assert.Equal(expected, new ForestOptions { MaxFeatures = fraction }.FeaturesPerNode(10));
    }
}
