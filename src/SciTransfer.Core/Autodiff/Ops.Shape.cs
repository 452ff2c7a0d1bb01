using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Elements [start, start + length) along <paramref name="axis"/> (negative counts from the end);
    /// the other dimensions are kept. E.g. Slice(x[N, 4], 1, 2, 1) is column 2 as [N, 1].
    /// </summary>
    public static Var Slice(Var x, int axis, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (outer, dim, inner, ax) = AxisView(x.Value, axis, "Slice");
        if (start < 0 || length < 0 || start + length > dim)
        {
            throw new ArgumentException($"Slice: range [{start}, {start + length}) is outside axis {ax} of {x.ShapeText}.");
        }

        int[] shape = x.Shape.ToArray();
        shape[ax] = length;
        var tape = x.Tape;
        var y = tape.Rent(shape);
        int block = length * inner;
        for (int o = 0; o < outer; o++)
        {
            x.Value.Span.Slice((o * dim * inner) + (start * inner), block).CopyTo(y.Span.Slice(o * block, block));
        }

        var r = tape.Result(y, x.RequiresGrad);
        if (x.RequiresGrad)
        {
            tape.Record(r, g =>
            {
                Span<double> gx = x.EnsureGrad().Span;
                for (int o = 0; o < outer; o++)
                {
                    Span<double> dst = gx.Slice((o * dim * inner) + (start * inner), block);
                    TensorPrimitives.Add(dst, g.Span.Slice(o * block, block), dst);
                }
            });
        }

        return r;
    }

    /// <summary>Joins values along <paramref name="axis"/>; all other dimensions must agree.</summary>
    public static Var Concat(int axis, params Var[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0)
        {
            throw new ArgumentException("Concat: no inputs.");
        }

        var first = parts[0].Value;
        var (outer, _, inner, ax) = AxisView(first, axis, "Concat");
        int total = 0;
        bool grad = false;
        foreach (var p in parts)
        {
            if (!ReferenceEquals(p.Tape, parts[0].Tape) || p.Value.Rank != first.Rank)
            {
                throw new ArgumentException($"Concat: {p.ShapeText} cannot join {first.ShapeText} (rank or tape differs).");
            }

            for (int d = 0; d < first.Rank; d++)
            {
                if (d != ax && p.Value.Dim(d) != first.Dim(d))
                {
                    throw new ArgumentException($"Concat: shapes {first.ShapeText} and {p.ShapeText} differ outside axis {ax}.");
                }
            }

            total += p.Value.Dim(ax);
            grad |= p.RequiresGrad;
        }

        int[] shape = first.Shape.ToArray();
        shape[ax] = total;
        var tape = parts[0].Tape;
        var y = tape.Rent(shape);
        int offset = 0;
        foreach (var p in parts)
        {
            int block = p.Value.Dim(ax) * inner;
            for (int o = 0; o < outer; o++)
            {
                p.Value.Span.Slice(o * block, block).CopyTo(y.Span.Slice((o * total * inner) + offset, block));
            }

            offset += block;
        }

        var r = tape.Result(y, grad);
        if (grad)
        {
            tape.Record(r, g =>
            {
                int off = 0;
                foreach (var p in parts)
                {
                    int block = p.Value.Dim(ax) * inner;
                    if (p.RequiresGrad)
                    {
                        Span<double> gp = p.EnsureGrad().Span;
                        for (int o = 0; o < outer; o++)
                        {
                            Span<double> dst = gp.Slice(o * block, block);
                            TensorPrimitives.Add(dst, g.Span.Slice((o * total * inner) + off, block), dst);
                        }
                    }

                    off += block;
                }
            });
        }

        return r;
    }

    /// <summary>Matrix transpose: x [m, n] -> [n, m].</summary>
    public static Var Transpose(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Value.Rank != 2)
        {
            throw new ArgumentException($"Transpose: needs a matrix [m, n], got {x.ShapeText}.");
        }

        int m = x.Value.Shape[0], n = x.Value.Shape[1];
        var tape = x.Tape;
        var y = tape.Rent([n, m]);
        var xs = x.Value.Span;
        var ys = y.Span;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                ys[(j * m) + i] = xs[(i * n) + j];
            }
        }

        var r = tape.Result(y, x.RequiresGrad);
        if (x.RequiresGrad)
        {
            tape.Record(r, g =>
            {
                var gx = x.EnsureGrad().Span;
                var gs = g.Span;
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        gx[(i * n) + j] += gs[(j * m) + i];
                    }
                }
            });
        }

        return r;
    }

    /// <summary>The same elements with a new shape (same element count).</summary>
    public static Var Reshape(Var x, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(shape);
        long n = 1;
        foreach (int d in shape)
        {
            n *= d;
        }

        if (n != x.Value.Length)
        {
            throw new ArgumentException($"Reshape: cannot reshape {x.ShapeText} to {Tensor.ShapeString(shape)}.");
        }

        var tape = x.Tape;
        var y = tape.Rent(shape);
        x.Value.Span.CopyTo(y.Span);
        var r = tape.Result(y, x.RequiresGrad);
        if (x.RequiresGrad)
        {
            tape.Record(r, g => TensorPrimitives.Add(x.EnsureGrad().Span, g.Span, x.Grad!.Span));
        }

        return r;
    }

    private static (int Outer, int Dim, int Inner, int Axis) AxisView(Tensor t, int axis, string op)
    {
        int ax = axis < 0 ? t.Rank + axis : axis;
        if (ax < 0 || ax >= t.Rank)
        {
            throw new ArgumentException($"{op}: axis {axis} is out of range for {t.ShapeText}.");
        }

        int outer = 1, inner = 1;
        for (int d = 0; d < ax; d++)
        {
            outer *= t.Dim(d);
        }

        for (int d = ax + 1; d < t.Rank; d++)
        {
            inner *= t.Dim(d);
        }

        return (outer, t.Dim(ax), inner, ax);
    }
}
