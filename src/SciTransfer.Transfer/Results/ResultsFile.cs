using System.Globalization;
using System.Text;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.Transfer.Results;

/// <summary>
/// results.csv: read (strictly), repair after an interruption, and append one cell's rows at a time.
/// A cell's rows go out in one write followed by a flush to disk, so an interruption can only cut the
/// last cell short; <see cref="LoadForResume"/> drops such a cell (and a cut-off last line) so it is redone.
/// </summary>
public sealed class ResultsFile : IDisposable
{
    /// <summary>The header line of results.csv (contract).</summary>
    public const string Header = "study,problem,strategy,n_target,repeat,seed,metric,value,fit_seconds";

    private readonly FileStream _stream;
    private readonly object _gate = new();

    private ResultsFile(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>The columns of results.csv, in file order.</summary>
    public static readonly string[] Columns = Header.Split(',');

    /// <summary>
    /// Reads every row of a results.csv through the shared <see cref="CsvTableReader"/> (BOM, CRLF and quoted fields
    /// accepted; a wrong, extra or duplicated header column is an error); malformed content is a
    /// <see cref="DataFormatException"/> naming file, line and column. An empty file has no rows.
    /// </summary>
    /// <param name="path">File path.</param>
    /// <param name="allowCutOffTail">True to ignore a last line without its newline (an interrupted write).</param>
    public static List<ResultRow> Read(string path, bool allowCutOffTail = false)
    {
        string text = File.ReadAllText(path, Encoding.UTF8);
        if (!text.EndsWith('\n') && allowCutOffTail)
        {
            text = text[..(text.LastIndexOf('\n') + 1)]; // the last line was cut off mid-write: its cell will be redone
        }

        var rows = new List<ResultRow>();
        if (text.Length == 0 || text == "\uFEFF")
        {
            return rows;
        }

        using var csv = CsvTableReader.Parse(path, text, Columns);
        while (csv.Next())
        {
            rows.Add(ParseRow(csv));
        }

        return rows;
    }

    /// <summary>
    /// Prepares results.csv for a (re)run: keeps complete cells (all <paramref name="expectedMetrics"/> present),
    /// drops a cut-off tail and incomplete or duplicated cells, and rewrites the file atomically if anything was dropped.
    /// Returns the kept rows.
    /// </summary>
    public static List<ResultRow> LoadForResume(string path, Func<string, IReadOnlyCollection<string>?> expectedMetrics)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var all = Read(path, allowCutOffTail: true);
        var kept = new List<ResultRow>();
        var seen = new HashSet<CellKey>();
        foreach (var group in all.GroupBy(r => r.Cell))
        {
            var metrics = expectedMetrics(group.Key.Problem);
            var names = group.Select(r => r.Metric).ToList();
            bool complete = metrics is not null
                && names.Count == metrics.Count
                && metrics.All(m => names.Contains(m, StringComparer.Ordinal));
            if (complete && seen.Add(group.Key))
            {
                kept.AddRange(group);
            }
        }

        if (kept.Count != all.Count || !File.ReadAllText(path).EndsWith('\n'))
        {
            Rewrite(path, kept);
        }

        return kept;
    }

    /// <summary>Writes <paramref name="rows"/> as a complete results.csv (temp file + rename).</summary>
    public static void Rewrite(string path, IEnumerable<ResultRow> rows)
    {
        string tmp = path + ".tmp";
        using (var w = CsvTableWriter.Create(tmp, Columns))
        {
            foreach (var r in rows)
            {
                Write(w, r);
            }
        }

        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Opens results.csv for appending (writing the header if the file is new or empty).</summary>
    public static ResultsFile OpenForAppend(string path)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        stream.Seek(0, SeekOrigin.End);
        var file = new ResultsFile(stream);
        if (stream.Length == 0)
        {
            file.WriteText(Header + "\n");
        }

        return file;
    }

    /// <summary>Appends one cell's rows in a single write and flushes them to disk.</summary>
    public void AppendCell(IReadOnlyList<ResultRow> rows) => WriteText(Format(rows));

    /// <summary>
    /// Test hook of <see cref="Running.RunOptions.DiskFullAfterCells"/>: writes a cell's bytes but the last five (its
    /// last line is cut inside its last number), then fails with the error a full disk gives.
    /// </summary>
    internal void AppendCellThenFailAsDiskFull(IReadOnlyList<ResultRow> rows)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Format(rows));
        lock (_gate)
        {
            _stream.Write(bytes, 0, Math.Max(0, bytes.Length - 5));
            _stream.Flush(flushToDisk: true);
        }

        throw new IOException($"No space left on device : '{_stream.Name}'", 28);
    }

    /// <summary>One formatted line (with its newline), as <see cref="CsvTableWriter"/> writes it.</summary>
    public static string Format(ResultRow r) => Format([r]);

    /// <summary>The lines of <paramref name="rows"/> (no header), each ending in "\n".</summary>
    public static string Format(IReadOnlyList<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return CsvTableWriter.Format(null, w =>
        {
            foreach (var r in rows)
            {
                Write(w, r);
            }
        }, Columns.Length);
    }

    private static void Write(CsvTableWriter w, ResultRow r)
    {
        // Ids and names are text (neutralised against formula injection); value and fit_seconds stay numbers.
        w.Text(r.Study).Text(r.Problem).Text(r.Strategy).Integer(r.NTarget).Integer(r.Repeat).Integer(r.Seed)
            .Text(r.Metric).Number(r.Value).Number(r.FitSeconds, "0.###");
        w.EndRow();
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private void WriteText(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        lock (_gate)
        {
            _stream.Write(bytes);
            _stream.Flush(flushToDisk: true);
        }
    }

    private static ResultRow ParseRow(CsvTableReader csv)
    {
        int n = NonNegative(csv, "n_target");
        int repeat = NonNegative(csv, "repeat");
        string seedText = csv.Raw("seed");
        if (!ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
        {
            throw csv.Error("seed", $"expected an unsigned integer, found '{Truncate(seedText)}'");
        }

        double value = AnyNumber(csv, "value");
        double seconds = AnyNumber(csv, "fit_seconds");
        return new ResultRow(TextCell(csv, "study", allowEmpty: true), TextCell(csv, "problem"), TextCell(csv, "strategy"), n, repeat, seed, TextCell(csv, "metric"), value, seconds);
    }

    /// <summary>A text cell as written: the formula-neutralising apostrophe removed.</summary>
    private static string TextCell(CsvTableReader csv, string column, bool allowEmpty = false)
    {
        string s = SpreadsheetSafety.Restore(csv.Raw(column));
        return s.Length == 0 && !allowEmpty ? throw csv.Error(column, "empty value") : s;
    }

    /// <summary>An invariant double; NaN and infinities allowed (a diverged metric is recorded as it was).</summary>
    private static double AnyNumber(CsvTableReader csv, string column)
    {
        string s = csv.Raw(column);
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw csv.Error(column, $"expected a number, found '{Truncate(s)}'");
    }

    private static int NonNegative(CsvTableReader csv, string column)
    {
        string s = csv.Raw(column);
        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0
            ? v
            : throw csv.Error(column, $"expected a non-negative integer, found '{Truncate(s)}'");
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
