using SciTransfer.Transfer.Tables;

namespace SciTransfer.Transfer.Summary;

/// <summary>
/// timings.csv: wall-clock columns only (<see cref="TimingRow"/>), kept apart from summary.csv because they vary run
/// to run and with the thread count while summary.csv must not.
/// </summary>
public static class TimingsCsv
{
    /// <summary>Header of timings.csv.</summary>
    public const string Header = "problem,strategy,n_target,metric,unit,count,mean,std,min,median,max";

    /// <summary>The columns of timings.csv, in file order.</summary>
    public static readonly string[] Columns = Header.Split(',');

    /// <summary>Formats the whole file (seconds in round-trip form).</summary>
    public static string Format(IEnumerable<TimingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return CsvTableWriter.Format(Columns, w =>
        {
            foreach (var r in rows)
            {
                w.Text(r.Problem).Text(r.Strategy).Integer(r.NTarget).Text(r.Metric).Text(r.Unit).Integer(r.Count)
                    .Number(r.Mean).Number(r.Std).Number(r.Min).Number(r.Median).Number(r.Max);
                w.EndRow();
            }
        });
    }

    /// <summary>Writes timings.csv atomically.</summary>
    public static void Write(string path, IEnumerable<TimingRow> rows) => AtomicFile.WriteText(path, Format(rows));

    /// <summary>Reads timings.csv back; errors name the file, line and column.</summary>
    public static List<TimingRow> Read(string path)
    {
        using var csv = CsvTableReader.Open(path, Columns);
        var rows = new List<TimingRow>();
        while (csv.Next())
        {
            rows.Add(new TimingRow(
                SpreadsheetSafety.Restore(csv.Text("problem")),
                SpreadsheetSafety.Restore(csv.Text("strategy")),
                csv.Integer("n_target", 0, int.MaxValue),
                SpreadsheetSafety.Restore(csv.Text("metric")),
                SpreadsheetSafety.Restore(csv.Raw("unit")),
                csv.Integer("count", 0, int.MaxValue),
                SummaryCsv.AnyNumber(csv, "mean"),
                SummaryCsv.AnyNumber(csv, "std"),
                SummaryCsv.AnyNumber(csv, "min"),
                SummaryCsv.AnyNumber(csv, "median"),
                SummaryCsv.AnyNumber(csv, "max")));
        }

        return rows;
    }
}
