namespace SciTransfer.HeatSink.Solver;

/// <summary>A square sparse matrix in compressed-row form (n x n, double).</summary>
public sealed class CsrMatrix
{
    /// <summary>Wraps CSR arrays: row pointers (length n+1), column indices and values (length nnz).</summary>
    public CsrMatrix(int n, int[] rowPointers, int[] columns, double[] values)
    {
        ArgumentNullException.ThrowIfNull(rowPointers);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (rowPointers.Length != n + 1 || columns.Length != values.Length || rowPointers[n] != values.Length)
        {
            throw new ArgumentException($"CsrMatrix: inconsistent arrays (n={n}, rowPointers={rowPointers.Length}, columns={columns.Length}, values={values.Length})");
        }

        N = n;
        RowPointers = rowPointers;
        Columns = columns;
        Values = values;
    }

    /// <summary>Dimension.</summary>
    public int N { get; }

    /// <summary>Row start offsets, length N+1.</summary>
    public int[] RowPointers { get; }

    /// <summary>Column of each stored value.</summary>
    public int[] Columns { get; }

    /// <summary>Stored values.</summary>
    public double[] Values { get; }

    /// <summary>destination = A x.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> destination)
    {
        for (int i = 0; i < N; i++)
        {
            double s = 0;
            for (int p = RowPointers[i]; p < RowPointers[i + 1]; p++)
            {
                s += Values[p] * x[Columns[p]];
            }

            destination[i] = s;
        }
    }

    /// <summary>The diagonal entries (zero where none is stored).</summary>
    public double[] Diagonal()
    {
        var d = new double[N];
        for (int i = 0; i < N; i++)
        {
            for (int p = RowPointers[i]; p < RowPointers[i + 1]; p++)
            {
                if (Columns[p] == i)
                {
                    d[i] += Values[p];
                }
            }
        }

        return d;
    }
}
