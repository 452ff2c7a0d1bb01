namespace SciTransfer.Epidemiology.Forest;

/// <summary>
/// A dense feature matrix stored column-major (shape rows x columns, element (r, c) at
/// <c>c * Rows + r</c>), so a split search reads one feature as a contiguous span.
/// </summary>
public sealed class FeatureMatrix
{
    /// <summary>Wraps <paramref name="columnMajor"/> (length rows * columns) without copying.</summary>
    public FeatureMatrix(int rows, int columns, double[] columnMajor)
    {
        ArgumentNullException.ThrowIfNull(columnMajor);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (columnMajor.Length != (long)rows * columns)
        {
            throw new ArgumentException($"FeatureMatrix: data length {columnMajor.Length} != rows {rows} x columns {columns}", nameof(columnMajor));
        }

        Rows = rows;
        Columns = columns;
        Data = columnMajor;
    }

    /// <summary>Number of rows (samples).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (features).</summary>
    public int Columns { get; }

    /// <summary>Column-major values, length Rows * Columns.</summary>
    public double[] Data { get; }

    /// <summary>Element (row, column).</summary>
    public double this[int row, int column] => Data[(column * Rows) + row];

    /// <summary>One feature over all rows.</summary>
    public ReadOnlySpan<double> Column(int column) => Data.AsSpan(column * Rows, Rows);

    /// <summary>Builds a matrix from row-major rows (each of equal length).</summary>
    public static FeatureMatrix FromRows(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("FeatureMatrix.FromRows: no rows", nameof(rows));
        }

        int p = rows[0].Length;
        var data = new double[rows.Count * p];
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != p)
            {
                throw new ArgumentException($"FeatureMatrix.FromRows: row {r} has {rows[r].Length} values, expected {p}", nameof(rows));
            }

            for (int c = 0; c < p; c++)
            {
                data[(c * rows.Count) + r] = rows[r][c];
            }
        }

        return new FeatureMatrix(rows.Count, p, data);
    }

    /// <summary>The selected rows, in the given order, as a new matrix.</summary>
    public FeatureMatrix SelectRows(ReadOnlySpan<int> rowIndices)
    {
        int m = rowIndices.Length;
        var data = new double[m * Columns];
        for (int c = 0; c < Columns; c++)
        {
            var src = Column(c);
            var dst = data.AsSpan(c * m, m);
            for (int i = 0; i < m; i++)
            {
                dst[i] = src[rowIndices[i]];
            }
        }

        return new FeatureMatrix(m, Columns, data);
    }

    /// <summary>Copies row <paramref name="row"/> into <paramref name="destination"/> (length Columns).</summary>
    public void CopyRow(int row, Span<double> destination)
    {
        for (int c = 0; c < Columns; c++)
        {
            destination[c] = Data[(c * Rows) + row];
        }
    }
}
