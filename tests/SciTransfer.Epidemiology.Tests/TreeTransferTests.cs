using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Forest;
using SciTransfer.Epidemiology.TreeAdaptation;

namespace SciTransfer.Epidemiology.Tests;

public class TreeTransferTests
{
    private static (FeatureMatrix X, double[] Y) Steps(int n, double cut, double low, double high, double noise, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new double[n * 2];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = rng.NextDouble();
            x[n + i] = rng.NextDouble();
            y[i] = (x[i] <= cut ? low : high) + (noise * rng.Normal());
        }

        return (new FeatureMatrix(n, 2, x), y);
    }

    private static RegressionTree SourceTree(int maxDepth = int.MaxValue)
    {
        var (x, y) = Steps(400, 0.5, 0, 1, 0.05, 1);
        return RandomForest.Fit(x, y, new ForestOptions { Trees = 1, Sampling = SamplingScheme.All, MinSamplesLeaf = 20, MaxDepth = maxDepth }, new SeedTree(1)).Trees[0];
    }

    private static double Sse(RegressionTree tree, FeatureMatrix x, double[] y) =>
        Enumerable.Range(0, x.Rows).Sum(i => Math.Pow(tree.Predict(x, i) - y[i], 2));

    [Fact]
    public void Relabel_sets_each_leaf_to_the_mean_of_the_target_rows_it_receives()
    {
        var source = SourceTree();
        var (tx, ty) = Steps(50, 0.5, 2, 5, 0.1, 2);
        var tree = TreeTransfer.Relabel(source, tx, ty);
        Assert.Equal(source.NodeCount, tree.NodeCount);
        var byLeaf = Enumerable.Range(0, tx.Rows).GroupBy(i => source.LeafOf(tx, i));
        foreach (var g in byLeaf)
        {
            Assert.Equal(g.Average(i => ty[i]), tree.Predict(tx, g.First()), 12);
        }
    }

    [Fact]
    public void Ser_fits_the_target_rows_no_worse_than_relabel()
    {
        var source = SourceTree(maxDepth: 2);
        var (tx, ty) = Steps(60, 0.3, -1, 2, 0.2, 3);
        double relabel = Sse(TreeTransfer.Relabel(source, tx, ty), tx, ty);
        double ser = Sse(TreeTransfer.Ser(source, tx, ty), tx, ty);

        // Expansion only lowers the target error and reduction prunes only where it does not rise.
        Assert.True(ser <= relabel + 1e-9, $"SER SSE {ser:F4} vs relabel {relabel:F4}");
        Assert.True(ser < 0.5 * relabel, "the shifted step at 0.3 must be found by expansion");
    }

    [Fact]
    public void Strut_keeps_the_root_feature_and_moves_its_threshold_to_the_target_step()
    {
        var source = SourceTree(maxDepth: 1);
        Assert.Equal(0, source.Feature[0]);
        Assert.InRange(source.Threshold[0], 0.45, 0.55);
        var (tx, ty) = Steps(80, 0.3, 0, 1, 0.05, 4);
        var tree = TreeTransfer.Strut(source, tx, ty);
        Assert.Equal(0, tree.Feature[0]);
        Assert.InRange(tree.Threshold[0], 0.25, 0.35);
    }

    [Fact]
    public void Strut_swaps_the_children_when_the_target_relation_is_inverted()
    {
        var source = SourceTree(maxDepth: 1);
        var (tx, ty) = Steps(80, 0.5, 1, 0, 0.05, 5); // high on the left now
        var tree = TreeTransfer.Strut(source, tx, ty);
        Assert.True(tree.Predict([0.1, 0.5]) > 0.9);
        Assert.True(tree.Predict([0.9, 0.5]) < 0.1);
    }

    [Fact]
    public void Hellinger_distance_is_zero_for_equal_gaussians_and_near_one_for_distant_ones()
    {
        Assert.Equal(0, TreeTransfer.HellingerSquared(1, 2, 1, 2), 12);
        Assert.True(TreeTransfer.HellingerSquared(0, 1, 100, 1) > 0.999);
        Assert.Equal(TreeTransfer.HellingerSquared(0, 1, 2, 3), TreeTransfer.HellingerSquared(2, 3, 0, 1), 12);
    }
}
