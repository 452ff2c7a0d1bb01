using SciTransfer.Epidemiology.Forest;

namespace SciTransfer.Epidemiology.TreeAdaptation;

/// <summary>
/// Exhaustive CART growth on a small row set, grafted into a <see cref="MutableTree"/> (SER's expansion step).
/// Sorts per node (fine for the few target rows that reach a source leaf).
/// </summary>
internal static class SmallCart
{
    private const int MaxDepth = 32;

    /// <summary>Turns leaf <paramref name="node"/> (already holding the mean of <paramref name="rows"/>) into a fully grown subtree.</summary>
    public static void Expand(MutableTree m, int node, List<int> rows, FeatureMatrix x, ReadOnlySpan<double> y, int depth)
    {
        if (rows.Count < 2 || depth >= MaxDepth)
        {
            return;
        }

        var (mean, var, _) = TreeTransfer.Stats(rows, y);
        if (var <= 1e-12 * Math.Max(1, mean * mean))
        {
            return;
        }

        double total = 0;
        foreach (int r in rows)
        {
            total += y[r];
        }

        int n = rows.Count;
        double parent = total * total / n;
        double best = parent + (1e-12 * Math.Abs(parent)) + 1e-300;
        int bestFeature = -1;
        double bestThreshold = 0;
        var idx = new int[n];
        var keys = new double[n];
        for (int f = 0; f < x.Columns; f++)
        {
            for (int k = 0; k < n; k++)
            {
                idx[k] = rows[k];
                keys[k] = x[rows[k], f];
            }

            Array.Sort(keys, idx);
            double sl = 0;
            for (int k = 0; k < n - 1; k++)
            {
                sl += y[idx[k]];
                if (keys[k + 1] <= keys[k])
                {
                    continue;
                }

                double sr = total - sl;
                double proxy = (sl * sl / (k + 1)) + (sr * sr / (n - k - 1));
                if (proxy > best)
                {
                    best = proxy;
                    bestFeature = f;
                    double mid = (keys[k] * 0.5) + (keys[k + 1] * 0.5);
                    bestThreshold = mid >= keys[k + 1] ? keys[k] : mid;
                }
            }
        }

        if (bestFeature < 0)
        {
            return;
        }

        var left = new List<int>();
        var right = new List<int>();
        foreach (int r in rows)
        {
            (x[r, bestFeature] <= bestThreshold ? left : right).Add(r);
        }

        var (ml, vl, nl) = TreeTransfer.Stats(left, y);
        var (mr, vr, nr) = TreeTransfer.Stats(right, y);
        int li = m.Add(-1, 0, -1, -1, ml, nl, vl);
        int ri = m.Add(-1, 0, -1, -1, mr, nr, vr);
        m.Feature[node] = bestFeature;
        m.Threshold[node] = bestThreshold;
        m.Left[node] = li;
        m.Right[node] = ri;
        Expand(m, li, left, x, y, depth + 1);
        Expand(m, ri, right, x, y, depth + 1);
    }
}
