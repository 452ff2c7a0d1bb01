using MathNet.Numerics.LinearAlgebra;

namespace SciTransfer.Quantum.Models;

/// <summary>
/// L2-regularised binary logistic regression, fitted deterministically by Newton's method: minimises
/// sum_i CE(sigma(w.x_i + b), y_i) + (lambda / 2) ||w||^2 (the intercept b is not penalised; lambda = 1 is
/// scikit-learn's default C = 1 / lambda = 1). The objective is strictly convex once both classes are present, so
/// Newton with step halving converges to the unique minimum; a subset of one class gives the constant classifier.
/// </summary>
/// <param name="Weights">w, one per feature.</param>
/// <param name="Bias">b.</param>
public sealed record LogisticRegression(double[] Weights, double Bias)
{
    /// <summary>Default L2 strength (scikit-learn's C = 1).</summary>
    public const double DefaultLambda = 1.0;

    /// <summary>Fits on <paramref name="data"/>'s features and labels.</summary>
    /// <param name="data">n x F features, labels 0/1.</param>
    /// <param name="lambda">L2 strength on the weights, &gt;= 0 (0 only for data that is not separable).</param>
    public static LogisticRegression Fit(LabelledSet data, double lambda = DefaultLambda)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.Count, f = data.FeatureCount;
        int ones = data.Labels.Count(y => y == 1);
        if (n == 0 || ones == 0 || ones == n)
        {
            // One class (or none): the unpenalised intercept would run off to infinity; predict that class.
            return new LogisticRegression(new double[f], ones == 0 ? double.NegativeInfinity : double.PositiveInfinity);
        }

        var theta = new double[f + 1]; // w then b
        double obj = Objective(data, theta, lambda);
        for (int iter = 0; iter < 100; iter++)
        {
            var (grad, hess) = GradientAndHessian(data, theta, lambda);
            double gnorm = Math.Sqrt(grad.Sum(g => g * g));
            if (gnorm < 1e-10 * Math.Max(1, n))
            {
                break;
            }

            var step = Matrix<double>.Build.DenseOfArray(hess).Cholesky().Solve(Vector<double>.Build.DenseOfArray(grad)).ToArray();
            double t = 1;
            double[] next;
            double nextObj;
            do
            {
                next = [.. theta.Select((v, j) => v - (t * step[j]))];
                nextObj = Objective(data, next, lambda);
                t /= 2;
            }
            while (nextObj > obj && t > 1e-12);

            theta = next;
            if (obj - nextObj <= 1e-15 * Math.Max(1, Math.Abs(obj)))
            {
                obj = nextObj;
                break;
            }

            obj = nextObj;
        }

        return new LogisticRegression(theta[..f], theta[f]);
    }

    /// <summary>p(label 1) of a feature row.</summary>
    public double Probability(ReadOnlySpan<double> x) => Sigmoid(Margin(x, Weights, Bias));

    /// <summary>The predicted label of every sample of <paramref name="data"/> (1 when w.x + b &gt;= 0, as <see cref="Accuracy"/>).</summary>
    public int[] Classify(LabelledSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var labels = new int[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            labels[i] = Margin(data.Features.AsSpan(i * data.FeatureCount, data.FeatureCount), Weights, Bias) >= 0 ? 1 : 0;
        }

        return labels;
    }

    /// <summary>Fraction of <paramref name="data"/> classified correctly (label 1 when w.x + b &gt;= 0).</summary>
    public double Accuracy(LabelledSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            return double.NaN;
        }

        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            int predicted = Margin(data.Features.AsSpan(i * data.FeatureCount, data.FeatureCount), Weights, Bias) >= 0 ? 1 : 0;
            correct += predicted == data.Labels[i] ? 1 : 0;
        }

        return (double)correct / data.Count;
    }

    /// <summary>The regularised objective at (w, b) = theta.</summary>
    public static double Objective(LabelledSet data, double[] theta, double lambda)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(theta);
        int f = data.FeatureCount;
        double loss = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double z = Margin(data.Features.AsSpan(i * f, f), theta.AsSpan(0, f), theta[f]);
            // log(1 + e^z) - y z, written to stay finite for large |z|.
            loss += Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))) - (data.Labels[i] * z);
        }

        double w2 = 0;
        for (int j = 0; j < f; j++)
        {
            w2 += theta[j] * theta[j];
        }

        return loss + (0.5 * lambda * w2);
    }

    /// <summary>Gradient and Hessian of <see cref="Objective"/> (length F + 1, the intercept last).</summary>
    public static (double[] Gradient, double[,] Hessian) GradientAndHessian(LabelledSet data, double[] theta, double lambda)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(theta);
        int f = data.FeatureCount, m = f + 1;
        var g = new double[m];
        var h = new double[m, m];
        Span<double> x = stackalloc double[m];
        for (int i = 0; i < data.Count; i++)
        {
            data.Features.AsSpan(i * f, f).CopyTo(x);
            x[f] = 1;
            double p = Sigmoid(Margin(x[..f], theta.AsSpan(0, f), theta[f]));
            double r = p - data.Labels[i], s = p * (1 - p);
            for (int a = 0; a < m; a++)
            {
                g[a] += r * x[a];
                for (int b = 0; b < m; b++)
                {
                    h[a, b] += s * x[a] * x[b];
                }
            }
        }

        for (int j = 0; j < f; j++)
        {
            g[j] += lambda * theta[j];
            h[j, j] += lambda;
        }

        return (g, h);
    }

    private static double Margin(ReadOnlySpan<double> x, ReadOnlySpan<double> w, double b)
    {
        double z = b;
        for (int j = 0; j < w.Length; j++)
        {
            z += w[j] * x[j];
        }

        return z;
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
