using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace SciTransfer.Transfer.Adaptation;

/// <summary>
/// CORAL, correlation alignment (Sun, Feng &amp; Saenko 2016, "Return of Frustratingly Easy Domain Adaptation"):
/// whiten the source inputs with C_s^-1/2 and re-colour them with C_t^1/2, where C = cov + lambda I, so that the
/// aligned source has the target's second-order statistics; a model is then trained on the aligned source with its
/// original labels. The means are matched too (x - mu_s before whitening, + mu_t after), which the paper obtains by
/// standardising features first. Exact property: A' C_s A = C_t for the map A = C_s^-1/2 C_t^1/2, so with lambda = 0
/// the aligned source's sample covariance is the target's.
/// </summary>
public static class Coral
{
    /// <summary>The default regulariser lambda of C = cov + lambda I (the paper uses 1, on standardised features).</summary>
    public const double DefaultLambda = 1.0;

    /// <summary>
    /// Aligns <paramref name="source"/> (n_s x d) to the second-order statistics of <paramref name="target"/>
    /// (n_t x d, unlabelled): (x - mu_s) C_s^-1/2 C_t^1/2 + mu_t for each row x. Returns a new matrix.
    /// </summary>
    /// <param name="source">Source inputs, one row per sample.</param>
    /// <param name="target">Target inputs (labels are never used).</param>
    /// <param name="lambda">Ridge added to both covariances (&gt;= 0; must be &gt; 0 when a covariance is singular).</param>
    public static Matrix<double> Align(Matrix<double> source, Matrix<double> target, double lambda = DefaultLambda)
    {
        var (map, muS, muT) = Fit(source, target, lambda);
        var centred = source.Clone();
        for (int i = 0; i < centred.RowCount; i++)
        {
            centred.SetRow(i, centred.Row(i) - muS);
        }

        var aligned = centred * map;
        for (int i = 0; i < aligned.RowCount; i++)
        {
            aligned.SetRow(i, aligned.Row(i) + muT);
        }

        return aligned;
    }

    /// <summary>
    /// <see cref="Align"/> with lambda = <paramref name="relativeLambda"/> x the mean input variance of source and target
    /// (trace(C_s) + trace(C_t)) / 2d, so the regulariser does not depend on the units of the inputs.
    /// </summary>
    public static Matrix<double> AlignRelative(Matrix<double> source, Matrix<double> target, double relativeLambda)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        double scale = (Covariance(source).Covariance.Trace() + Covariance(target).Covariance.Trace()) / (2.0 * source.ColumnCount);
        return Align(source, target, relativeLambda * Math.Max(scale, 1e-300));
    }

    /// <summary>
    /// The linear map A = C_s^-1/2 C_t^1/2 (d x d; rows act on row vectors: x' = (x - mu_s) A + mu_t) and the two means.
    /// </summary>
    public static (Matrix<double> Map, Vector<double> SourceMean, Vector<double> TargetMean) Fit(Matrix<double> source, Matrix<double> target, double lambda = DefaultLambda)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.ColumnCount != target.ColumnCount)
        {
            throw new ArgumentException($"Coral: source has {source.ColumnCount} columns, target {target.ColumnCount}");
        }

        if (source.RowCount < 2 || target.RowCount < 2)
        {
            throw new ArgumentException($"Coral: needs at least 2 rows on each side, got {source.RowCount} source and {target.RowCount} target");
        }

        if (!(lambda >= 0) || double.IsInfinity(lambda))
        {
            throw new ArgumentException($"Coral: lambda must be finite and >= 0, got {lambda}");
        }

        var (cs, muS) = Covariance(source);
        var (ct, muT) = Covariance(target);
        var eye = Matrix<double>.Build.DenseIdentity(source.ColumnCount) * lambda;
        var map = SymmetricPower(cs + eye, -0.5) * SymmetricPower(ct + eye, 0.5);
        return (map, muS, muT);
    }

    /// <summary>Sample covariance (divisor n - 1) and mean of the rows of <paramref name="x"/>.</summary>
    public static (Matrix<double> Covariance, Vector<double> Mean) Covariance(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var mean = x.ColumnSums() / x.RowCount;
        var centred = x.Clone();
        for (int i = 0; i < centred.RowCount; i++)
        {
            centred.SetRow(i, centred.Row(i) - mean);
        }

        var cov = centred.TransposeThisAndMultiply(centred) / (x.RowCount - 1);
        return (0.5 * (cov + cov.Transpose()), mean);
    }

    /// <summary>S^p of a symmetric positive (semi-)definite matrix by its eigendecomposition V diag(e^p) V'.</summary>
    public static Matrix<double> SymmetricPower(Matrix<double> s, double power)
    {
        ArgumentNullException.ThrowIfNull(s);
        Evd<double> evd = s.Evd(Symmetricity.Symmetric);
        var v = evd.EigenVectors;
        var e = evd.EigenValues.Real();
        // Relative to the largest eigenvalue: a rank-deficient sample covariance comes out at round-off level, not 0.
        double floor = 1e-12 * Math.Max(e.AbsoluteMaximum(), 1e-300);
        for (int i = 0; i < e.Count; i++)
        {
            if (e[i] <= floor && power < 0)
            {
                throw new ArgumentException($"Coral: covariance is singular (eigenvalue {e[i]:G3}); use lambda > 0");
            }

            e[i] = Math.Pow(Math.Max(e[i], floor), power);
        }

        return v * Matrix<double>.Build.DiagonalOfDiagonalVector(e) * v.Transpose();
    }
}
