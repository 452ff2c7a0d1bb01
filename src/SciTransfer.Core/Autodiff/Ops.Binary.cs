using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Autodiff;

/// <summary>
/// Differentiable operations. Each op computes its value from the inputs' values and records a
/// backward step that accumulates (+=) into the gradients of the inputs that need one.
/// Binary elementwise ops broadcast: each operand is seen as a (rows, columns) matrix (columns =
/// last dimension, rows = product of the others), and an operand with one row, one column or one
/// element is repeated to the other's shape (bias rows, per-sample columns, scalars).
/// </summary>
public static partial class Ops
{
    /// <summary>a + b, broadcast.</summary>
    public static Var Add(Var a, Var b) => Binary(a, b, BinaryKind.Add, "Add");

    /// <summary>a - b, broadcast.</summary>
    public static Var Sub(Var a, Var b) => Binary(a, b, BinaryKind.Sub, "Sub");

    /// <summary>Elementwise a * b, broadcast.</summary>
    public static Var Mul(Var a, Var b) => Binary(a, b, BinaryKind.Mul, "Mul");

    /// <summary>Elementwise a / b, broadcast.</summary>
    public static Var Div(Var a, Var b) => Binary(a, b, BinaryKind.Div, "Div");

    /// <summary>a * s for a constant scalar s.</summary>
    public static Var Scale(Var a, double s)
    {
        ArgumentNullException.ThrowIfNull(a);
        var tape = a.Tape;
        var y = tape.Rent(a.Shape);
        TensorPrimitives.Multiply(a.Value.Span, s, y.Span);
        var r = tape.Result(y, a.RequiresGrad);
        if (a.RequiresGrad)
        {
            tape.Record(r, g => TensorPrimitives.MultiplyAdd(g.Span, s, a.EnsureGrad().Span, a.Grad!.Span));
        }

        return r;
    }

    /// <summary>a + s for a constant scalar s.</summary>
    public static Var AddScalar(Var a, double s)
    {
        ArgumentNullException.ThrowIfNull(a);
        var tape = a.Tape;
        var y = tape.Rent(a.Shape);
        TensorPrimitives.Add(a.Value.Span, s, y.Span);
        var r = tape.Result(y, a.RequiresGrad);
        if (a.RequiresGrad)
        {
            tape.Record(r, g => TensorPrimitives.Add(a.EnsureGrad().Span, g.Span, a.Grad!.Span));
        }

        return r;
    }

    private enum BinaryKind
    {
        Add,
        Sub,
        Mul,
        Div,
    }

    private static Var Binary(Var a, Var b, BinaryKind kind, string op)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckSameTape(a, b, op);
        Tensor av = a.Value, bv = b.Value;
        var tape = a.Tape;
        bool grad = a.RequiresGrad || b.RequiresGrad;

        if (av.SameShape(bv))
        {
            var y = tape.Rent(av.Shape);
            ReadOnlySpan<double> x1 = av.Span, x2 = bv.Span;
            switch (kind)
            {
                case BinaryKind.Add: TensorPrimitives.Add(x1, x2, y.Span); break;
                case BinaryKind.Sub: TensorPrimitives.Subtract(x1, x2, y.Span); break;
                case BinaryKind.Mul: TensorPrimitives.Multiply(x1, x2, y.Span); break;
                default: TensorPrimitives.Divide(x1, x2, y.Span); break;
            }

            var r = tape.Result(y, grad);
            if (grad)
            {
                tape.Record(r, g => SameShapeBackward(a, b, y, g, kind));
            }

            return r;
        }

        var plan = BroadcastPlan.Create(av, bv, op);
        var yb = tape.Rent(plan.OutShape);
        if (plan.IsFullAndRow)
        {
            // The common bias case: a [rows, cols] with b one row, one vectorized op per row.
            int cols = plan.Cols;
            ReadOnlySpan<double> x2 = bv.Span;
            for (int i = 0; i < plan.Rows; i++)
            {
                ReadOnlySpan<double> x1 = av.Span.Slice(i * cols, cols);
                Span<double> yr = yb.Span.Slice(i * cols, cols);
                switch (kind)
                {
                    case BinaryKind.Add: TensorPrimitives.Add(x1, x2, yr); break;
                    case BinaryKind.Sub: TensorPrimitives.Subtract(x1, x2, yr); break;
                    case BinaryKind.Mul: TensorPrimitives.Multiply(x1, x2, yr); break;
                    default: TensorPrimitives.Divide(x1, x2, yr); break;
                }
            }
        }
        else
        {
            Span<double> ys = yb.Span;
            ReadOnlySpan<double> x1 = av.Span, x2 = bv.Span;
            for (int i = 0; i < plan.Rows; i++)
            {
                for (int j = 0; j < plan.Cols; j++)
                {
                    double p = x1[(i * plan.ARowStride) + (j * plan.AColStride)];
                    double q = x2[(i * plan.BRowStride) + (j * plan.BColStride)];
                    ys[(i * plan.Cols) + j] = kind switch
                    {
                        BinaryKind.Add => p + q,
                        BinaryKind.Sub => p - q,
                        BinaryKind.Mul => p * q,
                        _ => p / q,
                    };
                }
            }
        }

        var rb = tape.Result(yb, grad);
        if (grad)
        {
            tape.Record(rb, g =>
            {
                if (plan.IsFullAndRow && kind is BinaryKind.Add or BinaryKind.Sub)
                {
                    RowBiasBackward(a, b, g, kind == BinaryKind.Sub, plan.Rows, plan.Cols);
                }
                else
                {
                    BroadcastBackward(a, b, g, kind, plan);
                }
            });
        }

        return rb;
    }

    private static void SameShapeBackward(Var a, Var b, Tensor y, Tensor g, BinaryKind kind)
    {
        ReadOnlySpan<double> gs = g.Span;
        if (a.RequiresGrad)
        {
            Span<double> ga = a.EnsureGrad().Span;
            switch (kind)
            {
                case BinaryKind.Add:
                case BinaryKind.Sub:
                    TensorPrimitives.Add(ga, gs, ga);
                    break;
                case BinaryKind.Mul:
                    TensorPrimitives.FusedMultiplyAdd(gs, b.Value.Span, ga, ga);
                    break;
                default:
                    {
                        ReadOnlySpan<double> bs = b.Value.Span;
                        for (int i = 0; i < ga.Length; i++)
                        {
                            ga[i] += gs[i] / bs[i];
                        }

                        break;
                    }
            }
        }

        if (b.RequiresGrad)
        {
            Span<double> gb = b.EnsureGrad().Span;
            switch (kind)
            {
                case BinaryKind.Add:
                    TensorPrimitives.Add(gb, gs, gb);
                    break;
                case BinaryKind.Sub:
                    TensorPrimitives.Subtract(gb, gs, gb);
                    break;
                case BinaryKind.Mul:
                    TensorPrimitives.FusedMultiplyAdd(gs, a.Value.Span, gb, gb);
                    break;
                default:
                    {
                        // d(a/b)/db = -(a/b)/b = -y/b
                        ReadOnlySpan<double> bs = b.Value.Span, ys = y.Span;
                        for (int i = 0; i < gb.Length; i++)
                        {
                            gb[i] -= gs[i] * ys[i] / bs[i];
                        }

                        break;
                    }
            }
        }
    }

    private static void BroadcastBackward(Var a, Var b, Tensor g, BinaryKind kind, BroadcastPlan plan)
    {
        ReadOnlySpan<double> gs = g.Span, x1 = a.Value.Span, x2 = b.Value.Span;
        Span<double> ga = a.RequiresGrad ? a.EnsureGrad().Span : default;
        Span<double> gb = b.RequiresGrad ? b.EnsureGrad().Span : default;
        for (int i = 0; i < plan.Rows; i++)
        {
            for (int j = 0; j < plan.Cols; j++)
            {
                double gij = gs[(i * plan.Cols) + j];
                int ia = (i * plan.ARowStride) + (j * plan.AColStride);
                int ib = (i * plan.BRowStride) + (j * plan.BColStride);
                double p = x1[ia], q = x2[ib];
                double da, db;
                switch (kind)
                {
                    case BinaryKind.Add: da = 1; db = 1; break;
                    case BinaryKind.Sub: da = 1; db = -1; break;
                    case BinaryKind.Mul: da = q; db = p; break;
                    default: da = 1 / q; db = -p / (q * q); break;
                }

                if (a.RequiresGrad)
                {
                    ga[ia] += gij * da;
                }

                if (b.RequiresGrad)
                {
                    gb[ib] += gij * db;
                }
            }
        }
    }

    private static void RowBiasBackward(Var a, Var b, Tensor g, bool subtract, int rows, int cols)
    {
        if (a.RequiresGrad)
        {
            Span<double> ga = a.EnsureGrad().Span;
            TensorPrimitives.Add(ga, g.Span, ga);
        }

        if (b.RequiresGrad)
        {
            Span<double> gb = b.EnsureGrad().Span;
            for (int i = 0; i < rows; i++)
            {
                ReadOnlySpan<double> gr = g.Span.Slice(i * cols, cols);
                if (subtract)
                {
                    TensorPrimitives.Subtract(gb, gr, gb);
                }
                else
                {
                    TensorPrimitives.Add(gb, gr, gb);
                }
            }
        }
    }

    private static void CheckSameTape(Var a, Var b, string op)
    {
        if (!ReferenceEquals(a.Tape, b.Tape))
        {
            throw new ArgumentException($"{op}: operands {a.ShapeText} and {b.ShapeText} were recorded on different tapes.");
        }
    }

    /// <summary>How two operands map onto the output's (rows, columns) grid.</summary>
    private sealed class BroadcastPlan
    {
        public int[] OutShape { get; private init; } = [];

        public int Rows { get; private init; }

        public int Cols { get; private init; }

        public int ARowStride { get; private init; }

        public int AColStride { get; private init; }

        public int BRowStride { get; private init; }

        public int BColStride { get; private init; }

        /// <summary>a fills the output and b is one row repeated over it.</summary>
        public bool IsFullAndRow => ARowStride == Cols && AColStride == 1 && BRowStride == 0 && BColStride == 1 && Rows > 1;

        public static BroadcastPlan Create(Tensor a, Tensor b, string op)
        {
            Tensor big = a.Length >= b.Length ? a : b;
            int rows = big.Rows, cols = big.Columns;
            var (ars, acs) = Strides(a, rows, cols, a, b, op);
            var (brs, bcs) = Strides(b, rows, cols, a, b, op);
            return new BroadcastPlan
            {
                OutShape = big.Shape.ToArray(),
                Rows = rows,
                Cols = cols,
                ARowStride = ars,
                AColStride = acs,
                BRowStride = brs,
                BColStride = bcs,
            };
        }

        private static (int RowStride, int ColStride) Strides(Tensor t, int rows, int cols, Tensor a, Tensor b, string op)
        {
            if (t.Length == 1)
            {
                return (0, 0);
            }

            if (t.Rows == rows && t.Columns == cols)
            {
                return (cols, 1);
            }

            if (t.Rows == 1 && t.Columns == cols)
            {
                return (0, 1);
            }

            if (t.Columns == 1 && t.Rows == rows)
            {
                return (1, 0);
            }

            throw new ArgumentException(
                $"{op}: shapes {a.ShapeText} and {b.ShapeText} do not broadcast (need equal shapes, a row [1, n], a column [m, 1] or a scalar).");
        }
    }
}
