using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Tables;

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

    /// <summary>
    /// Reads <paramref name="path"/> through the shared <see cref="CsvTableReader"/> (BOM, CRLF and quoted fields
    /// accepted); errors name the file, row and column.
    /// </summary>
    public static RegressionTable Read(string path)
    {
        int dimension = 0;
        using var csv = CsvTableReader.Open(path, header =>
        {
            var twice = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null)
            {
                throw new DataFormatException(path, 1, twice.Key, "column appears twice in the header");
            }

            if (!header.Contains("y"))
            {
                throw new DataFormatException(path, 1, "y", "missing label column 'y'");
            }

            while (header.Contains(Feature(dimension + 1)))
            {
                dimension++;
            }

            if (dimension == 0)
            {
                throw new DataFormatException(path, 1, "x1", "missing feature columns x1, x2, ...");
            }

            string[] required = ["y", .. Enumerable.Range(1, dimension).Select(Feature)];
            return (required, ["id", "group", "time"]);
        });

        string[] features = [.. Enumerable.Range(1, dimension).Select(Feature)];
        bool hasTime = csv.Has("time");
        var rows = new List<(double[] X, double Y, SplitRecord R)>();
        while (csv.Next())
        {
            DateTime? time = null;
            if (hasTime)
            {
                string t = csv.Raw("time");
                time = TimeSplit.ParseInstant(t, endOfDay: false) ?? throw csv.Error("time", $"'{t}' is not an ISO 8601 date or date-time");
            }

            string id = csv.Has("id") ? csv.Raw("id") : (rows.Count + 1).ToString(CultureInfo.InvariantCulture);
            string? group = csv.Has("group") ? csv.Raw("group") : null;
            double[] x = [.. features.Select(f => csv.Number(f, double.MinValue, double.MaxValue))];
            rows.Add((x, csv.Number("y", double.MinValue, double.MaxValue), new SplitRecord(id, group, time)));
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

    private static string Feature(int j) => string.Create(CultureInfo.InvariantCulture, $"x{j}");
}
