using System.Globalization;
using System.Text;
using SciTransfer.Transfer.Errors;

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

    /// <summary>Reads every row of a results.csv; malformed content is a <see cref="DataFormatException"/>.</summary>
    /// <param name="path">File path.</param>
    /// <param name="allowCutOffTail">True to ignore a last line without its newline (an interrupted write).</param>
    public static List<ResultRow> Read(string path, bool allowCutOffTail = false)
    {
        string text = File.ReadAllText(path, Encoding.UTF8);
        var rows = new List<ResultRow>();
        if (text.Length == 0)
        {
            return rows;
        }

        string[] lines = text.Split('\n');
        bool endsWithNewline = text.EndsWith('\n');
        int count = endsWithNewline ? lines.Length - 1 : lines.Length;
        if (!endsWithNewline && allowCutOffTail)
        {
            count--; // the last line was cut off mid-write: its cell will be redone
        }

        if (count <= 0)
        {
            return rows;
        }

        if (lines[0].TrimEnd('\r') != Header)
        {
            throw new DataFormatException(path, 1, "header", $"expected the header '{Header}', found '{Truncate(lines[0])}'");
        }

        for (int i = 1; i < count; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            rows.Add(ParseRow(path, i + 1, line));
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
        using (var w = new StreamWriter(tmp, false, new UTF8Encoding(false)))
        {
            w.NewLine = "\n";
            w.Write(Header + "\n");
            foreach (var r in rows)
            {
                w.Write(Format(r));
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
    public void AppendCell(IReadOnlyList<ResultRow> rows)
    {
        var sb = new StringBuilder();
        foreach (var r in rows)
        {
            sb.Append(Format(r));
        }

        WriteText(sb.ToString());
    }

    /// <summary>
    /// Test hook of <see cref="Running.RunOptions.DiskFullAfterCells"/>: writes a cell's bytes but the last five (its
    /// last line is cut inside its last number), then fails with the error a full disk gives.
    /// </summary>
    internal void AppendCellThenFailAsDiskFull(IReadOnlyList<ResultRow> rows)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(string.Concat(rows.Select(Format)));
        lock (_gate)
        {
            _stream.Write(bytes, 0, Math.Max(0, bytes.Length - 5));
            _stream.Flush(flushToDisk: true);
        }

        throw new IOException($"No space left on device : '{_stream.Name}'", 28);
    }

    /// <summary>One formatted line (with its newline).</summary>
    public static string Format(ResultRow r) =>
        string.Join(
            ',',
            CsvText.Field(r.Study),
            CsvText.Field(r.Problem),
            CsvText.Field(r.Strategy),
            r.NTarget.ToString(CultureInfo.InvariantCulture),
            r.Repeat.ToString(CultureInfo.InvariantCulture),
            r.Seed.ToString(CultureInfo.InvariantCulture),
            CsvText.Field(r.Metric),
            CsvText.Number(r.Value),
            r.FitSeconds.ToString("0.###", CultureInfo.InvariantCulture)) + "\n";

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

    private static ResultRow ParseRow(string path, int lineNumber, string line)
    {
        var f = CsvText.Split(line) ?? throw new DataFormatException(path, lineNumber, "study", "unbalanced quotes");
        if (f.Count != 9)
        {
            throw new DataFormatException(path, lineNumber, f.Count > 9 ? "(extra field)" : Column(f.Count), $"expected 9 columns, found {f.Count}");
        }

        int n = ParseInt(path, lineNumber, "n_target", f[3]);
        int repeat = ParseInt(path, lineNumber, "repeat", f[4]);
        if (!ulong.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
        {
            throw new DataFormatException(path, lineNumber, "seed", $"expected an unsigned integer, found '{Truncate(f[5])}'");
        }

        if (!CsvText.TryNumber(f[7], out double value))
        {
            throw new DataFormatException(path, lineNumber, "value", $"expected a number, found '{Truncate(f[7])}'");
        }

        if (!CsvText.TryNumber(f[8], out double seconds))
        {
            throw new DataFormatException(path, lineNumber, "fit_seconds", $"expected a number, found '{Truncate(f[8])}'");
        }

        if (f[1].Length == 0 || f[2].Length == 0 || f[6].Length == 0)
        {
            string col = f[1].Length == 0 ? "problem" : f[2].Length == 0 ? "strategy" : "metric";
            throw new DataFormatException(path, lineNumber, col, "empty value");
        }

        return new ResultRow(f[0], f[1], f[2], n, repeat, seed, f[6], value, seconds);
    }

    private static int ParseInt(string path, int line, string column, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0
            ? v
            : throw new DataFormatException(path, line, column, $"expected a non-negative integer, found '{Truncate(text)}'");

    private static string Column(int index) => Header.Split(',')[Math.Min(index, 8)];

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
