using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Random;
using SciTransfer.Core.Statistics;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.Reference;

/// <summary>One repeat of <see cref="LinearShiftProblem"/>: source set, target pool, target test set.</summary>
public sealed class LinearShiftInstance : ProblemInstance
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

    /// <summary>The source model: ordinary least squares on the source set (weights, length d).</summary>
    public override object? PretrainSource(SourceRequest request) => Ridge(_xs, _ys, 1e-8, null);

    /// <inheritdoc />
    public override CellResult Run(CellRequest request)
    {
        var wSource = (Vector<double>)request.Source!;
        int[] idx = request.TargetIndices.ToArray();
        var x = idx.Length == 0 ? null : Matrix<double>.Build.DenseOfRowVectors(idx.Select(i => _xp.Row(i)));
        var y = idx.Length == 0 ? null : Vector<double>.Build.DenseOfEnumerable(idx.Select(i => _yp[i]));
        Vector<double> w = request.Strategy switch
        {
            "scratch" => x is null ? Vector<double>.Build.Dense(_o.Dimension) : Ridge(x, y!, _o.ScratchRidge, null),
            "source-only" => wSource,
            "fine-tune" => x is null ? wSource : Ridge(x, y!, SelectLambdaLeaveOneOut(x, y!, wSource), wSource),
            "oracle" => Ridge(_xp, _yp, _o.ScratchRidge, null),
            _ => throw new ArgumentException($"unknown strategy '{request.Strategy}'"),
        };

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
