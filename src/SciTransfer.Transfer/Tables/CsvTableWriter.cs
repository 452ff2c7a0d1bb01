using System.Globalization;
using CsvHelper;

namespace SciTransfer.Transfer.Tables;

/// <summary>
/// The one CSV writer of the project (CsvHelper underneath): invariant culture, "\n" line ends, UTF-8 without BOM,
/// quotes only around a field holding a comma, quote or line break. Text cells go through
/// <see cref="SpreadsheetSafety.Neutralise"/>; numbers never do. When a header is given every row must have as many
/// fields, which catches a writer and its header drifting apart.
/// </summary>
public sealed class CsvTableWriter : IDisposable
{
    /// <summary>"\n" line ends as every file of the project has; formula neutralising is done here, for text only.</summary>
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        Quoting = CsvQuoting.WhenNeeded,
        Injection = CsvInjection.None,
        ValidateFieldCount = false,
    };

    private readonly CsvWriter _csv;
    private readonly int _width;
    private int _fieldsInRow;

    /// <summary>Writes to <paramref name="writer"/>, starting with <paramref name="header"/> unless it is null.</summary>
    /// <param name="writer">Target; its NewLine is irrelevant (rows end with "\n").</param>
    /// <param name="header">Column names, or null to write rows only (appending to an existing file).</param>
    /// <param name="width">Fields per row when <paramref name="header"/> is null (0: unchecked).</param>
    /// <param name="leaveOpen">True to leave <paramref name="writer"/> open at dispose.</param>
    public CsvTableWriter(TextWriter writer, IReadOnlyList<string>? header, int width = 0, bool leaveOpen = false)
        : this(CsvWriter.Create(writer, Options, leaveOpen), header, width)
    {
    }

    /// <summary>Writes UTF-8 (no BOM) to <paramref name="stream"/>; see the other constructor.</summary>
    public CsvTableWriter(Stream stream, IReadOnlyList<string>? header, int width = 0, bool leaveOpen = false)
        : this(CsvWriter.Create(stream, Options, leaveOpen), header, width)
    {
    }

    private CsvTableWriter(CsvWriter csv, IReadOnlyList<string>? header, int width)
    {
        _csv = csv;
        _width = header?.Count ?? width;
        if (header is not null)
        {
            foreach (string name in header)
            {
                Text(name);
            }

            EndRow();
        }
    }

    /// <summary>Creates (or replaces) <paramref name="path"/> as UTF-8 without BOM and writes <paramref name="header"/>.</summary>
    public static CsvTableWriter Create(string path, IReadOnlyList<string> header) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), header);

    /// <summary>The CSV text of <paramref name="write"/>'s rows, with <paramref name="header"/> first unless it is null.</summary>
    public static string Format(IReadOnlyList<string>? header, Action<CsvTableWriter> write, int width = 0)
    {
        ArgumentNullException.ThrowIfNull(write);
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        using (var w = new CsvTableWriter(sw, header, width, leaveOpen: true))
        {
            write(w);
        }

        return sw.ToString();
    }

    /// <summary>A text cell: neutralised against formula injection, quoted when needed.</summary>
    public CsvTableWriter Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Field(SpreadsheetSafety.Neutralise(value));
    }

    /// <summary>A double in round-trip form ("R", invariant): NaN as "NaN", infinities as "Infinity"/"-Infinity".</summary>
    public CsvTableWriter Number(double value) => Field(value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>A double with a .NET format such as "0.###" (invariant).</summary>
    public CsvTableWriter Number(double value, string format) => Field(value.ToString(format, CultureInfo.InvariantCulture));

    /// <summary>An integer (invariant).</summary>
    public CsvTableWriter Integer(long value) => Field(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>An unsigned integer (invariant), e.g. a seed.</summary>
    public CsvTableWriter Integer(ulong value) => Field(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>"true" or "false".</summary>
    public CsvTableWriter Boolean(bool value) => Field(value ? "true" : "false");

    /// <summary>An empty cell (a value that is missing).</summary>
    public CsvTableWriter Empty() => Field(string.Empty);

    /// <summary>Ends the current row.</summary>
    /// <exception cref="InvalidOperationException">The row's field count differs from the header's.</exception>
    public void EndRow()
    {
        if (_width > 0 && _fieldsInRow != _width)
        {
            throw new InvalidOperationException($"a CSV row got {_fieldsInRow} fields, the table has {_width} columns");
        }

        _csv.EndRecord();
        _fieldsInRow = 0;
    }

    /// <summary>Flushes buffered rows to the underlying writer.</summary>
    public void Flush() => _csv.Flush();

    /// <inheritdoc />
    public void Dispose() => _csv.Dispose();

    private CsvTableWriter Field(string value)
    {
        // Quoted by CsvHelper exactly when it holds a comma, a quote, CR or LF.
        _csv.WriteField(value);
        _fieldsInRow++;
        return this;
    }
}
