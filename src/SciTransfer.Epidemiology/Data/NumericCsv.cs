using System.Globalization;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Epidemiology.Data;

/// <summary>
/// Reads a numeric CSV with a header line (e.g. <c>x0,...,x9,y</c> as written by the scikit-learn peer's
/// <c>--dump</c>): every field a number. Errors name the file, the 1-based row (header = 1) and the column.
/// </summary>
public static class NumericCsv
{
    /// <summary>Header names and row-major values.</summary>
    public static (string[] Header, List<double[]> Rows) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, 0, "(file)", "file not found");
        }

        using var reader = new StreamReader(path);
        string? headerLine = reader.ReadLine() ?? throw new DataFormatException(path, 1, "(header)", "empty file");
        string[] header = headerLine.Split(',');
        if (header.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DataFormatException(path, 1, twice.Key, "column appears twice in the header");
        }

        var rows = new List<double[]>();
        long line = 1;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            string[] fields = text.Split(',');
            if (fields.Length != header.Length)
            {
                string column = fields.Length < header.Length ? header[fields.Length] : "(extra field)";
                throw new DataFormatException(path, line, column, $"expected {header.Length} fields, found {fields.Length}");
            }

            var values = new double[fields.Length];
            for (int c = 0; c < fields.Length; c++)
            {
                if (!double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]) || !double.IsFinite(values[c]))
                {
                    throw new DataFormatException(path, line, header[c], $"expected a finite number, found '{fields[c]}'");
                }
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
