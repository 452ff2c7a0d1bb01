using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SciTransfer.Core.Random;

namespace SciTransfer.Epidemiology.Forest;

/// <summary>
/// Grows one CART regression tree by exhaustive best-split search on presorted features.
/// The in-bag rows are sorted once per tree for every feature (by filtering a global argsort);
/// a split then partitions every feature's sorted segment stably, so no node ever sorts again.
/// One builder is one worker's scratch space (reused across the trees that worker grows);
/// it is not thread-safe.
/// </summary>
internal sealed class TreeBuilder
{
    private readonly FeatureMatrix _x;
    private readonly double[] _y;
    private readonly int[] _globalOrder;
    private readonly int _n;
    private readonly int _p;

    // Ping-pong buffers: a node at depth d keeps its segments in (d even ? _entries : _other), and its split
    // writes the children into the other buffer, so a partition is one streaming pass with no copy back.
    private readonly Entry[] _entries;
    private readonly Entry[] _other;
    private readonly int[] _memberRows;
    private readonly int[] _memberWeights;
    private readonly int[] _weights;
    private readonly byte[] _goesLeft;
    private readonly int[] _features;
    private readonly int[] _perm;
    private readonly Stack<Pending> _stack = new();

    private int[] _nodeFeature = new int[64];
    private double[] _nodeThreshold = new double[64];
    private int[] _nodeLeft = new int[64];
    private int[] _nodeRight = new int[64];
    private double[] _nodeValue = new double[64];
    private double[] _nodeWeight = new double[64];
    private double[] _nodeVariance = new double[64];
    private int[] _nodeMemberStart = new int[64];
    private int[] _nodeMemberCount = new int[64];
    private int _nodeCount;

    /// <summary>Creates a builder over training data <paramref name="x"/> (n x p) and <paramref name="y"/> (n),
    /// with <paramref name="globalOrder"/> (p x n) holding each feature's row argsort.</summary>
    public TreeBuilder(FeatureMatrix x, double[] y, int[] globalOrder)
    {
        _x = x;
        _y = y;
        _globalOrder = globalOrder;
        _n = x.Rows;
        _p = x.Columns;
        _entries = new Entry[_n * _p];
        _other = new Entry[_n * _p];
        _memberRows = new int[_n];
        _memberWeights = new int[_n];
        _weights = new int[_n];
        _goesLeft = new byte[_n];
        _features = new int[_p];
        _perm = new int[_n];
    }

    /// <summary>Row weights (draw counts) of the last tree grown; 0 marks an out-of-bag row.</summary>
    public ReadOnlySpan<int> Weights => _weights;

    /// <summary>Argsort of every column: (p x n) row indices, column c at c*n.</summary>
    public static int[] ArgsortColumns(FeatureMatrix x, int threads)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Rows;
        var order = new int[n * x.Columns];
        Parallel.For(0, x.Columns, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
        {
            var keys = x.Column(c).ToArray();
            var idx = order.AsSpan(c * n, n);
            for (int i = 0; i < n; i++)
            {
                idx[i] = i;
            }

            // Equal keys keep row order so the argsort is deterministic.
            var pairs = new (double Key, int Row)[n];
            for (int i = 0; i < n; i++)
            {
                pairs[i] = (keys[i], i);
            }

            Array.Sort(pairs, static (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Row.CompareTo(b.Row));
            for (int i = 0; i < n; i++)
            {
                idx[i] = pairs[i].Row;
            }
        });
        return order;
    }

    /// <summary>
    /// Grows a tree. Rows are drawn by <paramref name="options"/>'s sampling scheme from <paramref name="rng"/>,
    /// unless <paramref name="fixedWeights"/> (length n, non-negative counts) is given. Adds each split's
    /// weighted variance decrease to <paramref name="importance"/> (length p).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RegressionTree Grow(ForestOptions options, Rng rng, Span<double> importance, ReadOnlySpan<int> fixedWeights = default)
    {
        DrawWeights(options, rng, fixedWeights);

        // Sorted in-bag entries per feature, stride m.
        int m = 0;
        for (int i = 0; i < _n; i++)
        {
            if (_weights[i] > 0)
            {
                m++;
            }
        }

        if (m == 0)
        {
            throw new ArgumentException("TreeBuilder.Grow: no rows with positive weight");
        }

        double[] xd = _x.Data;
        for (int f = 0; f < _p; f++)
        {
            int pos = f * m;
            var order = _globalOrder.AsSpan(f * _n, _n);
            int xoff = f * _n;
            for (int i = 0; i < order.Length; i++)
            {
                int row = order[i];
                int w = _weights[row];
                if (w > 0)
                {
                    _entries[pos++] = new Entry(xd[xoff + row], _y[row] * w, row, w);
                }
            }
        }

        for (int f = 0; f < _p; f++)
        {
            _features[f] = f;
        }

        _nodeCount = 0;
        int mtry = options.FeaturesPerNode(_p);
        int minLeaf = options.MinSamplesLeaf;
        _stack.Clear();
        _stack.Push(new Pending(0, m, 0, -1, false));
        while (_stack.Count > 0)
        {
            var job = _stack.Pop();
            int s = job.Start;
            int count = job.End - job.Start;

            // Node statistics over feature 0's segment (any feature holds the same rows).
            double sum = 0, sumSq = 0, wsum = 0;
            Entry[] buffer = (job.Depth & 1) == 0 ? _entries : _other;
            var seg0 = buffer.AsSpan(s, count);
            for (int k = 0; k < seg0.Length; k++)
            {
                ref readonly Entry e = ref seg0[k];
                sum += e.YW;
                sumSq += e.YW * e.YW / e.W;
                wsum += e.W;
            }

            double mean = sum / wsum;
            int node = AddNode(mean, wsum);
            if (job.Parent >= 0)
            {
                if (job.IsLeft)
                {
                    _nodeLeft[job.Parent] = node;
                }
                else
                {
                    _nodeRight[job.Parent] = node;
                }
            }

            double impurity = (sumSq / wsum) - (mean * mean);
            _nodeVariance[node] = Math.Max(0, impurity);
            bool leaf = job.Depth >= options.MaxDepth || count < 2 || count < 2 * minLeaf
                || impurity <= 1e-12 * (sumSq / wsum);

            int bestFeature = -1, bestPos = -1;
            double bestThreshold = 0;
            if (!leaf)
            {
                double parentProxy = sum * sum / wsum;
                double bestProxy = parentProxy + (1e-12 * Math.Abs(parentProxy)) + 1e-300;
                int visited = 0;
                for (int i = 0; i < _p && visited < mtry; i++)
                {
                    int j = i + rng.NextInt(_p - i);
                    (_features[i], _features[j]) = (_features[j], _features[i]);
                    int f = _features[i];
                    var seg = buffer.AsSpan((f * m) + s, count);
                    if (seg[count - 1].X <= seg[0].X)
                    {
                        continue; // constant here: does not count against mtry (as in scikit-learn)
                    }

                    visited++;
                    if (ScanFeature(seg, sum, wsum, minLeaf, ref bestProxy, out int pos))
                    {
                        bestFeature = f;
                        bestPos = pos;
                        double a = seg[pos].X, b = seg[pos + 1].X;
                        double mid = (a * 0.5) + (b * 0.5);
                        bestThreshold = mid >= b || double.IsInfinity(mid) ? a : mid;
                    }
                }

                if (bestFeature < 0)
                {
                    leaf = true;
                }
                else
                {
                    importance[bestFeature] += bestProxy - parentProxy;
                }
            }

            if (leaf)
            {
                _nodeFeature[node] = -1;
                _nodeLeft[node] = -1;
                _nodeRight[node] = -1;
                // Leaves close in depth-first order over disjoint segments, so s is this leaf's member offset.
                _nodeMemberStart[node] = s;
                _nodeMemberCount[node] = count;
                for (int k = 0; k < count; k++)
                {
                    _memberRows[s + k] = seg0[k].Row;
                    _memberWeights[s + k] = seg0[k].W;
                }

                continue;
            }

            _nodeFeature[node] = bestFeature;
            _nodeThreshold[node] = bestThreshold;
            int leftCount = bestPos + 1;
            Partition(m, s, count, bestFeature, leftCount, buffer, ReferenceEquals(buffer, _entries) ? _other : _entries);
            _stack.Push(new Pending(s + leftCount, s + count, job.Depth + 1, node, false));
            _stack.Push(new Pending(s, s + leftCount, job.Depth + 1, node, true));
        }

        return Freeze(m);
    }

    /// <summary>
    /// Best split of one feature's sorted segment: maximises sumL^2/wL + sumR^2/wR (equivalent to the
    /// largest weighted variance decrease), only between distinct values, both sides holding at least
    /// <paramref name="minLeaf"/> rows. Returns true and the last left position when it beats <paramref name="bestProxy"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ScanFeature(ReadOnlySpan<Entry> seg, double sum, double wsum, int minLeaf, ref double bestProxy, out int bestPos)
    {
        bestPos = -1;
        int n = seg.Length;
        double sl = 0, wl = 0;
        int lo = minLeaf - 1, hi = n - minLeaf - 1;
        ref Entry first = ref MemoryMarshal.GetReference(seg);
        for (int k = 0; k < lo; k++)
        {
            ref Entry e = ref Unsafe.Add(ref first, k);
            sl += e.YW;
            wl += e.W;
        }

        double best = bestProxy;
        for (int k = lo; k <= hi; k++)
        {
            ref Entry e = ref Unsafe.Add(ref first, k);
            sl += e.YW;
            wl += e.W;
            if (Unsafe.Add(ref first, k + 1).X <= e.X)
            {
                continue;
            }

            double sr = sum - sl;
            double proxy = (sl * sl / wl) + (sr * sr / (wsum - wl));
            if (proxy > best)
            {
                best = proxy;
                bestPos = k;
            }
        }

        if (bestPos >= 0)
        {
            bestProxy = best;
            return true;
        }

        return false;
    }

    /// <summary>Stable partition of every feature's segment [s, s+count) of <paramref name="from"/> into the same range of <paramref name="to"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Partition(int m, int s, int count, int splitFeature, int leftCount, Entry[] from, Entry[] to)
    {
        var chosen = from.AsSpan((splitFeature * m) + s, count);
        for (int k = 0; k < leftCount; k++)
        {
            _goesLeft[chosen[k].Row] = 1;
        }

        for (int k = leftCount; k < count; k++)
        {
            _goesLeft[chosen[k].Row] = 0;
        }

        chosen.CopyTo(to.AsSpan((splitFeature * m) + s, count));
        ref byte left = ref MemoryMarshal.GetArrayDataReference(_goesLeft);
        for (int f = 0; f < _p; f++)
        {
            if (f == splitFeature)
            {
                continue;
            }

            ref Entry src = ref MemoryMarshal.GetReference(from.AsSpan((f * m) + s, count));
            ref Entry dst = ref MemoryMarshal.GetReference(to.AsSpan((f * m) + s, count));
            int li = 0, ri = leftCount;

            // Branch-free: the side is a coin flip to the predictor, so pick the cursor arithmetically.
            for (int k = 0; k < count; k++)
            {
                Entry e = Unsafe.Add(ref src, k);
                int goLeft = Unsafe.Add(ref left, e.Row);
                int pos = ri + ((li - ri) & -goLeft);
                Unsafe.Add(ref dst, pos) = e;
                li += goLeft;
                ri += 1 - goLeft;
            }
        }
    }

    private void DrawWeights(ForestOptions options, Rng rng, ReadOnlySpan<int> fixedWeights)
    {
        if (!fixedWeights.IsEmpty)
        {
            if (fixedWeights.Length != _n)
            {
                throw new ArgumentException($"TreeBuilder.Grow: weights length {fixedWeights.Length} != rows {_n}");
            }

            fixedWeights.CopyTo(_weights);
            return;
        }

        switch (options.Sampling)
        {
            case SamplingScheme.Bootstrap:
                Array.Clear(_weights);
                for (int i = 0; i < _n; i++)
                {
                    _weights[rng.NextInt(_n)]++;
                }

                break;
            case SamplingScheme.Subsample:
                Array.Clear(_weights);
                int take = Math.Max(1, (int)(options.SampleFraction * _n));
                for (int i = 0; i < _n; i++)
                {
                    _perm[i] = i;
                }

                for (int i = 0; i < take; i++)
                {
                    int j = i + rng.NextInt(_n - i);
                    (_perm[i], _perm[j]) = (_perm[j], _perm[i]);
                    _weights[_perm[i]] = 1;
                }

                break;
            default:
                Array.Fill(_weights, 1);
                break;
        }
    }

    private int AddNode(double value, double weight)
    {
        if (_nodeCount == _nodeFeature.Length)
        {
            int cap = _nodeCount * 2;
            Array.Resize(ref _nodeFeature, cap);
            Array.Resize(ref _nodeThreshold, cap);
            Array.Resize(ref _nodeLeft, cap);
            Array.Resize(ref _nodeRight, cap);
            Array.Resize(ref _nodeValue, cap);
            Array.Resize(ref _nodeWeight, cap);
            Array.Resize(ref _nodeVariance, cap);
            Array.Resize(ref _nodeMemberStart, cap);
            Array.Resize(ref _nodeMemberCount, cap);
        }

        int id = _nodeCount++;
        _nodeValue[id] = value;
        _nodeWeight[id] = weight;
        _nodeThreshold[id] = 0;
        _nodeMemberStart[id] = -1;
        _nodeMemberCount[id] = 0;
        return id;
    }

    private RegressionTree Freeze(int m)
    {
        int c = _nodeCount;
        // Leaves cover [0, m) exactly (disjoint segments), so the member arrays are complete.
        var memberRows = _memberRows.AsSpan(0, m).ToArray();
        var memberWeights = _memberWeights.AsSpan(0, m).ToArray();

        return new RegressionTree(
            _nodeFeature.AsSpan(0, c).ToArray(),
            _nodeThreshold.AsSpan(0, c).ToArray(),
            _nodeLeft.AsSpan(0, c).ToArray(),
            _nodeRight.AsSpan(0, c).ToArray(),
            _nodeValue.AsSpan(0, c).ToArray(),
            _nodeWeight.AsSpan(0, c).ToArray(),
            _p,
            _nodeMemberStart.AsSpan(0, c).ToArray(),
            _nodeMemberCount.AsSpan(0, c).ToArray(),
            memberRows,
            memberWeights,
            _nodeVariance.AsSpan(0, c).ToArray());
    }

    /// <summary>One in-bag row in a feature's sorted segment: its value, y times weight, row and weight.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Entry(double X, double YW, int Row, int W);

    private readonly record struct Pending(int Start, int End, int Depth, int Parent, bool IsLeft);
}
