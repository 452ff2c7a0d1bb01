using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Forest;

namespace SciTransfer.Epidemiology.Tests;

public class HonestForestTests
{
    private static (FeatureMatrix X, double[] Y) Data(int n, int seed, double noise)
    {
        var rng = new Rng((ulong)seed);
        var data = new double[n * 3];
        var y = new double[n];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                data[(c * n) + r] = rng.NextDouble();
            }

            y[r] = (4 * data[r]) + (data[n + r] > 0.5 ? 2 : 0) + (noise * rng.Normal());
        }

        return (new FeatureMatrix(n, 3, data), y);
    }

    [Fact]
    public void Every_leaf_value_is_the_mean_of_its_estimation_members_and_they_are_not_split_rows()
    {
        var (x, y) = Data(400, 1, 0.5);
        var options = new ForestOptions { Trees = 5, Honest = true, SampleFraction = 0.5, MinSamplesLeaf = 5 };
        var forest = RandomForest.Fit(x, y, options, new SeedTree(2));
        foreach (var tree in forest.Trees)
        {
            int members = 0;
            for (int node = 0; node < tree.NodeCount; node++)
            {
                if (tree.Feature[node] >= 0)
                {
                    continue;
                }

                var (rows, _) = tree.Members(node);
                members += rows.Length;
                if (rows.Length > 0)
                {
                    double mean = rows.ToArray().Average(r => y[r]);
                    Assert.Equal(mean, tree.Value[node], 10);
                    Assert.All(rows.ToArray(), r => Assert.Equal(node, tree.LeafOf(x, r)));
                }
            }

            Assert.Equal(100, members); // the estimation half of a 200-row subsample
        }
    }

    [Fact]
    public void An_honest_forest_still_learns_the_function_and_is_reproducible()
    {
        var (x, y) = Data(2000, 3, 0.3);
        var (tx, ty) = Data(1000, 4, 0.0);
        var options = new ForestOptions { Trees = 60, Honest = true, MinSamplesLeaf = 5 };
        var a = RandomForest.Fit(x, y, options, new SeedTree(5));
        var b = RandomForest.Fit(x, y, options with { Threads = 3 }, new SeedTree(5));
        double mse = 0, variance = 0, mean = ty.Average();
        var pa = a.Predict(tx);
        var pb = b.Predict(tx);
        for (int i = 0; i < ty.Length; i++)
        {
            mse += (pa[i] - ty[i]) * (pa[i] - ty[i]) / ty.Length;
            variance += (ty[i] - mean) * (ty[i] - mean) / ty.Length;
        }

        Assert.True(mse < 0.1 * variance, $"honest forest test MSE {mse} vs variance {variance}");
        Assert.Equal(pa, pb);
    }
}
