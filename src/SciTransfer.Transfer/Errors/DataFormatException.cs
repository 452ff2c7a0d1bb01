namespace SciTransfer.Transfer.Errors;

/// <summary>Bad input data (exit code 2). The message names the file, the row and the column.</summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the error; <paramref name="row"/> is 1-based counting the header line, 0 when not row-specific.</summary>
    public DataFormatException(string file, long row, string column, string problem)
        : base(row > 0 ? $"{file}: row {row}, column '{column}': {problem}" : $"{file}: column '{column}': {problem}")
    {
        File = file;
        Row = row;
        Column = column;
        Problem = problem;
    }

    /// <summary>Data file.</summary>
    public string File { get; }

    /// <summary>1-based line number (header = 1), or 0.</summary>
    public long Row { get; }

    /// <summary>Column name.</summary>
    public string Column { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
