using SciTransfer.Transfer.Results;

namespace SciTransfer.Transfer.Summary;

/// <summary>
/// The tables a run, a report rebuild and a merge write from the results rows: summary.csv + summary.parquet,
/// timings.csv, and results.parquet (results.csv itself is written cell by cell while the study runs).
/// </summary>
public static class StudyTables
{
    /// <summary>Writes the tables into <paramref name="dir"/>; <paramref name="summary"/> is the summary of <paramref name="rows"/>.</summary>
    /// <param name="dir">Output folder.</param>
    /// <param name="manifests">Problems of the study, in config order (orders the rows).</param>
    /// <param name="rows">Every results row of the folder.</param>
    /// <param name="summary">Their summary (<see cref="SummaryBuilder.Build"/>), computed once by the caller.</param>
    /// <param name="io">Wraps each file's write (the runner maps I/O faults onto the path); null runs it directly.</param>
    public static void Write(string dir, IReadOnlyList<ProblemManifest> manifests, IReadOnlyList<ResultRow> rows, IReadOnlyList<SummaryRow> summary, Action<string, Action>? io = null)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        io ??= (_, write) => write();
        string Path(string name) => System.IO.Path.Combine(dir, name);
        io(Path("summary.csv"), () => SummaryCsv.Write(Path("summary.csv"), summary));
        io(Path(SummaryParquet.FileName), () => SummaryParquet.Write(Path(SummaryParquet.FileName), summary));
        io(Path("timings.csv"), () => TimingsCsv.Write(Path("timings.csv"), TimingsBuilder.Build(manifests, rows)));
        LabelFreeCsv.Write(dir, manifests, summary, io);
        io(Path(ResultsParquet.FileName), () => ResultsParquet.Write(Path(ResultsParquet.FileName), ResultsParquet.Ordered(rows, [.. manifests.Select(m => m.Id)])));
    }
}
