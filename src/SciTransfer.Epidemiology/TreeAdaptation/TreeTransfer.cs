using SciTransfer.Epidemiology.Forest;

namespace SciTransfer.Epidemiology.TreeAdaptation;

/// <summary>
/// Regression ports of the transfer-tree strategies of Segev et al., "Learn on Source, Refine on Target"
/// (TPAMI 2017). Each takes a tree fitted on source data and target rows (x, y) and returns a new tree:
/// <list type="bullet">
/// <item>relabel: route target rows down the source tree; leaf values become target means (source value where no target row arrives).</item>
/// <item>SER: expand every leaf reached by target rows into a CART subtree on those rows, then, bottom-up, prune a node to a
/// leaf when the target squared error as a leaf is no larger than its subtree's.</item>
/// <item>STRUT: keep each node's feature, re-learn its threshold on the target rows that reach it by maximising the divergence
/// gain DG = 1 - (n_L/n) H^2(src_L, tgt_L) - (n_R/n) H^2(src_R, tgt_R), with H^2 the squared Hellinger distance between
/// Gaussians (the regression analogue of the paper's Jensen-Shannon divergence on class distributions), trying both child
/// orders; then relabel the leaves.</item>
/// <item>MIX: the union of the SER and STRUT trees (an ensemble of 2B trees).</item>
/// </list>
/// </summary>
public static class TreeTransfer
{
    /// <summary>Relabel: target means in the source tree's leaves.</summary>
    public static RegressionTree Relabel(RegressionTree source, FeatureMatrix x, ReadOnlySpan<double> y)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(x);
        var m = MutableTree.From(source);
        var at = m.Route(x, Enumerable.Range(0, x.Rows));
        for (int v = 0; v < m.Count; v++)
        {
            if (m.IsLeaf(v) && at[v].Count > 0)
            {
                var (mean, var, n) = Stats(at[v], y);
                m.MakeLeaf(v, mean, n, var);
            }
        }

        return m.Freeze(source.FeatureCount);
    }

    /// <summary>SER: structure expansion on target data, then reduction by target error.</summary>
    public static RegressionTree Ser(RegressionTree source, FeatureMatrix x, ReadOnlySpan<double> y)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(x);
        var m = MutableTree.From(source);
        var at = m.Route(x, Enumerable.Range(0, x.Rows));
        int original = m.Count;
        for (int v = 0; v < original; v++)
        {
            if (!m.IsLeaf(v) || at[v].Count == 0)
            {
                continue;
            }

            var (mean, var, n) = Stats(at[v], y);
            m.MakeLeaf(v, mean, n, var);
            SmallCart.Expand(m, v, at[v], x, y, depth: 0);
        }

        at = m.Route(x, Enumerable.Range(0, x.Rows));
        Reduce(m, 0, at, y);
        return m.Freeze(source.FeatureCount);
    }

    /// <summary>STRUT: thresholds re-learned on target data by Gaussian divergence gain, then relabelled leaves.</summary>
    public static RegressionTree Strut(RegressionTree source, FeatureMatrix x, ReadOnlySpan<double> y)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(x);
        var m = MutableTree.From(source);
        double[] yArr = y.ToArray();
        var stack = new Stack<(int Node, List<int> Rows)>();
        stack.Push((0, [.. Enumerable.Range(0, x.Rows)]));
        while (stack.Count > 0)
        {
            var (v, rows) = stack.Pop();
            if (rows.Count == 0)
            {
                continue; // no target evidence: the source subtree stays as it is
            }

            if (m.IsLeaf(v))
            {
                var (mean, var, n) = Stats(rows, yArr);
                m.MakeLeaf(v, mean, n, var);
                continue;
            }

            RelearnThreshold(m, v, rows, x, yArr);
            var left = new List<int>();
            var right = new List<int>();
            foreach (int r in rows)
            {
                (x[r, m.Feature[v]] <= m.Threshold[v] ? left : right).Add(r);
            }

            stack.Push((m.Left[v], left));
            stack.Push((m.Right[v], right));
        }

        return m.Freeze(source.FeatureCount);
    }

    /// <summary>Adapts every tree of a forest with <paramref name="method"/> (B trees; 2B for <see cref="TreeTransferMethod.Mix"/>).</summary>
    public static TreeEnsemble AdaptForest(IReadOnlyList<RegressionTree> trees, TreeTransferMethod method, FeatureMatrix x, ReadOnlySpan<double> y)
    {
        ArgumentNullException.ThrowIfNull(trees);
        if (method == TreeTransferMethod.Mix)
        {
            return new TreeEnsemble([.. AdaptForest(trees, TreeTransferMethod.Ser, x, y).Trees, .. AdaptForest(trees, TreeTransferMethod.Strut, x, y).Trees]);
        }

        var adapted = new RegressionTree[trees.Count];
        for (int t = 0; t < trees.Count; t++)
        {
            adapted[t] = method switch
            {
                TreeTransferMethod.Relabel => Relabel(trees[t], x, y),
                TreeTransferMethod.Ser => Ser(trees[t], x, y),
                TreeTransferMethod.Strut => Strut(trees[t], x, y),
                _ => throw new ArgumentOutOfRangeException(nameof(method), method, "TreeTransfer.AdaptForest: unknown method"),
            };
        }

        return new TreeEnsemble(adapted);
    }

    /// <summary>Squared Hellinger distance between N(m1, v1) and N(m2, v2), in [0, 1].</summary>
    public static double HellingerSquared(double m1, double v1, double m2, double v2)
    {
        double s = v1 + v2;
        return 1 - (Math.Sqrt(2 * Math.Sqrt(v1 * v2) / s) * Math.Exp(-(m1 - m2) * (m1 - m2) / (4 * s)));
    }

    private static void RelearnThreshold(MutableTree m, int v, List<int> rows, FeatureMatrix x, double[] y)
    {
        int f = m.Feature[v];
        int l = m.Left[v], r = m.Right[v];
        double floor = 1e-8;
        double mL = m.Value[l], vL = Math.Max(m.Variance[l], floor);
        double mR = m.Value[r], vR = Math.Max(m.Variance[r], floor);
        var sorted = rows.OrderBy(i => x[i, f]).ThenBy(i => i).ToArray();
        int n = sorted.Length;
        double total = 0, totalSq = 0;
        foreach (int i in sorted)
        {
            total += y[i];
            totalSq += y[i] * y[i];
        }

        double bestGain = double.NegativeInfinity, bestThreshold = m.Threshold[v];
        bool bestSwap = false;
        double sl = 0, sql = 0;
        for (int k = 0; k < n - 1; k++)
        {
            double yi = y[sorted[k]];
            sl += yi;
            sql += yi * yi;
            double a = x[sorted[k], f], b = x[sorted[k + 1], f];
            if (b <= a)
            {
                continue;
            }

            int nl = k + 1, nr = n - nl;
            double meanL = sl / nl, meanR = (total - sl) / nr;
            double ssL = Math.Max(0, sql - (nl * meanL * meanL)), ssR = Math.Max(0, totalSq - sql - (nr * meanR * meanR));
            for (int swap = 0; swap < 2; swap++)
            {
                // Source child assigned to each side; one pseudo-observation of source variance shrinks small samples.
                double sMl = swap == 0 ? mL : mR, sVl = swap == 0 ? vL : vR;
                double sMr = swap == 0 ? mR : mL, sVr = swap == 0 ? vR : vL;
                double tVl = Math.Max((ssL + sVl) / (nl + 1), floor), tVr = Math.Max((ssR + sVr) / (nr + 1), floor);
                double gain = 1 - ((nl / (double)n) * HellingerSquared(sMl, sVl, meanL, tVl)) - ((nr / (double)n) * HellingerSquared(sMr, sVr, meanR, tVr));
                if (gain > bestGain)
                {
                    bestGain = gain;
                    double mid = (a * 0.5) + (b * 0.5);
                    bestThreshold = mid >= b ? a : mid;
                    bestSwap = swap == 1;
                }
            }
        }

        m.Threshold[v] = bestThreshold;
        if (bestSwap)
        {
            (m.Left[v], m.Right[v]) = (m.Right[v], m.Left[v]);
        }
    }

    /// <summary>Bottom-up pruning; returns the subtree's target squared error.</summary>
    private static double Reduce(MutableTree m, int v, List<int>[] at, ReadOnlySpan<double> y)
    {
        if (m.IsLeaf(v))
        {
            double e = 0;
            foreach (int r in at[v])
            {
                e += (y[r] - m.Value[v]) * (y[r] - m.Value[v]);
            }

            return e;
        }

        double sub = Reduce(m, m.Left[v], at, y) + Reduce(m, m.Right[v], at, y);
        if (at[v].Count == 0)
        {
            return sub;
        }

        var (mean, var, n) = Stats(at[v], y);
        double leafError = var * n;
        if (leafError <= sub)
        {
            m.MakeLeaf(v, mean, n, var);
            return leafError;
        }

        return sub;
    }

    internal static (double Mean, double Variance, int Count) Stats(List<int> rows, ReadOnlySpan<double> y)
    {
        double s = 0, sq = 0;
        foreach (int r in rows)
        {
            s += y[r];
            sq += y[r] * y[r];
        }

        double mean = s / rows.Count;
        return (mean, Math.Max(0, (sq / rows.Count) - (mean * mean)), rows.Count);
    }
}
