using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using SciTransfer.Core.Tensors;

namespace SciTransfer.Core.Autodiff;

public static partial class Ops
{
    /// <summary>Sum of all elements, shape [1].</summary>
    public static Var Sum(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var tape = x.Tape;
        var y = tape.Rent([1]);
        y[0] = TensorPrimitives.Sum(x.Value.Span);
        var r = tape.Result(y, x.RequiresGrad);
        if (x.RequiresGrad)
        {
            tape.Record(r, g => TensorPrimitives.Add(x.EnsureGrad().Span, g[0], x.Grad!.Span));
        }

        return r;
    }

    /// <summary>Mean of all elements, shape [1].</summary>
    public static Var Mean(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Value.Length == 0)
        {
            throw new ArgumentException($"Mean: empty input {x.ShapeText}.");
        }

        return Scale(Sum(x), 1.0 / x.Value.Length);
    }

    /// <summary>Sum over rows: x seen as [rows, n] gives [1, n] (e.g. a bias gradient).</summary>
    public static Var SumRows(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var tape = x.Tape;
        int rows = x.Value.Rows, n = x.Value.Columns;
        var y = tape.RentZeroed([1, n]);
        for (int i = 0; i < rows; i++)
        {
            TensorPrimitives.Add(y.Span, x.Value.Span.Slice(i * n, n), y.Span);
        }

        var r = tape.Result(y, x.RequiresGrad);
        if (x.RequiresGrad)
        {
            tape.Record(r, g =>
            {
                Span<double> gx = x.EnsureGrad().Span;
                for (int i = 0; i < rows; i++)
                {
                    Span<double> row = gx.Slice(i * n, n);
                    TensorPrimitives.Add(row, g.Span, row);
                }
            });
        }

        return r;
    }

    /// <summary>Sum over the last dimension: x seen as [rows, n] gives [rows, 1].</summary>
    public static Var SumColumns(Var x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var tape = x.Tape;
        int rows = x.Value.Rows, n = x.Value.Columns;
        var y = tape.Rent([rows, 1]);
        for (int i = 0; i < rows; i++)
        {
            y[i] = TensorPrimitives.Sum(x.Value.Span.Slice(i * n, n));
        }

        var r = tape.Result(y, x.RequiresGrad);
        if (x.RequiresGrad)
        {
            tape.Record(r, g =>
            {
                Span<double> gx = x.EnsureGrad().Span;
                for (int i = 0; i < rows; i++)
                {
                    Span<double> row = gx.Slice(i * n, n);
                    TensorPrimitives.Add(row, g[i], row);
                }
            });
        }

        return r;
    }
}
