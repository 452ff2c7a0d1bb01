using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Autodiff;

public static partial class Ops
{
    /// <summary>Mean squared error mean((prediction - target)^2), shape [1]; shapes must match.</summary>
    public static Var MseLoss(Var prediction, Var target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (prediction.Value.Length != target.Value.Length)
        {
            throw new ArgumentException($"MseLoss: prediction {prediction.ShapeText} and target {target.ShapeText} differ in size.");
        }

        return MaskedMseCore(prediction, target, null, "MseLoss");
    }

    /// <summary>
    /// Masked mean squared error sum(mask (p - t)^2) / sum(mask), shape [1]. <paramref name="mask"/>
    /// holds 1 where an observation exists and 0 where it is missing (the target's value there is
    /// ignored, even NaN). All three must have the same number of elements; an all-zero mask gives 0.
    /// </summary>
    public static Var MaskedMseLoss(Var prediction, Var target, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(mask);
        if (prediction.Value.Length != target.Value.Length || mask.Length != target.Value.Length)
        {
            throw new ArgumentException(
                $"MaskedMseLoss: prediction {prediction.ShapeText}, target {target.ShapeText} and mask {mask.ShapeText} differ in size.");
        }

        return MaskedMseCore(prediction, target, mask, "MaskedMseLoss");
    }

    /// <summary>Elementwise x * mask for a constant mask (same shape), e.g. to zero missing entries.</summary>
    public static Var Mask(Var x, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Length != x.Value.Length)
        {
            throw new ArgumentException($"Mask: mask {mask.ShapeText} does not match {x.ShapeText}.");
        }

        return Mul(x, x.Tape.Constant(mask.Reshape(x.Shape.ToArray())));
    }

    private static Var MaskedMseCore(Var p, Var t, Tensor? mask, string op)
    {
        CheckSameTape(p, t, op);
        var tape = p.Tape;
        ReadOnlySpan<double> ps = p.Value.Span, ts = t.Value.Span;
        ReadOnlySpan<double> ms = mask is null ? default : mask.Span;
        double sum = 0, count = 0;
        for (int i = 0; i < ps.Length; i++)
        {
            double w = mask is null ? 1.0 : ms[i];
            if (w != 0)
            {
                double d = ps[i] - ts[i];
                sum += w * d * d;
                count += w;
            }
        }

        var y = tape.Rent([1]);
        y[0] = count > 0 ? sum / count : 0.0;
        bool grad = p.RequiresGrad || t.RequiresGrad;
        var r = tape.Result(y, grad);
        if (grad && count > 0)
        {
            tape.Record(r, g =>
            {
                double scale = 2.0 * g[0] / count;
                ReadOnlySpan<double> ps = p.Value.Span, ts = t.Value.Span;
                ReadOnlySpan<double> ms = mask is null ? default : mask.Span;
                Span<double> gp = p.RequiresGrad ? p.EnsureGrad().Span : default;
                Span<double> gt = t.RequiresGrad ? t.EnsureGrad().Span : default;
                for (int i = 0; i < ps.Length; i++)
                {
                    double w = mask is null ? 1.0 : ms[i];
                    if (w == 0)
                    {
                        continue;
                    }

                    double d = scale * w * (ps[i] - ts[i]);
                    if (p.RequiresGrad)
                    {
                        gp[i] += d;
                    }

                    if (t.RequiresGrad)
                    {
                        gt[i] -= d;
                    }
                }
            });
        }

        return r;
    }
}
