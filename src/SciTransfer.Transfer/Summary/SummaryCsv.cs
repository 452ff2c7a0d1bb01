using System.Globalization;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.Transfer.Summary;

/// <summary>summary.csv: writing (byte-stable) and reading back, both through the shared CSV layer.</summary>
public static class SummaryCsv
{
    /// <summary>Header of summary.csv (contract columns first, derived columns after).</summary>
    public const string Header =
        "problem,strategy,n_target,metric,count,mean,std,ci95_low,ci95_high,rpr,degradation,data_efficiency,data_efficiency_bound,negative_transfer";

    /// <summary>The columns of summary.csv, in file order.</summary>
    public static readonly string[] Columns = Header.Split(',');

    /// <summary>Formats the whole file: numbers in round-trip form, text cells neutralised against formula injection.</summary>
    public static string Format(IEnumerable<SummaryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return CsvTableWriter.Format(Columns, w =>
        {
            foreach (var r in rows)
            {
                w.Text(r.Problem).Text(r.Strategy).Integer(r.NTarget).Text(r.Metric).Integer(r.Count)
                    .Number(r.Mean).Number(r.Std).Number(r.Ci95Low).Number(r.Ci95High).Number(r.Rpr).Number(r.Degradation)
                    .Number(r.DataEfficiency).Text(r.DataEfficiencyBound).Boolean(r.NegativeTransfer);
                w.EndRow();
            }
        });
    }

    /// <summary>Writes summary.csv atomically (temp file + rename).</summary>
    public static void Write(string path, IEnumerable<SummaryRow> rows) => AtomicFile.WriteText(path, Format(rows));

    /// <summary>Reads summary.csv back; errors name the file, line and column.</summary>
    public static List<SummaryRow> Read(string path)
    {
        using var csv = CsvTableReader.Open(path, Columns);
        var rows = new List<SummaryRow>();
        while (csv.Next())
        {
            string bound = SpreadsheetSafety.Restore(csv.Raw("data_efficiency_bound"));
            rows.Add(new SummaryRow(
                Text(csv, "problem"),
                Text(csv, "strategy"),
                csv.Integer("n_target", 0, int.MaxValue),
                Text(csv, "metric"),
                csv.Integer("count", 0, int.MaxValue),
                AnyNumber(csv, "mean"),
                AnyNumber(csv, "std"),
                AnyNumber(csv, "ci95_low"),
                AnyNumber(csv, "ci95_high"),
                AnyNumber(csv, "rpr"),
                AnyNumber(csv, "degradation"),
                AnyNumber(csv, "data_efficiency"),
                bound is "" or "exact" or "lower" or "upper" ? bound : throw csv.Error("data_efficiency_bound", $"expected exact, lower, upper or empty, found '{bound}'"),
                Boolean(csv, "negative_transfer")));
        }

        return rows;
    }

    private static string Text(CsvTableReader csv, string column) => SpreadsheetSafety.Restore(csv.Text(column));

    /// <summary>A number that may be NaN (undefined statistic) or infinite.</summary>
    internal static double AnyNumber(CsvTableReader csv, string column)
    {
        string s = csv.Raw(column);
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw csv.Error(column, $"expected a number, found '{s}'");
    }

    private static bool Boolean(CsvTableReader csv, string column) => csv.Raw(column) switch
    {
        "true" => true,
        "false" => false,
        var s => throw csv.Error(column, $"expected true or false, found '{s}'"),
    };
}
