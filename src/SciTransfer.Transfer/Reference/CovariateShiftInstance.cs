using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Random;
using SciTransfer.Core.Statistics;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Reference;

/// <summary>
/// One repeat of <see cref="CovariateShiftProblem"/>: source set, target pool and target test set drawn for the
/// configured <see cref="ShiftKind"/>. The model is linear with an intercept (design row [1, x]), so where the source
/// mass lies matters whenever the truth is not linear.
/// </summary>
public sealed class CovariateShiftInstance : ProblemInstance<Vector<double>>, ILinearRegressionInstance, IInputAdaptationInstance
{
    /// <summary>Standard deviation of the target inputs under <see cref="ShiftKind.Covariate"/> (the source's is 1).</summary>
    public const double TargetInputStd = 0.75;

    private readonly CovariateShiftOptions _o;
    private readonly Matrix<double> _xs, _xp, _xt, _xv;
    private readonly Vector<double> _ys, _yp, _yt, _yv;
    private readonly Lazy<Vector<double>> _validationWeights;

    private CovariateShiftInstance(CovariateShiftOptions o, (Matrix<double> X, Vector<double> Y) source, (Matrix<double> X, Vector<double> Y) pool, (Matrix<double> X, Vector<double> Y) test, (Matrix<double> X, Vector<double> Y) validation)
    {
        _o = o;
        (_xs, _ys) = source;
        (_xp, _yp) = pool;
        (_xt, _yt) = test;
        (_xv, _yv) = validation;
        _validationWeights = new Lazy<Vector<double>>(() => new ImportanceWeights().Estimate(_xv, _xp), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Size of the held-out labelled source set of the label-free <c>iw_source_rmse</c> metric.</summary>
    public const int SourceValidationSize = 1000;

    /// <summary>
    /// Draws the repeat (seed children "truth", "source", "pool", "test", "source-validation"). d = dimension, u a random unit vector,
    /// w ~ N(0, I/d), kappa = nonlinearity, s = shift:
    /// covariate: y = w.x + kappa (u.x)^2 + e, source x ~ N(0, I), target x ~ N(s u, 0.75^2 I);
    /// feature: latent z ~ N(0, I) on both sides, y = w.z + kappa (u.z)^2 + e, source x = z, target x = A z + s u with
    /// A = Q diag(exp(s t_j / 2)) Q' symmetric positive definite (t_j uniform in [-1, 1], Q a random rotation);
    /// label: y0 ~ N(mu, 1) with mu = 0 on the source and s on the target, x = y0 u + N(0, I), y = y0 + e.
    /// e ~ N(0, noise^2).
    /// </summary>
    public static CovariateShiftInstance Generate(CovariateShiftOptions o, SeedTree seeds)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(seeds);
        int d = o.Dimension;
        var tr = seeds.Child("truth").CreateRng();
        var w = Vector<double>.Build.Dense(d, _ => tr.Normal() / Math.Sqrt(d));
        var u = Vector<double>.Build.Dense(d, _ => tr.Normal());
        u /= u.L2Norm();
        var q = Matrix<double>.Build.Dense(d, d, (_, _) => tr.Normal()).QR().Q;
        var a = q * Matrix<double>.Build.DiagonalOfDiagonalVector(Vector<double>.Build.Dense(d, _ => Math.Exp(o.Shift * tr.Uniform(-1, 1) / 2))) * q.Transpose();

        (Matrix<double>, Vector<double>) Draw(bool target, int n, Rng rng)
        {
            var x = Matrix<double>.Build.Dense(n, d);
            var y = Vector<double>.Build.Dense(n);
            for (int i = 0; i < n; i++)
            {
                var z = Vector<double>.Build.Dense(d, _ => rng.Normal());
                Vector<double> xi;
                double yi;
                switch (o.Kind)
                {
                    case ShiftKind.Covariate:
                        xi = target ? (z * TargetInputStd) + (u * o.Shift) : z;
                        yi = w.DotProduct(xi) + (o.Nonlinearity * Math.Pow(u.DotProduct(xi), 2));
                        break;
                    case ShiftKind.Feature:
                        xi = target ? (a * z) + (u * o.Shift) : z;
                        yi = w.DotProduct(z) + (o.Nonlinearity * Math.Pow(u.DotProduct(z), 2));
                        break;
                    default:
                        double y0 = rng.Normal() + (target ? o.Shift : 0);
                        xi = z + (u * y0);
                        yi = y0;
                        break;
                }

                x.SetRow(i, xi);
                y[i] = yi + (o.Noise * rng.Normal());
            }

            return (x, y);
        }

        return new CovariateShiftInstance(
            o,
            Draw(false, o.SourceSamples, seeds.Child("source").CreateRng()),
            Draw(true, o.PoolSize, seeds.Child("pool").CreateRng()),
            Draw(true, o.TestSize, seeds.Child("test").CreateRng()),
            Draw(false, SourceValidationSize, seeds.Child("source-validation").CreateRng()));
    }

    /// <inheritdoc />
    public override int TargetPoolSize => _xp.RowCount;

    /// <summary>Number of weights: intercept + d.</summary>
    public int DesignColumns => _o.Dimension + 1;

    /// <inheritdoc />
    public double ScratchRidge => _o.ScratchRidge;

    /// <inheritdoc />
    public Matrix<double> SourceInputs => _xs;

    /// <inheritdoc />
    public Matrix<double> TargetInputs => _xp;

    /// <summary>The source model: least squares with intercept on the source set.</summary>
    public override Vector<double> PretrainSource(SourceRequest request) => LinearShiftInstance.Ridge(Design(_xs), _ys, 1e-8, null);

    /// <inheritdoc />
    public (Matrix<double>? X, Vector<double>? Y) Subset(StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        int[] idx = cell.TargetIndices.ToArray();
        return idx.Length == 0
            ? (null, null)
            : (Design(Matrix<double>.Build.DenseOfRowVectors(idx.Select(i => _xp.Row(i)))), Vector<double>.Build.DenseOfEnumerable(idx.Select(i => _yp[i])));
    }

    /// <inheritdoc />
    public Vector<double> PoolRidge() => LinearShiftInstance.Ridge(Design(_xp), _yp, _o.ScratchRidge, null);

    /// <inheritdoc />
    public CellResult TrainOnSource(Matrix<double> sourceInputs, Vector<double>? sourceWeights, StrategyCell cell)
    {
        ArgumentNullException.ThrowIfNull(sourceInputs);
        var (x, y) = Subset(cell);
        return Score(LinearShiftInstance.PullToward(LinearShiftInstance.WeightedRidge(Design(sourceInputs), _ys, sourceWeights, 1e-8), x, y));
    }

    /// <inheritdoc />
    public CellResult Score(Vector<double> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        double[] pred = (Design(_xt) * w).ToArray();
        double[] truth = _yt.ToArray();
        return new CellResult(new Dictionary<string, double>
        {
            ["rmse"] = Metrics.Rmse(pred, truth),
            ["mae"] = Metrics.Mae(pred, truth),
            ["iw_source_rmse"] = ImportanceWeightedValidation.Rmse((Design(_xv) * w).ToArray(), _yv.ToArray(), _validationWeights.Value.ToArray()),
        });
    }

    private static Matrix<double> Design(Matrix<double> x) =>
        Matrix<double>.Build.Dense(x.RowCount, 1, 1.0).Append(x);
}
