using SciTransfer.Core.Random;

namespace SciTransfer.Epidemiology.Forest;

/// <summary>
/// Honest trees (Wager and Athey 2018; grf's default <c>honesty = TRUE</c>, <c>honesty.fraction = 0.5</c>): each tree
/// subsamples a fraction of the rows without replacement, chooses its splits on one half of that subsample and takes
/// its leaf values (and leaf members, hence the forest weights alpha_i(x)) from the other half, so a row never both
/// places a split and estimates the value next to it. Deviation from grf: a leaf that receives no estimation row keeps
/// the split half's mean (grf prunes such leaves away).
/// </summary>
internal static class HonestTree
{
    /// <summary>
    /// Draws the tree's subsample (<see cref="ForestOptions.SampleFraction"/> of the n rows, at least 2) and splits it in
    /// half: split-half weights (length n, 1 = in the half) and the estimation half's rows.
    /// </summary>
    public static (int[] SplitWeights, int[] EstimationRows) Draw(int n, ForestOptions options, Rng rng)
    {
        int take = Math.Clamp((int)(options.SampleFraction * n), Math.Min(2, n), n);
        int[] perm = rng.Permutation(n);
        int half = Math.Max(1, take / 2);
        var weights = new int[n];
        for (int i = 0; i < half; i++)
        {
            weights[perm[i]] = 1;
        }

        return (weights, perm[half..take]);
    }

    /// <summary>
    /// The tree with its leaf values, members and leaf variances re-estimated from <paramref name="rows"/> of
    /// (<paramref name="x"/>, <paramref name="y"/>); leaves without estimation rows keep theirs.
    /// </summary>
    public static RegressionTree Reestimate(RegressionTree tree, FeatureMatrix x, ReadOnlySpan<double> y, ReadOnlySpan<int> rows)
    {
        int nodes = tree.NodeCount;
        var sum = new double[nodes];
        var sumSq = new double[nodes];
        var count = new int[nodes];
        var leafOf = new int[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            int leaf = tree.LeafOf(x, rows[k]);
            leafOf[k] = leaf;
            double v = y[rows[k]];
            sum[leaf] += v;
            sumSq[leaf] += v * v;
            count[leaf]++;
        }

        var value = (double[])tree.Value.Clone();
        var weight = (double[])tree.Weight.Clone();
        var variance = (double[])tree.Variance.Clone();
        var start = new int[nodes];
        var members = new int[rows.Length];
        var memberWeights = new int[rows.Length];
        Array.Fill(memberWeights, 1);
        int offset = 0;
        for (int node = 0; node < nodes; node++)
        {
            start[node] = tree.Feature[node] >= 0 ? -1 : offset;
            if (tree.Feature[node] < 0)
            {
                offset += count[node];
                if (count[node] > 0)
                {
                    double mean = sum[node] / count[node];
                    value[node] = mean;
                    weight[node] = count[node];
                    variance[node] = Math.Max(0, (sumSq[node] / count[node]) - (mean * mean));
                }
            }
        }

        var fill = new int[nodes];
        for (int k = 0; k < rows.Length; k++)
        {
            int leaf = leafOf[k];
            members[start[leaf] + fill[leaf]++] = rows[k];
        }

        var memberCount = new int[nodes];
        for (int node = 0; node < nodes; node++)
        {
            memberCount[node] = tree.Feature[node] < 0 ? count[node] : 0;
        }

        return new RegressionTree(
            tree.Feature, tree.Threshold, tree.Left, tree.Right, value, weight, tree.FeatureCount, start, memberCount, members, memberWeights, variance);
    }
}
