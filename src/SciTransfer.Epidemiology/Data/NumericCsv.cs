using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.Epidemiology.Data;

/// <summary>
/// Reads a numeric CSV with a header line (e.g. <c>x0,...,x9,y</c> as written by the scikit-learn peer's
/// <c>--dump</c>): every field a number, read through the shared <see cref="CsvTableReader"/>. Errors name the file,
/// the 1-based row (header = 1) and the column.
/// </summary>
public static class NumericCsv
{
    /// <summary>Header names and row-major values.</summary>
    public static (string[] Header, List<double[]> Rows) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var csv = CsvTableReader.OpenWithAnyColumns(path, []);
        string[] header = [.. csv.Columns];
        var rows = new List<double[]>();
        while (csv.Next())
        {
            var values = new double[header.Length];
            for (int c = 0; c < header.Length; c++)
            {
                values[c] = csv.Number(header[c], double.MinValue, double.MaxValue);
            }

            rows.Add(values);
        }

        return (header, rows);
    }

    /// <summary>Splits rows into a feature matrix (all columns but <paramref name="target"/>) and the target vector.</summary>
    public static (Forest.FeatureMatrix X, double[] Y) SplitTarget(string path, string target = "y")
    {
        var (header, rows) = Read(path);
        int yCol = Array.IndexOf(header, target);
        if (yCol < 0)
        {
            throw new DataFormatException(path, 1, target, "target column not found in the header");
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException(path, 2, header[0], "no data rows");
        }

        int p = header.Length - 1;
        var data = new double[rows.Count * p];
        var y = new double[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            int c2 = 0;
            for (int c = 0; c < header.Length; c++)
            {
                if (c == yCol)
                {
                    y[r] = rows[r][c];
                    continue;
                }

                data[(c2 * rows.Count) + r] = rows[r][c];
                c2++;
            }
        }

        return (new Forest.FeatureMatrix(rows.Count, p, data), y);
    }
}
