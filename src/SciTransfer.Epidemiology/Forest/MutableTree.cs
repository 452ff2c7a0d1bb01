namespace SciTransfer.Epidemiology.Forest;

/// <summary>An editable tree (node lists) used by the transfer-tree strategies; frozen back into a <see cref="RegressionTree"/>.</summary>
internal sealed class MutableTree
{
    public List<int> Feature { get; } = [];

    public List<double> Threshold { get; } = [];

    public List<int> Left { get; } = [];

    public List<int> Right { get; } = [];

    public List<double> Value { get; } = [];

    public List<double> Weight { get; } = [];

    public List<double> Variance { get; } = [];

    public int Count => Feature.Count;

    public bool IsLeaf(int node) => Feature[node] < 0;

    public static MutableTree From(RegressionTree tree)
    {
        var m = new MutableTree();
        for (int i = 0; i < tree.NodeCount; i++)
        {
            m.Add(tree.Feature[i], tree.Threshold[i], tree.Left[i], tree.Right[i], tree.Value[i], tree.Weight[i], tree.Variance[i]);
        }

        return m;
    }

    public int Add(int feature, double threshold, int left, int right, double value, double weight, double variance)
    {
        Feature.Add(feature);
        Threshold.Add(threshold);
        Left.Add(left);
        Right.Add(right);
        Value.Add(value);
        Weight.Add(weight);
        Variance.Add(variance);
        return Feature.Count - 1;
    }

    public void MakeLeaf(int node, double value, double weight, double variance)
    {
        Feature[node] = -1;
        Left[node] = -1;
        Right[node] = -1;
        Value[node] = value;
        Weight[node] = weight;
        Variance[node] = variance;
    }

    /// <summary>Rows of <paramref name="x"/> reaching each node (top-down routing); index = node.</summary>
    public List<int>[] Route(FeatureMatrix x, IEnumerable<int> rows)
    {
        var at = new List<int>[Count];
        for (int i = 0; i < at.Length; i++)
        {
            at[i] = [];
        }

        at[0].AddRange(rows);
        var stack = new Stack<int>();
        stack.Push(0);
        while (stack.Count > 0)
        {
            int v = stack.Pop();
            if (IsLeaf(v))
            {
                continue;
            }

            foreach (int r in at[v])
            {
                (x[r, Feature[v]] <= Threshold[v] ? at[Left[v]] : at[Right[v]]).Add(r);
            }

            stack.Push(Left[v]);
            stack.Push(Right[v]);
        }

        return at;
    }

    /// <summary>Copies the nodes reachable from the root in depth-first order (children after parents).</summary>
    public RegressionTree Freeze(int featureCount)
    {
        var f = new List<int>();
        var th = new List<double>();
        var l = new List<int>();
        var r = new List<int>();
        var v = new List<double>();
        var w = new List<double>();
        var va = new List<double>();
        var stack = new Stack<(int Old, int Parent, bool IsLeft)>();
        stack.Push((0, -1, false));
        while (stack.Count > 0)
        {
            var (old, parent, isLeft) = stack.Pop();
            int id = f.Count;
            f.Add(Feature[old]);
            th.Add(Threshold[old]);
            l.Add(-1);
            r.Add(-1);
            v.Add(Value[old]);
            w.Add(Weight[old]);
            va.Add(Variance[old]);
            if (parent >= 0)
            {
                if (isLeft)
                {
                    l[parent] = id;
                }
                else
                {
                    r[parent] = id;
                }
            }

            if (Feature[old] >= 0)
            {
                stack.Push((Right[old], id, false));
                stack.Push((Left[old], id, true));
            }
        }

        return new RegressionTree([.. f], [.. th], [.. l], [.. r], [.. v], [.. w], featureCount, variance: [.. va]);
    }
}
