using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Mean binary cross-entropy on logits, mean(softplus(z) - y z) (numerically stable form),
    /// shape [1]; targets y in [0, 1], same element count as the logits.
    /// </summary>
    public static Var BinaryCrossEntropyWithLogits(Var logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (logits.Value.Length != targets.Length || targets.Length == 0)
        {
            throw new ArgumentException($"BinaryCrossEntropyWithLogits: logits {logits.ShapeText} and targets {targets.ShapeText} differ in size.");
        }

        var tape = logits.Tape;
        int n = targets.Length;
        double sum = 0;
        ReadOnlySpan<double> z = logits.Value.Span, y = targets.Span;
        for (int i = 0; i < n; i++)
        {
            sum += Math.Max(z[i], 0) - (z[i] * y[i]) + Math.Log(1 + Math.Exp(-Math.Abs(z[i])));
        }

        var r = tape.Result(Tensor.FromBuffer(new[] { sum / n }, [1]), logits.RequiresGrad);
        if (logits.RequiresGrad)
        {
            tape.Record(r, g =>
            {
                ReadOnlySpan<double> zs = logits.Value.Span, ys = targets.Span;
                Span<double> gz = logits.EnsureGrad().Span;
                double scale = g[0] / n;
                for (int i = 0; i < n; i++)
                {
                    gz[i] += scale * ((1 / (1 + Math.Exp(-zs[i]))) - ys[i]);
                }
            });
        }

        return r;
    }

    /// <summary>
    /// Mean softmax cross-entropy of logits [N, C] against class labels (0 &lt;= label &lt; C),
    /// shape [1]. Uses the max-shifted log-sum-exp.
    /// </summary>
    public static Var SoftmaxCrossEntropy(Var logits, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        var v = logits.Value;
        if (v.Rank != 2 || v.Dim(0) != labels.Count || v.Dim(0) == 0)
        {
            throw new ArgumentException($"SoftmaxCrossEntropy: logits {logits.ShapeText} do not match {labels.Count} labels (need [N, C]).");
        }

        int n = v.Dim(0), c = v.Dim(1);
        var tape = logits.Tape;
        var prob = tape.Rent([n, c]);
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            int label = labels[i];
            if (label < 0 || label >= c)
            {
                throw new ArgumentException($"SoftmaxCrossEntropy: label {label} of row {i} is outside [0, {c}).");
            }

            ReadOnlySpan<double> row = v.Span.Slice(i * c, c);
            Span<double> p = prob.Span.Slice(i * c, c);
            double max = double.NegativeInfinity;
            foreach (double x in row)
            {
                max = Math.Max(max, x);
            }

            double sum = 0;
            for (int j = 0; j < c; j++)
            {
                p[j] = Math.Exp(row[j] - max);
                sum += p[j];
            }

            for (int j = 0; j < c; j++)
            {
                p[j] /= sum;
            }

            loss -= row[label] - max - Math.Log(sum);
        }

        var r = tape.Result(Tensor.FromBuffer(new[] { loss / n }, [1]), logits.RequiresGrad);
        if (logits.RequiresGrad)
        {
            tape.Record(r, g =>
            {
                Span<double> gz = logits.EnsureGrad().Span;
                double scale = g[0] / n;
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < c; j++)
                    {
                        gz[(i * c) + j] += scale * (prob[(i * c) + j] - (j == labels[i] ? 1 : 0));
                    }
                }
            });
        }

        return r;
    }
}
