using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using SciTransfer.Core.Kernels;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Matrix product a[..., k] x b[k, n] -> [..., n]: the leading dimensions of a are flattened
    /// into rows (so a [batch, time, k] input is one product).
    /// </summary>
    public static Var MatMul(Var a, Var b) => LinearCore(a, b, null, "MatMul");

    /// <summary>Affine map x[..., in] W[in, out] + bias[out] (bias broadcast over rows) in one node.</summary>
    public static Var Linear(Var x, Var weight, Var? bias) => LinearCore(x, weight, bias, "Linear");

    private static Var LinearCore(Var a, Var b, Var? bias, string op)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckSameTape(a, b, op);
        Tensor av = a.Value, bv = b.Value;
        if (bv.Rank != 2 || av.Rank < 1 || av.Columns != bv.Dim(0))
        {
            throw new ArgumentException($"{op}: shapes {av.ShapeText} and {bv.ShapeText} do not chain (need [..., k] x [k, n]).");
        }

        int m = av.Rows, k = av.Columns, n = bv.Dim(1);
        if (bias is not null && bias.Value.Length != n)
        {
            throw new ArgumentException($"{op}: bias {bias.ShapeText} does not match {n} outputs of {av.ShapeText} x {bv.ShapeText}.");
        }

        int[] shape = av.Shape.ToArray();
        shape[^1] = n;
        var tape = a.Tape;
        var y = tape.Rent(shape);
        if (bias is not null)
        {
            for (int i = 0; i < m; i++)
            {
                bias.Value.Span.CopyTo(y.Span.Slice(i * n, n));
            }
        }

        Gemm.Multiply(av.Span, k, false, bv.Span, n, false, y.Span, n, m, n, k, accumulate: bias is not null, tape.Threads);
        bool grad = a.RequiresGrad || b.RequiresGrad || (bias?.RequiresGrad ?? false);
        var r = tape.Result(y, grad);
        if (grad)
        {
            tape.Record(r, g =>
            {
                if (a.RequiresGrad)
                {
                    // dA += dY B^T
                    bool fresh = a.TakeFreshGrad(out var ga);
                    Gemm.Multiply(g.Span, n, false, bv.Span, n, true, ga.Span, k, m, k, n, accumulate: !fresh, tape.Threads);
                }

                if (b.RequiresGrad)
                {
                    // dB += A^T dY
                    Gemm.Multiply(av.Span, k, true, g.Span, n, false, b.EnsureGrad().Span, n, k, n, m, accumulate: true, tape.Threads);
                }

                if (bias is { RequiresGrad: true })
                {
                    Span<double> gb = bias.EnsureGrad().Span;
                    for (int i = 0; i < m; i++)
                    {
                        TensorPrimitives.Add(gb, g.Span.Slice(i * n, n), gb);
                    }
                }
            });
        }

        return r;
    }
}
