using System.Globalization;
using System.Text;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Results;

namespace SciTransfer.Epidemiology.Data;

/// <summary>
/// Loads the New York Times covid-19-data <c>us-counties.csv</c> (<c>date,county,state,fips,cases,deaths</c>,
/// cumulative counts) from a path the user gives (the file is not redistributed: non-commercial licence).
/// Edge cases: rows without FIPS (New York City and other NYT geographic exceptions) are keyed "state/county";
/// "Unknown" counties are counted and skipped unless kept; missing days are carried forward; a cumulative count
/// larger than a later one is lowered to it (a backward running minimum undoes over-reports that were corrected
/// later); malformed rows raise <see cref="DataFormatException"/> naming the file, row (header = 1) and column.
/// </summary>
public static class NytLoader
{
    private static readonly string[] Required = ["date", "county", "state", "fips", "cases", "deaths"];

    /// <summary>Loads the file at <paramref name="path"/>.</summary>
    public static NytData Load(string path, bool keepUnknown = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, 0, "(file)", "file not found");
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path, keepUnknown);
    }

    /// <summary>Reads NYT-format text; <paramref name="fileName"/> is used in error messages.</summary>
    public static NytData Read(TextReader reader, string fileName, bool keepUnknown = false)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        string header = reader.ReadLine() ?? throw new DataFormatException(fileName, 1, "(header)", "empty file");
        var names = SplitCsv(header, fileName, 1).Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DataFormatException(fileName, 1, twice.Key, "column appears twice in the header");
        }

        var col = new int[Required.Length];
        for (int k = 0; k < Required.Length; k++)
        {
            col[k] = Array.IndexOf(names, Required[k]);
            if (col[k] < 0)
            {
                throw new DataFormatException(fileName, 1, Required[k], "required column missing from the header");
            }
        }

        var rows = new Dictionary<string, SortedDictionary<DateOnly, (long Cases, long? Deaths)>>(StringComparer.Ordinal);
        var meta = new Dictionary<string, (string County, string State, string? Fips)>(StringComparer.Ordinal);
        int unknown = 0;
        DateOnly? min = null, max = null;
        long line = 1;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var f = SplitCsv(text, fileName, line);
            if (f.Count != names.Length)
            {
                string column = f.Count < names.Length ? names[f.Count] : "(extra field)";
                throw new DataFormatException(fileName, line, column, $"expected {names.Length} fields, found {f.Count}");
            }

            string dateText = f[col[0]].Trim();
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new DataFormatException(fileName, line, "date", $"expected a date yyyy-MM-dd, found '{dateText}'");
            }

            string county = f[col[1]].Trim();
            string state = f[col[2]].Trim();
            if (county.Length == 0)
            {
                throw new DataFormatException(fileName, line, "county", "empty county name");
            }

            if (state.Length == 0)
            {
                throw new DataFormatException(fileName, line, "state", "empty state name");
            }

            string? fips = ParseFips(f[col[3]].Trim(), fileName, line);
            long cases = ParseCount(f[col[4]].Trim(), fileName, line, "cases", allowEmpty: false) ?? 0;
            long? deaths = ParseCount(f[col[5]].Trim(), fileName, line, "deaths", allowEmpty: true);
            bool isUnknown = county.Equals("Unknown", StringComparison.OrdinalIgnoreCase);
            if (isUnknown)
            {
                unknown++;
                if (!keepUnknown)
                {
                    continue;
                }
            }

            string key = fips ?? $"{state}/{county}";
            if (!rows.TryGetValue(key, out var series))
            {
                series = [];
                rows[key] = series;
                meta[key] = (county, state, fips);
            }

            if (!series.TryAdd(date, (cases, deaths)))
            {
                throw new DataFormatException(fileName, line, "date", $"duplicate row for {key} on {dateText}");
            }

            min = min is null || date < min ? date : min;
            max = max is null || date > max ? date : max;
        }

        if (min is null || max is null)
        {
            throw new DataFormatException(fileName, 2, "date", "no county rows");
        }

        return BuildGrid(rows, meta, min.Value, max.Value, unknown);
    }

    private static NytData BuildGrid(
        Dictionary<string, SortedDictionary<DateOnly, (long Cases, long? Deaths)>> rows,
        Dictionary<string, (string County, string State, string? Fips)> meta,
        DateOnly start,
        DateOnly end,
        int unknown)
    {
        int days = end.DayNumber - start.DayNumber + 1;
        int filled = 0, corrected = 0;
        var counties = new List<NytCounty>(rows.Count);
        foreach (var key in rows.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            var series = rows[key];
            var cases = new long[days];
            var deaths = new long[days];
            var present = new bool[days];
            foreach (var (date, v) in series)
            {
                int t = date.DayNumber - start.DayNumber;
                cases[t] = v.Cases;
                deaths[t] = v.Deaths ?? -1;
                present[t] = true;
            }

            int first = series.Keys.First().DayNumber - start.DayNumber;
            for (int t = first; t < days; t++)
            {
                if (!present[t])
                {
                    cases[t] = cases[t - 1];
                    deaths[t] = deaths[t - 1];
                    filled++;
                }
                else if (deaths[t] < 0)
                {
                    deaths[t] = t > 0 ? Math.Max(0, deaths[t - 1]) : 0;
                }
            }

            corrected += BackwardRunningMin(cases);
            BackwardRunningMin(deaths);
            var m = meta[key];
            counties.Add(new NytCounty(key, m.County, m.State, m.Fips, series.Keys.First(), cases, deaths));
        }

        return new NytData(start, end, counties, unknown, filled, corrected);
    }

    /// <summary>Makes a cumulative series non-decreasing by lowering values above a later one; returns how many changed.</summary>
    public static int BackwardRunningMin(Span<long> cumulative)
    {
        int changed = 0;
        for (int t = cumulative.Length - 2; t >= 0; t--)
        {
            if (cumulative[t] > cumulative[t + 1])
            {
                cumulative[t] = cumulative[t + 1];
                changed++;
            }
        }

        return changed;
    }

    private static string? ParseFips(string text, string file, long line)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length > 5 || !text.All(char.IsAsciiDigit))
        {
            // Some exports write FIPS as a float ("36061.0").
            if (text.EndsWith(".0", StringComparison.Ordinal) && text.Length <= 7 && text[..^2].All(char.IsAsciiDigit))
            {
                return text[..^2].PadLeft(5, '0');
            }

            throw new DataFormatException(file, line, "fips", $"expected up to 5 digits or empty, found '{text}'");
        }

        return text.PadLeft(5, '0');
    }

    private static long? ParseCount(string text, string file, long line, string column, bool allowEmpty)
    {
        if (text.Length == 0)
        {
            return allowEmpty ? null : throw new DataFormatException(file, line, column, "empty count");
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long v))
        {
            throw new DataFormatException(file, line, column, $"expected a non-negative integer, found '{text}'");
        }

        return v;
    }

    /// <summary>Splits one CSV line with the harness's RFC 4180 splitter; an unbalanced quote names the row.</summary>
    private static List<string> SplitCsv(string line, string file, long row) =>
        CsvText.Split(line) ?? throw new DataFormatException(file, row, "(line)", "unterminated quote");
}
