using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Random;
using SciTransfer.Core.Statistics;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Reference;

/// <summary>One repeat of <see cref="LinearShiftProblem"/>: source set, target pool, target test set.</summary>
public sealed class LinearShiftInstance : ProblemInstance<Vector<double>>, ILinearRegressionInstance, IInputAdaptationInstance
{
    private static readonly double[] LambdaGrid = [.. Enumerable.Range(0, 15).Select(i => Math.Pow(10, -3 + (0.5 * i)))];

    private readonly LinearShiftOptions _o;
    private readonly Matrix<double> _xs, _xp, _xt;
    private readonly Vector<double> _ys, _yp, _yt;

    private LinearShiftInstance(LinearShiftOptions o, Matrix<double> xs, Vector<double> ys, Matrix<double> xp, Vector<double> yp, Matrix<double> xt, Vector<double> yt, Vector<double> wSource, Vector<double> wTarget)
    {
        _o = o;
        (_xs, _ys, _xp, _yp, _xt, _yt) = (xs, ys, xp, yp, xt, yt);
        TrueSourceWeights = wSource;
        TrueTargetWeights = wTarget;
    }

    /// <summary>True source weights w_s (length d).</summary>
    public Vector<double> TrueSourceWeights { get; }

    /// <summary>True target weights w_t (length d).</summary>
    public Vector<double> TrueTargetWeights { get; }

    /// <inheritdoc />
    public override int TargetPoolSize => _xp.RowCount;

    /// <summary>
    /// One repeat on a user's tables: the source table trains the source model; the target table is split into pool
    /// and test by <paramref name="split"/> (seeded per repeat for random and fraction splits). True weights are unknown (NaN).
    /// </summary>
    public static LinearShiftInstance FromTables(LinearShiftOptions o, RegressionTable source, RegressionTable target, Data.SplitSpec split, SeedTree seeds)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(seeds);
        var roles = split.Assign(target.Records, seeds);
        var (xp, yp) = target.Rows(roles, Data.SplitRole.Pool);
        var (xt, yt) = target.Rows(roles, Data.SplitRole.Test);
        var unknown = Vector<double>.Build.Dense(source.Dimension, double.NaN);
        return new LinearShiftInstance(o with { Dimension = source.Dimension }, source.X, source.Y, xp, yp, xt, yt, unknown, unknown);
    }

    /// <summary>Draws weights and data from <paramref name="seeds"/> (children "weights", "source", "pool", "test").</summary>
    public static LinearShiftInstance Generate(LinearShiftOptions o, SeedTree seeds)
    {
        int d = o.Dimension;
        var wr = seeds.Child("weights").CreateRng();
        var ws = Vector<double>.Build.Dense(d, _ => wr.Normal() / Math.Sqrt(d));
        var u = Vector<double>.Build.Dense(d, _ => wr.Normal());
        var wt = ws + (u * (o.Shift * ws.L2Norm() / u.L2Norm()));
        var (xs, ys) = Sample(ws, o.SourceSamples, o.Noise, seeds.Child("source").CreateRng());
        var (xp, yp) = Sample(wt, o.PoolSize, o.Noise, seeds.Child("pool").CreateRng());
        var (xt, yt) = Sample(wt, o.TestSize, o.Noise, seeds.Child("test").CreateRng());
        return new LinearShiftInstance(o, xs, ys, xp, yp, xt, yt, ws, wt);
    }

    /// <summary>Number of features d.</summary>
    public int Dimension => _o.Dimension;

    /// <summary>Ridge strength of scratch and oracle.</summary>
    public double ScratchRidge => _o.ScratchRidge;

    /// <summary>Number of weights: d (the model has no intercept).</summary>
    public int DesignColumns => _o.Dimension;

    /// <inheritdoc />
    public Matrix<double> SourceInputs => _xs;

    /// <inheritdoc />
    public Matrix<double> TargetInputs => _xp;

    /// <summary>Weighted least squares on the source labels at <paramref name="sourceInputs"/>, then pulled toward by the subset as in fine-tune.</summary>
    public CellResult TrainOnSource(Matrix<double> sourceInputs, Vector<double>? sourceWeights, StrategyCell cell)
    {
        var (x, y) = Subset(cell);
        return Score(PullToward(WeightedRidge(sourceInputs, _ys, sourceWeights, 1e-8), x, y));
    }

    /// <summary>The source model: ordinary least squares on the source set (weights, length d).</summary>
    public override Vector<double> PretrainSource(SourceRequest request) => Ridge(_xs, _ys, 1e-8, null);

    /// <summary>The cell's target subset as a design matrix and labels (both null when n = 0).</summary>
    public (Matrix<double>? X, Vector<double>? Y) Subset(StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        int[] idx = cell.TargetIndices.ToArray();
        return idx.Length == 0
            ? (null, null)
            : (Matrix<double>.Build.DenseOfRowVectors(idx.Select(i => _xp.Row(i))), Vector<double>.Build.DenseOfEnumerable(idx.Select(i => _yp[i])));
    }

    /// <summary>Ridge regression on the whole pool (the oracle).</summary>
    public Vector<double> PoolRidge() => Ridge(_xp, _yp, _o.ScratchRidge, null);

    /// <summary>Test RMSE and MAE of weights <paramref name="w"/>.</summary>
    public CellResult Score(Vector<double> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        double[] pred = (_xt * w).ToArray();
        double[] truth = _yt.ToArray();
        return new CellResult(new Dictionary<string, double>
        {
            ["rmse"] = Metrics.Rmse(pred, truth),
            ["mae"] = Metrics.Mae(pred, truth),
        });
    }

    /// <summary>argmin ||y - Xw||^2 + lambda ||w - prior||^2 (prior = 0 when null), by Cholesky.</summary>
    public static Vector<double> Ridge(Matrix<double> x, Vector<double> y, double lambda, Vector<double>? prior)
    {
        var gram = x.TransposeThisAndMultiply(x) + (Matrix<double>.Build.DenseIdentity(x.ColumnCount) * lambda);
        var rhs = x.TransposeThisAndMultiply(y);
        if (prior is not null)
        {
            rhs += prior * lambda;
        }

        return gram.Cholesky().Solve(rhs);
    }

    /// <summary>argmin sum_i w_i (y_i - x_i w)^2 + lambda ||w||^2 (unit weights when <paramref name="weights"/> is null).</summary>
    public static Vector<double> WeightedRidge(Matrix<double> x, Vector<double> y, Vector<double>? weights, double lambda)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (weights is null)
        {
            return Ridge(x, y, lambda, null);
        }

        var wx = x.Clone();
        for (int i = 0; i < wx.RowCount; i++)
        {
            wx.SetRow(i, wx.Row(i) * weights[i]);
        }

        var gram = wx.TransposeThisAndMultiply(x) + (Matrix<double>.Build.DenseIdentity(x.ColumnCount) * lambda);
        return gram.Cholesky().Solve(wx.TransposeThisAndMultiply(y));
    }

    /// <summary>
    /// The fine-tune step: <paramref name="prior"/> itself without target labels, else the ridge fit pulled toward it
    /// with the strength chosen by <see cref="SelectLambdaLeaveOneOut"/> on the subset.
    /// </summary>
    public static Vector<double> PullToward(Vector<double> prior, Matrix<double>? x, Vector<double>? y) =>
        x is null || y is null ? prior : Ridge(x, y, SelectLambdaLeaveOneOut(x, y, prior), prior);

    /// <summary>
    /// Chooses the pull strength toward the source weights by exact leave-one-out error of the ridge fit
    /// of the residual y - X w_s: e_i / (1 - H_ii) with H = X (X'X + lambda I)^-1 X'.
    /// </summary>
    public static double SelectLambdaLeaveOneOut(Matrix<double> x, Vector<double> y, Vector<double> prior)
    {
        var r = y - (x * prior);
        double best = double.PositiveInfinity, bestLambda = LambdaGrid[^1];
        foreach (double lambda in LambdaGrid)
        {
            var inv = (x.TransposeThisAndMultiply(x) + (Matrix<double>.Build.DenseIdentity(x.ColumnCount) * lambda)).Inverse();
            var hat = x * inv * x.Transpose();
            var fit = hat * r;
            double loo = 0;
            for (int i = 0; i < r.Count; i++)
            {
                double e = (r[i] - fit[i]) / Math.Max(1e-12, 1 - hat[i, i]);
                loo += e * e;
            }

            if (loo < best)
            {
                (best, bestLambda) = (loo, lambda);
            }
        }

        return bestLambda;
    }

    private static (Matrix<double> X, Vector<double> Y) Sample(Vector<double> w, int n, double noise, Rng rng)
    {
        var x = Matrix<double>.Build.Dense(n, w.Count);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < w.Count; j++)
            {
                x[i, j] = rng.Normal();
            }
        }

        var y = (x * w) + Vector<double>.Build.Dense(n, _ => noise * rng.Normal());
        return (x, y);
    }
}
