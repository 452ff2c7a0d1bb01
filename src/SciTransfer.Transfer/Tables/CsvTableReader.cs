using System.Globalization;
using CsvHelper;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Tables;

/// <summary>
/// The one strict CSV reader of the project (CsvHelper 34's RFC 4180 reader underneath). It checks the header against
/// the columns a format requires and allows, then hands out typed fields by column name; every problem it finds is a
/// <see cref="DataFormatException"/> naming the file, the 1-based physical line (header = 1, counted in lines of the
/// file, so a quoted field spanning lines moves later rows down) and the column.
/// Accepted: a UTF-8 byte-order mark, LF or CRLF line ends, quoted fields (with "" for a quote, commas and line
/// breaks inside), blank lines (skipped). Rejected: unknown, duplicated or missing required header columns, rows
/// with the wrong number of fields, stray or unbalanced quotes.
/// </summary>
public sealed class CsvTableReader : IDisposable
{
    /// <summary>
    /// Comma only (no separator guessing, no "sep=" line), no header handling by CsvHelper (this class checks it, to
    /// word the errors), malformed quoting thrown rather than repaired, line numbers tracked for the messages.
    /// </summary>
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = false,
        Mode = CsvMode.Rfc4180,
        SkipEmptyLines = true,
        DetectSeparatorHint = false,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        PoolStrings = true,
    };

    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private readonly string[] _names;
    private bool _anyOtherColumns;

    private CsvTableReader(string file, CsvReader csv)
    {
        File = file;
        _csv = csv;
        _names = ReadHeader();
    }

    /// <summary>File name used in messages.</summary>
    public string File { get; }

    /// <summary>1-based physical line where the current row starts (header = 1).</summary>
    public int Row { get; private set; } = 1;

    /// <summary>Column names of the header, in file order.</summary>
    public IReadOnlyList<string> Columns => _names;

    /// <summary>
    /// Opens <paramref name="file"/> and checks its header: it must hold every <paramref name="required"/> column and
    /// may hold <paramref name="optional"/> ones (any order); any other name, or a name twice, is an error.
    /// </summary>
    /// <exception cref="DataFormatException">File missing, empty, or a bad header.</exception>
    public static CsvTableReader Open(string file, IReadOnlyCollection<string> required, IReadOnlyCollection<string>? optional = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(required);
        if (!System.IO.File.Exists(file))
        {
            throw new DataFormatException(file, 0, "(file)", "file not found");
        }

        var csv = CsvReader.FromFile(file, Options, FileOptions.SequentialScan);
        return Start(file, csv, required, optional);
    }

    /// <summary>
    /// Opens <paramref name="file"/> whose columns depend on its header (feature columns x1..xd, say):
    /// <paramref name="columnsFor"/> gets the header names and returns the required and optional columns, or throws its
    /// own <see cref="DataFormatException"/> for a header it rejects outright. Then checked as by the other overload.
    /// </summary>
    public static CsvTableReader Open(
        string file,
        Func<IReadOnlyList<string>, (IReadOnlyCollection<string> Required, IReadOnlyCollection<string>? Optional)> columnsFor)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(columnsFor);
        if (!System.IO.File.Exists(file))
        {
            throw new DataFormatException(file, 0, "(file)", "file not found");
        }

        var csv = CsvReader.FromFile(file, Options, FileOptions.SequentialScan);
        try
        {
            var reader = new CsvTableReader(file, csv);
            var (required, optional) = columnsFor(reader._names);
            reader.CheckHeader(required, optional ?? []);
            return reader;
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Like <see cref="Open(string, IReadOnlyCollection{string}, IReadOnlyCollection{string})"/>, but any other (non-empty, distinct) column names are accepted too: for tables whose
    /// columns are the user's own, e.g. a covariates file of <c>fips</c> plus any numeric columns.
    /// </summary>
    public static CsvTableReader OpenWithAnyColumns(string file, IReadOnlyCollection<string> required) =>
        Open(file, required, AnyColumns);

    /// <summary>
    /// Like <see cref="Parse"/>, accepting any other column names (see <see cref="OpenWithAnyColumns"/>): also for wide
    /// tables whose columns are data, such as one column per pixel.
    /// </summary>
    public static CsvTableReader ParseWithAnyColumns(string file, string content, IReadOnlyCollection<string> required) =>
        Parse(file, content, required, AnyColumns);

    /// <summary>
    /// Reads CSV <paramref name="content"/> already in memory (a file cut at a known point, a test); <paramref name="file"/>
    /// only names it in messages.
    /// </summary>
    public static CsvTableReader Parse(string file, string content, IReadOnlyCollection<string> required, IReadOnlyCollection<string>? optional = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(required);
        return Start(file, CsvReader.FromText(content.Length > 0 && content[0] == '\uFEFF' ? content[1..] : content, Options), required, optional);
    }

    /// <summary>Advances to the next non-blank row; false at the end of the file.</summary>
    /// <exception cref="DataFormatException">Wrong number of fields or bad quoting.</exception>
    public bool Next()
    {
        while (ReadRecord())
        {
            if (IsBlank())
            {
                continue;
            }

            int count = _csv.FieldCount;
            if (count != _names.Length)
            {
                string column = count > _names.Length ? "(extra field)" : _names[count];
                throw new DataFormatException(File, Row, column, $"expected {_names.Length} fields, found {count}");
            }

            return true;
        }

        return false;
    }

    /// <summary>True when the header holds <paramref name="column"/>.</summary>
    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The trimmed text of <paramref name="column"/>, which must be in the header and not empty.</summary>
    public string Text(string column)
    {
        string s = Raw(column).Trim();
        return s.Length == 0 ? throw Error(column, "empty field") : s;
    }

    /// <summary>The trimmed text of <paramref name="column"/>, or null when the header lacks it or the field is empty.</summary>
    public string? OptionalText(string column)
    {
        if (!_columns.ContainsKey(column))
        {
            return null;
        }

        string s = Raw(column).Trim();
        return s.Length == 0 ? null : s;
    }

    /// <summary>A finite number of <paramref name="column"/> in [min, max]; <paramref name="hint"/> is added to range errors.</summary>
    public double Number(string column, double min, double max, string hint = "")
    {
        // Fast path: parse the UTF-8 bytes in place (no string per field); the slow path words the error.
        ReadOnlySpan<byte> utf8 = _csv.GetSpan(Index(column));
        if (double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v >= min && v <= max)
        {
            return v;
        }

        return ParseNumber(column, Text(column), min, max, hint);
    }

    /// <summary>Like <see cref="Number"/>, but null when the header lacks the column or the field is empty.</summary>
    public double? OptionalNumber(string column, double min, double max, string hint = "")
    {
        string? s = OptionalText(column);
        return s is null ? null : ParseNumber(column, s, min, max, hint);
    }

    /// <summary>A whole number of <paramref name="column"/> in [min, max] (no decimal point, no exponent).</summary>
    public int Integer(string column, int min, int max)
    {
        string s = Text(column);
        if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
        {
            throw Error(column, $"'{Clip(s)}' is not a whole number");
        }

        if (v < min || v > max)
        {
            throw Error(column, string.Create(CultureInfo.InvariantCulture, $"{v} is outside [{min}, {max}]"));
        }

        return v;
    }

    /// <summary>
    /// The exact text of <paramref name="column"/> (untrimmed, possibly empty): for the project's own tables, where
    /// the writer controls every byte.
    /// </summary>
    public string Raw(string column) => _csv.GetString(Index(column));

    /// <summary>A DataFormatException for <paramref name="column"/> of the current row (on the line that field starts).</summary>
    public DataFormatException Error(string column, string problem) => new(File, LineOf(column), column, problem);

    /// <inheritdoc />
    public void Dispose() => _csv.Dispose();

    private static CsvTableReader Start(string file, CsvReader csv, IReadOnlyCollection<string> required, IReadOnlyCollection<string>? optional)
    {
        try
        {
            var reader = new CsvTableReader(file, csv) { _anyOtherColumns = ReferenceEquals(optional, AnyColumns) };
            reader.CheckHeader(required, optional ?? []);
            return reader;
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    // Marker passed as "optional" by the *WithAnyColumns entry points (compared by reference).
    private static readonly string[] AnyColumns = [];

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "...";

    private int Index(string column) =>
        _columns.TryGetValue(column, out int index)
            ? index
            : throw new ArgumentException($"column '{column}' is not in the header of {File}", nameof(column));

    private double ParseNumber(string column, string s, double min, double max, string hint)
    {
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            throw Error(column, $"'{Clip(s)}' is not a finite number");
        }

        if (v < min || v > max)
        {
            string extra = hint.Length > 0 ? " " + hint : string.Empty;
            throw Error(column, string.Create(CultureInfo.InvariantCulture, $"{v} is outside [{min}, {max}]{extra}"));
        }

        return v;
    }

    /// <summary>Reads one record and sets <see cref="Row"/> to its first physical line.</summary>
    private bool ReadRecord()
    {
        bool more;
        try
        {
            more = _csv.Read();
        }
        catch (CsvFormatException e)
        {
            throw new DataFormatException(
                File,
                e.LineNumber,
                "(quoting)",
                "stray or unclosed double quote: a field holding a quote must be quoted whole, with \"\" for each quote inside");
        }

        if (more)
        {
            Row = checked((int)_csv.LineNumber);
        }

        return more;
    }

    /// <summary>A line of spaces only (CsvHelper skips truly empty lines itself).</summary>
    private bool IsBlank() => _csv.FieldCount == 1 && _csv.GetSpan(0).Trim((byte)' ').Trim((byte)'\t').IsEmpty;

    private string[] ReadHeader()
    {
        do
        {
            if (!ReadRecord())
            {
                throw new DataFormatException(File, 1, "(header)", "empty file; expected a header line");
            }
        }
        while (IsBlank());

        if (Row != 1)
        {
            throw new DataFormatException(File, Row, "(header)", "the header must be on the first line, not after blank lines");
        }

        var names = new string[_csv.FieldCount];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = _csv.GetString(i).Trim();
        }

        return names;
    }

    private void CheckHeader(IReadOnlyCollection<string> required, IReadOnlyCollection<string> optional)
    {
        string expected = _anyOtherColumns
            ? $"expected {string.Join(",", required)} and other named columns"
            : optional.Count == 0
            ? $"expected exactly {string.Join(",", required)}"
            : $"expected {string.Join(",", required)} and optionally {string.Join(",", optional)}";
        for (int i = 0; i < _names.Length; i++)
        {
            string name = _names[i];
            if (_anyOtherColumns && name.Length == 0)
            {
                throw new DataFormatException(File, 1, string.Create(CultureInfo.InvariantCulture, $"(column {i + 1})"), "empty column name");
            }

            if (!_anyOtherColumns && !required.Contains(name) && !optional.Contains(name))
            {
                string column = name.Length == 0 ? string.Create(CultureInfo.InvariantCulture, $"(column {i + 1})") : name;
                throw new DataFormatException(File, 1, column, $"unknown column; {expected}");
            }

            if (!_columns.TryAdd(name, i))
            {
                throw new DataFormatException(File, 1, name, "duplicate column");
            }
        }

        foreach (string name in required)
        {
            if (!_columns.ContainsKey(name))
            {
                throw new DataFormatException(File, 1, name, "missing required column");
            }
        }
    }

    /// <summary>The physical line on which <paramref name="column"/>'s field of the current row starts.</summary>
    private int LineOf(string column)
    {
        if (!_columns.TryGetValue(column, out int index))
        {
            return Row;
        }

        // Quoted fields before this one may hold line breaks; each moves the field one line down.
        int line = Row;
        for (int i = 0; i < index && i < _csv.FieldCount; i++)
        {
            line += CountLineEnds(_csv.GetString(i));
        }

        return line;
    }

    private static int CountLineEnds(string s)
    {
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.Length || s[i + 1] != '\n')))
            {
                n++;
            }
        }

        return n;
    }
}
