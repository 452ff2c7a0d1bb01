using MathNet.Numerics.LinearAlgebra;

namespace SciTransfer.Transfer.Adaptation;

/// <summary>
/// A density ratio r(x) = p_t(x) / p_s(x) estimated by a probabilistic classifier (Bickel, Brückner &amp; Scheffer
/// 2009; Sugiyama et al. 2012): logistic regression of the domain label (source 0, target 1) on the inputs, then
/// r(x) = p(t|x) / p(s|x) * n_s / n_t. Features are the standardised inputs and, with <see cref="DensityRatioOptions.Quadratic"/>,
/// their pairwise products, so a ratio of two Gaussians (whose log is quadratic) is in the model class. The fit is
/// Newton's method (IRLS) on the L2-penalised log-likelihood (intercept unpenalised). Uses unlabelled inputs only.
/// </summary>
public sealed class DensityRatio
{
    private readonly Vector<double> _centre, _scale, _beta;
    private readonly bool _quadratic;
    private readonly double _logPrior;

    private DensityRatio(Vector<double> centre, Vector<double> scale, Vector<double> beta, bool quadratic, double logPrior)
    {
        (_centre, _scale, _beta, _quadratic, _logPrior) = (centre, scale, beta, quadratic, logPrior);
    }

    /// <summary>Newton iterations the fit took.</summary>
    public int Iterations { get; private init; }

    /// <summary>Fits the domain classifier on <paramref name="source"/> (n_s x d) against <paramref name="target"/> (n_t x d).</summary>
    public static DensityRatio Fit(Matrix<double> source, Matrix<double> target, DensityRatioOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var o = options ?? new DensityRatioOptions();
        if (source.ColumnCount != target.ColumnCount)
        {
            throw new ArgumentException($"DensityRatio: source has {source.ColumnCount} columns, target {target.ColumnCount}");
        }

        if (source.RowCount < 1 || target.RowCount < 1)
        {
            throw new ArgumentException($"DensityRatio: needs rows on both sides, got {source.RowCount} source and {target.RowCount} target");
        }

        int d = source.ColumnCount, ns = source.RowCount, nt = target.RowCount;
        var all = source.Stack(target);
        var centre = all.ColumnSums() / all.RowCount;
        var scale = Vector<double>.Build.Dense(d, j =>
        {
            double s = 0;
            for (int i = 0; i < all.RowCount; i++)
            {
                s += (all[i, j] - centre[j]) * (all[i, j] - centre[j]);
            }

            return Math.Max(Math.Sqrt(s / all.RowCount), 1e-12);
        });

        var probe = new DensityRatio(centre, scale, Vector<double>.Build.Dense(1), o.Quadratic, 0);
        int p = probe.FeatureCount(d);
        var x = Matrix<double>.Build.Dense(ns + nt, p);
        var y = Vector<double>.Build.Dense(ns + nt);
        for (int i = 0; i < ns + nt; i++)
        {
            x.SetRow(i, probe.Features(all.Row(i)));
            y[i] = i < ns ? 0 : 1;
        }

        var penalty = Vector<double>.Build.Dense(p, j => j == 0 ? 0 : o.Ridge);
        var beta = Vector<double>.Build.Dense(p);
        double loss = Loss(x, y, beta, penalty);
        int it = 0;
        for (; it < o.MaxIterations; it++)
        {
            var z = x * beta;
            var prob = z.Map(Sigmoid);
            var grad = x.TransposeThisAndMultiply(prob - y) + penalty.PointwiseMultiply(beta);
            var wx = x.Clone();
            for (int i = 0; i < wx.RowCount; i++)
            {
                wx.SetRow(i, wx.Row(i) * Math.Max(prob[i] * (1 - prob[i]), 1e-12));
            }

            var hessian = x.TransposeThisAndMultiply(wx) + Matrix<double>.Build.DiagonalOfDiagonalVector(penalty + 1e-10);
            var step = hessian.Cholesky().Solve(grad);
            double t = 1;
            Vector<double> next;
            double nextLoss;
            do
            {
                next = beta - (t * step);
                nextLoss = Loss(x, y, next, penalty);
                t *= 0.5;
            }
            while (nextLoss > loss + 1e-12 && t > 1e-10);

            bool done = loss - nextLoss < 1e-10 * Math.Max(1, Math.Abs(loss));
            (beta, loss) = nextLoss <= loss ? (next, nextLoss) : (beta, loss);
            if (done)
            {
                it++;
                break;
            }
        }

        return new DensityRatio(centre, scale, beta, o.Quadratic, Math.Log((double)ns / nt)) { Iterations = it };
    }

    /// <summary>log r(x) = logit p(t|x) + log(n_s / n_t).</summary>
    public double LogRatio(Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return (Features(x) * _beta) + _logPrior;
    }

    /// <summary>r(x) for each row of <paramref name="x"/>, unclipped.</summary>
    public Vector<double> Ratios(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Vector<double>.Build.Dense(x.RowCount, i => Math.Exp(LogRatio(x.Row(i))));
    }

    private int FeatureCount(int d) => 1 + d + (_quadratic ? d * (d + 1) / 2 : 0);

    private Vector<double> Features(Vector<double> raw)
    {
        int d = raw.Count;
        var f = Vector<double>.Build.Dense(FeatureCount(d));
        f[0] = 1;
        for (int j = 0; j < d; j++)
        {
            f[1 + j] = (raw[j] - _centre[j]) / _scale[j];
        }

        if (_quadratic)
        {
            int k = 1 + d;
            for (int a = 0; a < d; a++)
            {
                for (int b = a; b < d; b++)
                {
                    f[k++] = f[1 + a] * f[1 + b];
                }
            }
        }

        return f;
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    // Penalised negative log-likelihood: sum log(1 + e^z) - y z + 1/2 sum penalty beta^2.
    private static double Loss(Matrix<double> x, Vector<double> y, Vector<double> beta, Vector<double> penalty)
    {
        var z = x * beta;
        double l = 0;
        for (int i = 0; i < z.Count; i++)
        {
            double softplus = z[i] > 0 ? z[i] + double.LogP1(Math.Exp(-z[i])) : double.LogP1(Math.Exp(z[i]));
            l += softplus - (y[i] * z[i]);
        }

        return l + (0.5 * penalty.PointwiseMultiply(beta).DotProduct(beta));
    }
}

/// <summary>Options of <see cref="DensityRatio.Fit"/>.</summary>
/// <param name="Quadratic">Add pairwise products of the standardised inputs (a Gaussian ratio is then in the model class).</param>
/// <param name="Ridge">L2 penalty on the non-intercept coefficients (on the summed log-likelihood).</param>
/// <param name="MaxIterations">Newton iterations at most.</param>
public sealed record DensityRatioOptions(bool Quadratic = true, double Ridge = 1e-2, int MaxIterations = 50);
