using System.Globalization;

namespace SciTransfer.Core.Tensors;

/// <summary>
/// A dense, row-major tensor of doubles. The last dimension is contiguous. A tensor owns its
/// buffer (<see cref="Data"/>), whose length may exceed <see cref="Length"/> when it was rented
/// from a pool; only the first <see cref="Length"/> elements are meaningful.
/// </summary>
public sealed class Tensor
{
    private int[] _shape;

    /// <summary>Creates a zero tensor of the given shape.</summary>
    public Tensor(params int[] shape)
        : this(new double[CheckedLength(shape, "Tensor")], shape)
    {
    }

    private Tensor(double[] data, int[] shape)
    {
        _shape = (int[])shape.Clone();
        Data = data;
        Length = CheckedLength(_shape, "Tensor");
    }

    /// <summary>The buffer; elements [0, Length) hold the tensor in row-major order.</summary>
    public double[] Data { get; private set; }

    /// <summary>Number of elements (product of the shape).</summary>
    public int Length { get; private set; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>A copy-free view of the shape.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Size of the last dimension (1 for a scalar of rank 0).</summary>
    public int Columns => _shape.Length == 0 ? 1 : _shape[^1];

    /// <summary>Product of all dimensions but the last: the tensor seen as a (Rows, Columns) matrix.</summary>
    public int Rows => Columns == 0 ? 0 : Length / Columns;

    /// <summary>Size of dimension <paramref name="axis"/> (negative counts from the end).</summary>
    public int Dim(int axis) => _shape[axis < 0 ? _shape.Length + axis : axis];

    /// <summary>The elements as a span of length <see cref="Length"/>.</summary>
    public Span<double> Span => Data.AsSpan(0, Length);

    /// <summary>Element of a rank-2 tensor.</summary>
    public double this[int row, int column]
    {
        get => Data[(row * Columns) + column];
        set => Data[(row * Columns) + column] = value;
    }

    /// <summary>Element of a rank-3 tensor, e.g. [batch, time, feature].</summary>
    public double this[int i, int j, int k]
    {
        get => Data[(((i * _shape[1]) + j) * _shape[2]) + k];
        set => Data[(((i * _shape[1]) + j) * _shape[2]) + k] = value;
    }

    /// <summary>Element by flat row-major index.</summary>
    public double this[int index]
    {
        get => Data[index];
        set => Data[index] = value;
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape) => new(shape);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(double value, params int[] shape)
    {
        var t = new Tensor(shape);
        t.Span.Fill(value);
        return t;
    }

    /// <summary>A scalar tensor of shape [1].</summary>
    public static Tensor Scalar(double value) => Full(value, 1);

    /// <summary>Wraps (without copying) <paramref name="data"/> as a tensor of the given shape.</summary>
    public static Tensor FromArray(double[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = CheckedLength(shape, "Tensor.FromArray");
        if (data.Length != n)
        {
            throw new ArgumentException(
                $"Tensor.FromArray: {data.Length} values do not fill shape {ShapeString(shape)} ({n} elements).", nameof(data));
        }

        return new Tensor(data, shape);
    }

    /// <summary>Copies a rectangular array into a [rows, columns] tensor.</summary>
    public static Tensor FromRows(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int r = values.GetLength(0), c = values.GetLength(1);
        var t = new Tensor(r, c);
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j < c; j++)
            {
                t.Data[(i * c) + j] = values[i, j];
            }
        }

        return t;
    }

    /// <summary>Wraps a pooled buffer (length may exceed the shape's element count).</summary>
    internal static Tensor FromBuffer(double[] buffer, ReadOnlySpan<int> shape)
    {
        var t = new Tensor(buffer, shape.ToArray());
        if (buffer.Length < t.Length)
        {
            throw new ArgumentException($"Tensor.FromBuffer: buffer of {buffer.Length} is smaller than shape {ShapeString(shape)}.");
        }

        return t;
    }

    /// <summary>The elements as a new array.</summary>
    public double[] ToArray() => Span.ToArray();

    /// <summary>A deep copy (exact length buffer).</summary>
    public Tensor Clone()
    {
        var t = new Tensor(_shape);
        Span.CopyTo(t.Span);
        return t;
    }

    /// <summary>Copies the values of <paramref name="source"/> (same element count) into this tensor.</summary>
    public void CopyFrom(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Length != Length)
        {
            throw new ArgumentException(
                $"Tensor.CopyFrom: shapes {ShapeString(source.Shape)} and {ShapeString(Shape)} differ in size.", nameof(source));
        }

        source.Span.CopyTo(Span);
    }

    /// <summary>A tensor sharing this buffer with a new shape of the same element count.</summary>
    public Tensor Reshape(params int[] shape)
    {
        int n = CheckedLength(shape, "Tensor.Reshape");
        if (n != Length)
        {
            throw new ArgumentException($"Tensor.Reshape: cannot reshape {ShapeString(Shape)} to {ShapeString(shape)}.", nameof(shape));
        }

        return new Tensor(Data, shape);
    }

    /// <summary>Whether the shapes are identical.</summary>
    public bool SameShape(Tensor other) => other is not null && Shape.SequenceEqual(other.Shape);

    /// <summary>Shape as text, e.g. "[64, 48, 10]".</summary>
    public string ShapeText => ShapeString(_shape);

    /// <summary>Formats a shape as "[a, b, c]".</summary>
    public static string ShapeString(ReadOnlySpan<int> shape)
    {
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }

    /// <inheritdoc />
    public override string ToString() => "Tensor" + ShapeText;

    private static int CheckedLength(ReadOnlySpan<int> shape, string op)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"{op}: negative dimension in shape {ShapeString(shape)}.");
            }

            n *= d;
            if (n > Array.MaxLength)
            {
                throw new ArgumentException($"{op}: shape {ShapeString(shape)} is too large.");
            }
        }

        return (int)n;
    }
}
