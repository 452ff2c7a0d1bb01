using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Results;

namespace SciTransfer.Transfer.Reference;

/// <summary>
/// A user's regression table for <c>reference/linear-shift</c>: a header with feature columns <c>x1..xd</c>, the label
/// <c>y</c>, and optionally <c>id</c>, <c>group</c> and <c>time</c> (ISO 8601, UTC when no zone) for splits.
/// </summary>
/// <param name="File">Absolute path.</param>
/// <param name="X">Features, rows x d.</param>
/// <param name="Y">Labels, length rows.</param>
/// <param name="Records">Each row as a split sees it (id defaults to the 1-based data row number).</param>
public sealed record RegressionTable(string File, Matrix<double> X, Vector<double> Y, IReadOnlyList<SplitRecord> Records)
{
    /// <summary>Number of features d.</summary>
    public int Dimension => X.ColumnCount;

    /// <summary>Reads <paramref name="path"/>; errors name the file, row and column.</summary>
    public static RegressionTable Read(string path)
    {
        var lines = System.IO.File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            throw new DataFormatException(path, 1, "(header)", "empty file; expected a header such as id,x1,x2,y");
        }

        var header = CsvText.Split(lines[0].TrimStart('\uFEFF')) ?? throw new DataFormatException(path, 1, "(header)", "unreadable header");
        if (header.Distinct(StringComparer.Ordinal).Count() != header.Count)
        {
            throw new DataFormatException(path, 1, header.GroupBy(h => h, StringComparer.Ordinal).First(g => g.Count() > 1).Key, "column appears twice in the header");
        }

        int yCol = header.IndexOf("y");
        if (yCol < 0)
        {
            throw new DataFormatException(path, 1, "y", "missing label column 'y'");
        }

        var xCols = new List<int>();
        for (int j = 1; header.IndexOf($"x{j}") is var k && k >= 0; j++)
        {
            xCols.Add(k);
        }

        if (xCols.Count == 0)
        {
            throw new DataFormatException(path, 1, "x1", "missing feature columns x1, x2, ...");
        }

        int idCol = header.IndexOf("id"), groupCol = header.IndexOf("group"), timeCol = header.IndexOf("time");
        var known = new HashSet<int>([yCol, idCol, groupCol, timeCol, .. xCols]);
        for (int c = 0; c < header.Count; c++)
        {
            if (!known.Contains(c))
            {
                throw new DataFormatException(path, 1, header[c], "unknown column; expected id, group, time, x1..xd, y");
            }
        }

        var rows = new List<(double[] X, double Y, SplitRecord R)>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            long row = i + 1;
            var f = CsvText.Split(lines[i]) ?? throw new DataFormatException(path, row, "(line)", "unbalanced quotes");
            if (f.Count != header.Count)
            {
                throw new DataFormatException(path, row, "(line)", $"has {f.Count} fields, the header has {header.Count}");
            }

            double Num(int c) => CsvText.TryNumber(f[c], out double v) && double.IsFinite(v) ? v : throw new DataFormatException(path, row, header[c], $"'{f[c]}' is not a finite number");
            DateTime? time = null;
            if (timeCol >= 0)
            {
                time = TimeSplit.ParseInstant(f[timeCol], endOfDay: false) ?? throw new DataFormatException(path, row, "time", $"'{f[timeCol]}' is not an ISO 8601 date or date-time");
            }

            string id = idCol >= 0 ? f[idCol] : (rows.Count + 1).ToString(CultureInfo.InvariantCulture);
            rows.Add(([.. xCols.Select(Num)], Num(yCol), new SplitRecord(id, groupCol >= 0 ? f[groupCol] : null, time)));
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException(path, 2, "(line)", "no data rows");
        }

        return new RegressionTable(
            path,
            Matrix<double>.Build.DenseOfRowArrays(rows.Select(r => r.X)),
            Vector<double>.Build.DenseOfEnumerable(rows.Select(r => r.Y)),
            [.. rows.Select(r => r.R)]);
    }

    /// <summary>The rows with role <paramref name="role"/>, in file order.</summary>
    public (Matrix<double> X, Vector<double> Y) Rows(SplitRole[] roles, SplitRole role)
    {
        ArgumentNullException.ThrowIfNull(roles);
        int[] idx = [.. Enumerable.Range(0, roles.Length).Where(i => roles[i] == role)];
        return (Matrix<double>.Build.DenseOfRowVectors(idx.Select(X.Row)), Vector<double>.Build.DenseOfEnumerable(idx.Select(i => Y[i])));
    }
}
