using System.Globalization;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.FuelMoisture.Data;

/// <summary>
/// A strict reader of simple comma-separated files (no quoting: the formats hold identifiers, times and
/// numbers). Knows the file name, the current 1-based row (header = 1) and the column names, so every
/// error it raises is a <see cref="DataFormatException"/> that names all three.
/// </summary>
internal sealed class CsvRows
{
    private readonly string _file;
    private readonly string[] _lines;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private string[] _fields = [];

    /// <summary>Reads the header of <paramref name="file"/> and checks it holds exactly <paramref name="required"/> (any order).</summary>
    public CsvRows(string file, IReadOnlyList<string> required)
    {
        _file = file;
        if (!System.IO.File.Exists(file))
        {
            throw new DataFormatException(file, 0, "(file)", "file not found");
        }

        _lines = System.IO.File.ReadAllLines(file);
        if (_lines.Length == 0 || string.IsNullOrWhiteSpace(_lines[0]))
        {
            throw new DataFormatException(file, 1, "(header)", $"empty file; expected a header with columns {string.Join(",", required)}");
        }

        string[] header = _lines[0].Split(',');
        for (int i = 0; i < header.Length; i++)
        {
            string name = header[i].Trim();
            if (!required.Contains(name))
            {
                throw new DataFormatException(file, 1, name, $"unknown column; expected exactly {string.Join(",", required)}");
            }

            if (!_columns.TryAdd(name, i))
            {
                throw new DataFormatException(file, 1, name, "duplicate column");
            }
        }

        foreach (string name in required)
        {
            if (!_columns.ContainsKey(name))
            {
                throw new DataFormatException(file, 1, name, "missing required column");
            }
        }

        ColumnCount = header.Length;
    }

    /// <summary>Number of columns in the header.</summary>
    public int ColumnCount { get; }

    /// <summary>1-based row of the current line (header = 1).</summary>
    public int Row { get; private set; } = 1;

    /// <summary>File name used in messages.</summary>
    public string File => _file;

    /// <summary>Advances to the next non-blank line; false at the end.</summary>
    public bool Next()
    {
        while (Row < _lines.Length)
        {
            Row++;
            string line = _lines[Row - 1];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            _fields = line.Split(',');
            if (_fields.Length != ColumnCount)
            {
                string column = _columns.First(kv => kv.Value == Math.Min(_fields.Length, ColumnCount - 1)).Key;
                throw new DataFormatException(_file, Row, column, $"expected {ColumnCount} fields, found {_fields.Length}");
            }

            return true;
        }

        return false;
    }

    /// <summary>The trimmed text of <paramref name="column"/>, which must not be empty.</summary>
    public string Text(string column)
    {
        string s = _fields[_columns[column]].Trim();
        return s.Length == 0 ? throw Error(column, "empty field") : s;
    }

    /// <summary>A finite number of <paramref name="column"/> in [min, max]; <paramref name="hint"/> is added to range errors.</summary>
    public double Number(string column, double min, double max, string hint = "")
    {
        string s = Text(column);
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            throw Error(column, $"'{s}' is not a finite number");
        }

        if (v < min || v > max)
        {
            string extra = hint.Length > 0 ? " " + hint : string.Empty;
            throw Error(column, string.Create(CultureInfo.InvariantCulture, $"{v} is outside [{min}, {max}]{extra}"));
        }

        return v;
    }

    /// <summary>A UTC time on the hour (ISO 8601, e.g. 2025-07-01T14:00:00Z; no offset means UTC).</summary>
    public DateTime HourTime(string column)
    {
        string s = Text(column);
        if (!DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime t))
        {
            throw Error(column, $"'{s}' is not a time (expected ISO 8601 such as 2025-07-01T14:00:00Z)");
        }

        if (t.Minute != 0 || t.Second != 0 || t.Millisecond != 0)
        {
            throw Error(column, $"'{s}' is not on the hour (the data are hourly)");
        }

        return DateTime.SpecifyKind(t, DateTimeKind.Utc);
    }

    /// <summary>A DataFormatException for <paramref name="column"/> of the current row.</summary>
    public DataFormatException Error(string column, string problem) => new(_file, Row, column, problem);
}
