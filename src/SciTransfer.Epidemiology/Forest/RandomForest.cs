using SciTransfer.Core.Random;

namespace SciTransfer.Epidemiology.Forest;

/// <summary>
/// A regression random forest (Breiman 2001; scikit-learn's RandomForestRegressor algorithm): trees
/// grown in parallel, tree b drawing from its own stream <c>seeds.Child(b)</c>, so the fitted forest is
/// identical whatever the thread count. Also gives out-of-bag error, impurity feature importances and the
/// forest neighbourhood weights alpha_i(x) = (1/B) sum_b w_bi 1{x_i in leaf_b(x)} / sum_j w_bj 1{x_j in leaf_b(x)}.
/// </summary>
public sealed class RandomForest : IRegressor
{
    private RandomForest(RegressionTree[] trees, int trainingRows, double[] importances, double[] oobPredictions, double oobMse)
    {
        Trees = trees;
        TrainingRows = trainingRows;
        FeatureImportances = importances;
        OobPredictions = oobPredictions;
        OobMse = oobMse;
    }

    /// <summary>The fitted trees, in index order.</summary>
    public IReadOnlyList<RegressionTree> Trees { get; }

    /// <summary>Number of training rows n (the length of <see cref="Weights(ReadOnlySpan{double})"/>).</summary>
    public int TrainingRows { get; }

    /// <summary>Number of features p.</summary>
    public int FeatureCount => Trees[0].FeatureCount;

    /// <summary>Mean decrease in impurity per feature (each tree normalised to sum 1, then averaged); length p.</summary>
    public IReadOnlyList<double> FeatureImportances { get; }

    /// <summary>Out-of-bag prediction per training row (NaN when never out of bag or OOB not computed).</summary>
    public IReadOnlyList<double> OobPredictions { get; }

    /// <summary>Mean squared out-of-bag error over rows with an OOB prediction (NaN when not computed).</summary>
    public double OobMse { get; }

    /// <summary>Fits a forest on <paramref name="x"/> (n x p) and <paramref name="y"/> (n).</summary>
    public static RandomForest Fit(FeatureMatrix x, ReadOnlySpan<double> y, ForestOptions options, SeedTree seeds)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(seeds);
        options.Validate();
        if (y.Length != x.Rows)
        {
            throw new ArgumentException($"RandomForest.Fit: y has {y.Length} values but x has {x.Rows} rows");
        }

        if (x.Rows == 0)
        {
            throw new ArgumentException("RandomForest.Fit: no training rows");
        }

        double[] yArr = y.ToArray();
        int n = x.Rows, p = x.Columns, b = options.Trees;
        int[] order = TreeBuilder.ArgsortColumns(x, options.Threads);
        var trees = new RegressionTree[b];
        var perTreeImportance = new double[b * p];
        int[][]? oobRows = options.ComputeOob ? new int[b][] : null;
        double[][]? oobPred = options.ComputeOob ? new double[b][] : null;

        Parallel.For(
            0,
            b,
            new ParallelOptions { MaxDegreeOfParallelism = options.Threads },
            () => new TreeBuilder(x, yArr, order),
            (t, _, builder) =>
            {
                var rng = seeds.Child(t).CreateRng();
                RegressionTree tree;
                if (options.Honest)
                {
                    var (splitHalf, estimationHalf) = HonestTree.Draw(n, options, rng);
                    tree = HonestTree.Reestimate(builder.Grow(options, rng, perTreeImportance.AsSpan(t * p, p), splitHalf), x, yArr, estimationHalf);
                }
                else
                {
                    tree = builder.Grow(options, rng, perTreeImportance.AsSpan(t * p, p));
                }

                trees[t] = tree;
                if (oobRows is not null && oobPred is not null)
                {
                    var w = builder.Weights;
                    var rows = new List<int>();
                    var preds = new List<double>();
                    for (int i = 0; i < n; i++)
                    {
                        if (w[i] == 0)
                        {
                            rows.Add(i);
                            preds.Add(tree.Predict(x, i));
                        }
                    }

                    oobRows[t] = [.. rows];
                    oobPred[t] = [.. preds];
                }

                return builder;
            },
            _ => { });

        // Reductions run in tree order, so they do not depend on which worker grew which tree.
        var importance = new double[p];
        for (int t = 0; t < b; t++)
        {
            var imp = perTreeImportance.AsSpan(t * p, p);
            double total = 0;
            foreach (double v in imp)
            {
                total += v;
            }

            if (total > 0)
            {
                for (int f = 0; f < p; f++)
                {
                    importance[f] += imp[f] / total / b;
                }
            }
        }

        double impTotal = importance.Sum();
        if (impTotal > 0)
        {
            for (int f = 0; f < p; f++)
            {
                importance[f] /= impTotal;
            }
        }

        var oob = new double[n];
        Array.Fill(oob, double.NaN);
        double oobMse = double.NaN;
        if (oobRows is not null && oobPred is not null)
        {
            var sum = new double[n];
            var cnt = new int[n];
            for (int t = 0; t < b; t++)
            {
                for (int k = 0; k < oobRows[t].Length; k++)
                {
                    sum[oobRows[t][k]] += oobPred[t][k];
                    cnt[oobRows[t][k]]++;
                }
            }

            double se = 0;
            int used = 0;
            for (int i = 0; i < n; i++)
            {
                if (cnt[i] > 0)
                {
                    oob[i] = sum[i] / cnt[i];
                    se += (oob[i] - yArr[i]) * (oob[i] - yArr[i]);
                    used++;
                }
            }

            oobMse = used > 0 ? se / used : double.NaN;
        }

        return new RandomForest(trees, n, importance, oob, oobMse);
    }

    /// <summary>Prediction for one feature vector (length p): the mean of the trees' leaf values.</summary>
    public double Predict(ReadOnlySpan<double> features)
    {
        double s = 0;
        foreach (var t in Trees)
        {
            s += t.Predict(features);
        }

        return s / Trees.Count;
    }

    /// <summary>Predictions for every row of <paramref name="x"/>; rows are split over <paramref name="threads"/> workers,
    /// each row summing its trees in index order (so results do not depend on the thread count).</summary>
    public double[] Predict(FeatureMatrix x, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = new double[x.Rows];
        // One block of rows per worker: a tree's nodes are then streamed once per block, not once per small chunk.
        int workers = Math.Max(1, threads);
        int chunk = Math.Max(256, (x.Rows + workers - 1) / workers);
        int chunks = (x.Rows + chunk - 1) / chunk;
        var trees = Trees;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = workers }, c =>
        {
            int lo = c * chunk, hi = Math.Min(x.Rows, lo + chunk);
            var acc = result.AsSpan(lo, hi - lo);

            // Tree-major inside a chunk keeps one tree hot in cache; each row still adds trees in index order.
            for (int t = 0; t < trees.Count; t++)
            {
                trees[t].PredictAdd(x, lo, acc);
            }

            for (int r = 0; r < acc.Length; r++)
            {
                acc[r] /= trees.Count;
            }
        });
        return result;
    }

    /// <summary>Forest neighbourhood weights alpha_i(x) over the n training rows (they sum to 1).</summary>
    public double[] Weights(ReadOnlySpan<double> features)
    {
        var alpha = new double[TrainingRows];
        Weights(features, alpha);
        return alpha;
    }

    /// <summary>Writes alpha_i(x) into <paramref name="alpha"/> (length n); sum_i alpha_i y_i is the forest's prediction.</summary>
    public void Weights(ReadOnlySpan<double> features, Span<double> alpha)
    {
        if (alpha.Length != TrainingRows)
        {
            throw new ArgumentException($"RandomForest.Weights: alpha has length {alpha.Length}, expected {TrainingRows}");
        }

        alpha.Clear();
        double perTree = 1.0 / Trees.Count;
        foreach (var t in Trees)
        {
            int leaf = t.LeafOf(features);
            var (rows, weights) = t.Members(leaf);
            var rs = rows.Span;
            var ws = weights.Span;
            double total = 0;
            for (int k = 0; k < ws.Length; k++)
            {
                total += ws[k];
            }

            double scale = perTree / total;
            for (int k = 0; k < rs.Length; k++)
            {
                alpha[rs[k]] += ws[k] * scale;
            }
        }
    }
}
