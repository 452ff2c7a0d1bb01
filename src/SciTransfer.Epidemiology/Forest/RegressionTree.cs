using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SciTransfer.Epidemiology.Forest;

/// <summary>
/// A fitted CART regression tree in flat arrays (node 0 is the root). An internal node sends a row
/// left when <c>x[Feature] &lt;= Threshold</c>. Leaves have <c>Feature = -1</c>. Optionally keeps the
/// training rows (and their bootstrap weights) of every leaf, for forest neighbourhood weights.
/// </summary>
public sealed class RegressionTree : IRegressor
{
    /// <summary>Creates a tree from node arrays of equal length; member arrays may be null.</summary>
    public RegressionTree(
        int[] feature,
        double[] threshold,
        int[] left,
        int[] right,
        double[] value,
        double[] weight,
        int featureCount,
        int[]? memberStart = null,
        int[]? memberCount = null,
        int[]? memberRows = null,
        int[]? memberWeights = null,
        double[]? variance = null)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(weight);
        int n = feature.Length;
        if (n == 0 || threshold.Length != n || left.Length != n || right.Length != n || value.Length != n || weight.Length != n)
        {
            throw new ArgumentException("RegressionTree: node arrays must be non-empty and of equal length");
        }

        Feature = feature;
        Threshold = threshold;
        Left = left;
        Right = right;
        Value = value;
        Weight = weight;
        FeatureCount = featureCount;
        MemberStart = memberStart;
        MemberCount = memberCount;
        MemberRows = memberRows;
        MemberWeights = memberWeights;
        Variance = variance ?? new double[n];
        _nodes = new PackedNode[n];
        for (int i = 0; i < n; i++)
        {
            _nodes[i] = new PackedNode(feature[i] >= 0 ? threshold[i] : value[i], feature[i], left[i], right[i]);
        }
    }

    // One 24-byte record per node, so a traversal step touches one cache line instead of four arrays.
    private readonly PackedNode[] _nodes;

    /// <summary>Split feature per node; -1 for a leaf.</summary>
    public int[] Feature { get; }

    /// <summary>Split threshold per node (left when x &lt;= threshold).</summary>
    public double[] Threshold { get; }

    /// <summary>Left child per node (-1 for a leaf).</summary>
    public int[] Left { get; }

    /// <summary>Right child per node (-1 for a leaf).</summary>
    public int[] Right { get; }

    /// <summary>Prediction per node: the weighted mean of the training targets that reached it.</summary>
    public double[] Value { get; }

    /// <summary>Total training weight (bootstrap count) per node.</summary>
    public double[] Weight { get; }

    /// <summary>Weighted variance of the training targets per node (zeros when unknown).</summary>
    public double[] Variance { get; }

    /// <summary>Number of features the tree was fitted on.</summary>
    public int FeatureCount { get; }

    /// <summary>Per node, the start of its members in <see cref="MemberRows"/> (-1 for internal nodes), or null.</summary>
    public int[]? MemberStart { get; }

    /// <summary>Per node, the number of its members (0 for internal nodes), or null.</summary>
    public int[]? MemberCount { get; }

    /// <summary>Training rows grouped by leaf, or null.</summary>
    public int[]? MemberRows { get; }

    /// <summary>Bootstrap weights of <see cref="MemberRows"/>, or null.</summary>
    public int[]? MemberWeights { get; }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => Feature.Length;

    /// <summary>Number of leaves.</summary>
    public int LeafCount
    {
        get
        {
            int c = 0;
            foreach (int f in Feature)
            {
                if (f < 0)
                {
                    c++;
                }
            }

            return c;
        }
    }

    /// <summary>Leaf index reached by row <paramref name="row"/> of a column-major matrix.</summary>
    public int LeafOf(FeatureMatrix x, int row)
    {
        ArgumentNullException.ThrowIfNull(x);
        double[] data = x.Data;
        int n = x.Rows;
        int node = 0;
        PackedNode[] nodes = _nodes;
        int f;
        while ((f = nodes[node].Feature) >= 0)
        {
            ref readonly PackedNode p = ref nodes[node];
            node = data[(f * n) + row] <= p.Split ? p.Left : p.Right;
        }

        return node;
    }

    /// <summary>Leaf index reached by a single feature vector (length FeatureCount).</summary>
    public int LeafOf(ReadOnlySpan<double> features)
    {
        int node = 0;
        PackedNode[] nodes = _nodes;
        int f;
        while ((f = nodes[node].Feature) >= 0)
        {
            ref readonly PackedNode p = ref nodes[node];
            node = features[f] <= p.Split ? p.Left : p.Right;
        }

        return node;
    }

    /// <summary>Prediction for row <paramref name="row"/> of <paramref name="x"/>.</summary>
    public double Predict(FeatureMatrix x, int row) => Value[LeafOf(x, row)];

    /// <summary>Prediction for one feature vector.</summary>
    public double Predict(ReadOnlySpan<double> features) => Value[LeafOf(features)];

    /// <summary>Predictions for every row of <paramref name="x"/> into <paramref name="destination"/>.</summary>
    public void Predict(FeatureMatrix x, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(x);
        for (int r = 0; r < x.Rows; r++)
        {
            destination[r] = Value[LeafOf(x, r)];
        }
    }

    /// <summary>Adds the predictions for rows firstRow .. firstRow + destination.Length - 1 of <paramref name="x"/> to <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void PredictAdd(FeatureMatrix x, int firstRow, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns < FeatureCount || firstRow < 0 || firstRow + destination.Length > x.Rows)
        {
            throw new ArgumentException($"RegressionTree.PredictAdd: rows {firstRow}..{firstRow + destination.Length} of a {x.Rows} x {x.Columns} matrix for a tree on {FeatureCount} features");
        }

        double[] data = x.Data;
        int n = x.Rows;
        ref PackedNode nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref double cells = ref MemoryMarshal.GetArrayDataReference(data);
        for (int i = 0; i < destination.Length; i++)
        {
            int row = firstRow + i;
            ref PackedNode p = ref nodes;
            while (p.Feature >= 0)
            {
                int next = Unsafe.Add(ref cells, (p.Feature * n) + row) <= p.Split ? p.Left : p.Right;
                p = ref Unsafe.Add(ref nodes, next);
            }

            destination[i] += p.Split; // a leaf stores its value in Split
        }
    }

    /// <summary>The (rows, weights) of leaf <paramref name="leaf"/>; throws if members were not kept.</summary>
    public (ReadOnlyMemory<int> Rows, ReadOnlyMemory<int> Weights) Members(int leaf)
    {
        if (MemberStart is null || MemberCount is null || MemberRows is null || MemberWeights is null)
        {
            throw new InvalidOperationException("RegressionTree.Members: this tree was built without leaf members");
        }

        int start = MemberStart[leaf];
        if (start < 0)
        {
            throw new ArgumentException($"RegressionTree.Members: node {leaf} is not a leaf", nameof(leaf));
        }

        int count = MemberCount[leaf];
        return (MemberRows.AsMemory(start, count), MemberWeights.AsMemory(start, count));
    }

    /// <summary>Depth of the deepest leaf (root = 0).</summary>
    public int Depth
    {
        get
        {
            var depth = new int[NodeCount];
            int max = 0;
            for (int i = 0; i < NodeCount; i++)
            {
                if (Feature[i] >= 0)
                {
                    depth[Left[i]] = depth[i] + 1;
                    depth[Right[i]] = depth[i] + 1;
                }
                else
                {
                    max = Math.Max(max, depth[i]);
                }
            }

            return max;
        }
    }

    /// <summary>Split threshold (internal node) or leaf value, feature (-1 for a leaf) and children.</summary>
    private readonly record struct PackedNode(double Split, int Feature, int Left, int Right);
}
