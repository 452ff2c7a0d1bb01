using System.Globalization;
using System.Text;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Results;

namespace SciTransfer.Transfer.Summary;

/// <summary>summary.csv: writing (byte-stable) and reading back.</summary>
public static class SummaryCsv
{
    /// <summary>Header of summary.csv (contract columns first, derived columns after).</summary>
    public const string Header =
        "problem,strategy,n_target,metric,count,mean,std,ci95_low,ci95_high,rpr,degradation,data_efficiency,data_efficiency_bound,negative_transfer";

    /// <summary>Formats the whole file.</summary>
    public static string Format(IEnumerable<SummaryRow> rows)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var r in rows)
        {
            sb.Append(string.Join(
                ',',
                CsvText.Field(r.Problem),
                CsvText.Field(r.Strategy),
                r.NTarget.ToString(CultureInfo.InvariantCulture),
                CsvText.Field(r.Metric),
                r.Count.ToString(CultureInfo.InvariantCulture),
                CsvText.Number(r.Mean),
                CsvText.Number(r.Std),
                CsvText.Number(r.Ci95Low),
                CsvText.Number(r.Ci95High),
                CsvText.Number(r.Rpr),
                CsvText.Number(r.Degradation),
                CsvText.Number(r.DataEfficiency),
                r.DataEfficiencyBound,
                r.NegativeTransfer ? "true" : "false")).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes summary.csv atomically.</summary>
    public static void Write(string path, IEnumerable<SummaryRow> rows)
    {
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, Format(rows), new UTF8Encoding(false));
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Reads summary.csv back.</summary>
    public static List<SummaryRow> Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new DataFormatException(path, 1, "header", "not a SciTransfer summary.csv header");
        }

        var rows = new List<SummaryRow>();
        for (int i = 1; i < lines.Length; i++)
        {
            var f = CsvText.Split(lines[i]);
            if (f is null || f.Count != 14)
            {
                throw new DataFormatException(path, i + 1, "problem", "expected 14 columns");
            }

            double D(int k) => CsvText.TryNumber(f[k], out double v) ? v : throw new DataFormatException(path, i + 1, Header.Split(',')[k], $"expected a number, found '{f[k]}'");
            rows.Add(new SummaryRow(f[0], f[1], (int)D(2), f[3], (int)D(4), D(5), D(6), D(7), D(8), D(9), D(10), D(11), f[12], f[13] == "true"));
        }

        return rows;
    }
}
