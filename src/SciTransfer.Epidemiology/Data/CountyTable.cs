using System.Globalization;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.Epidemiology.Data;

/// <summary>
/// A per-county table keyed by FIPS: the covariates file (<c>fips</c> plus any numeric columns: population, policy,
/// testing, vulnerability indices, ...) or the population file (<c>fips,population</c>). An empty field is a missing
/// value (null), which the problem's <c>missing_covariates</c> option resolves. Read through the shared
/// <see cref="CsvTableReader"/>; errors name the file, the row (header = 1) and the column.
/// </summary>
public sealed class CountyTable
{
    private readonly Dictionary<string, (double?[] Values, int Row)> _rows;

    private CountyTable(string file, IReadOnlyList<string> names, Dictionary<string, (double?[] Values, int Row)> rows)
    {
        File = file;
        Names = names;
        _rows = rows;
    }

    /// <summary>The file, for messages.</summary>
    public string File { get; }

    /// <summary>Value columns (every column but fips), in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of counties (rows).</summary>
    public int Count => _rows.Count;

    /// <summary>The values of county <paramref name="fips"/> (null entries: empty fields) and its row, or false when it has no row.</summary>
    public bool TryGet(string fips, out double?[] values, out int row)
    {
        if (_rows.TryGetValue(fips, out var r))
        {
            (values, row) = r;
            return true;
        }

        (values, row) = (Array.Empty<double?>(), 0);
        return false;
    }

    /// <summary>Loads a covariates file: <c>fips</c> and at least one other column, every other field a finite number or empty.</summary>
    public static CountyTable LoadCovariates(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var csv = CsvTableReader.OpenWithAnyColumns(path, ["fips"]);
        return Read(csv, double.MinValue, double.MaxValue, "");
    }

    /// <summary>Parses covariates text (tests); <paramref name="file"/> names it in messages.</summary>
    public static CountyTable ParseCovariates(string file, string content)
    {
        using var csv = CsvTableReader.ParseWithAnyColumns(file, content, ["fips"]);
        return Read(csv, double.MinValue, double.MaxValue, "");
    }

    /// <summary>Loads a population file: exactly <c>fips,population</c>, population a number &gt; 0 (people) or empty.</summary>
    public static CountyTable LoadPopulation(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var csv = CsvTableReader.Open(path, ["fips", "population"]);
        return Read(csv, 1, 1e10, "(people, > 0)");
    }

    /// <summary>Parses population text (tests); <paramref name="file"/> names it in messages.</summary>
    public static CountyTable ParsePopulation(string file, string content)
    {
        using var csv = CsvTableReader.Parse(file, content, ["fips", "population"]);
        return Read(csv, 1, 1e10, "(people, > 0)");
    }

    private static CountyTable Read(CsvTableReader csv, double min, double max, string hint)
    {
        string[] names = [.. csv.Columns.Where(c => c != "fips")];
        if (names.Length == 0)
        {
            throw new DataFormatException(csv.File, 1, "(header)", "no value columns; expected fips and at least one numeric column");
        }

        var rows = new Dictionary<string, (double?[] Values, int Row)>(StringComparer.Ordinal);
        while (csv.Next())
        {
            string fips = Fips(csv);
            var values = new double?[names.Length];
            for (int k = 0; k < names.Length; k++)
            {
                values[k] = csv.OptionalNumber(names[k], min, max, hint);
            }

            if (!rows.TryAdd(fips, (values, csv.Row)))
            {
                throw csv.Error("fips", string.Create(CultureInfo.InvariantCulture, $"county {fips} appears twice (first at row {rows[fips].Row})"));
            }
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException(csv.File, 2, "fips", "no county rows");
        }

        return new CountyTable(csv.File, names, rows);
    }

    /// <summary>A 5-digit FIPS (shorter codes zero-padded, as spreadsheets drop leading zeros).</summary>
    private static string Fips(CsvTableReader csv)
    {
        string text = csv.Text("fips");
        if (text.EndsWith(".0", StringComparison.Ordinal))
        {
            text = text[..^2];
        }

        return text.Length is >= 1 and <= 5 && text.All(char.IsAsciiDigit)
            ? text.PadLeft(5, '0')
            : throw csv.Error("fips", $"expected a county FIPS code of up to 5 digits, found '{(text.Length <= 40 ? text : text[..40] + "...")}'");
    }
}
