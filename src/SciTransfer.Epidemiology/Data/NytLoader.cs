using System.Globalization;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.Epidemiology.Data;

/// <summary>
/// Loads the New York Times covid-19-data <c>us-counties.csv</c> layout (<c>date,county,state,fips,cases,deaths</c>,
/// cumulative counts, one row per county-day) through the shared <see cref="CsvTableReader"/> (any column order; no
/// other columns). Rows without FIPS (New York City, "Unknown" counties) follow <see cref="NytLoadOptions.RowsWithoutFips"/>;
/// missing days are carried forward; falling cumulative counts follow <see cref="NytLoadOptions.NegativeIncrements"/>.
/// Every problem is a <see cref="DataFormatException"/> naming the file, the row (header = 1) and the column.
/// A whole-US file (3,000+ counties, about 1 M rows) loads in about a second (<c>scitransfer bench nyt-load</c>).
/// </summary>
public static class NytLoader
{
    /// <summary>The columns of the layout.</summary>
    public static readonly string[] Columns = ["date", "county", "state", "fips", "cases", "deaths"];

    // Largest count accepted: far above any county's cumulative cases, small enough to be exact in a double.
    private const double MaxCount = 1e12;

    /// <summary>Loads the file at <paramref name="path"/>.</summary>
    public static NytData Load(string path, NytLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var csv = CsvTableReader.Open(path, Columns);
        return Read(csv, options ?? NytLoadOptions.Default);
    }

    /// <summary>Reads NYT-layout text; <paramref name="fileName"/> names it in error messages.</summary>
    public static NytData Parse(string fileName, string content, NytLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        using var csv = CsvTableReader.Parse(fileName, content, Columns);
        return Read(csv, options ?? NytLoadOptions.Default);
    }

    /// <summary>Reads NYT-layout text from <paramref name="reader"/> (all of it); <paramref name="fileName"/> names it in errors.</summary>
    public static NytData Read(TextReader reader, string fileName, NytLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Parse(fileName, reader.ReadToEnd(), options);
    }

    private static NytData Read(CsvTableReader csv, NytLoadOptions options)
    {
        var series = new Dictionary<string, SeriesBuilder>(StringComparer.Ordinal);
        var dayOf = new Dictionary<string, int>(StringComparer.Ordinal); // date text -> day number (dates repeat ~3,000 times)
        int unknown = 0, withoutFips = 0;
        int min = int.MaxValue, max = int.MinValue;
        while (csv.Next())
        {
            string dateText = csv.Text("date");
            if (!dayOf.TryGetValue(dateText, out int day))
            {
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw csv.Error("date", $"expected a date yyyy-MM-dd, found '{Clip(dateText)}'");
                }

                day = date.DayNumber;
                dayOf[dateText] = day;
            }

            string county = csv.Text("county");
            string state = csv.Text("state");
            string? fips = ParseFips(csv);
            long cases = Count(csv, "cases", allowEmpty: false);
            long deaths = Count(csv, "deaths", allowEmpty: true);
            if (county.Equals("Unknown", StringComparison.OrdinalIgnoreCase))
            {
                unknown++;
            }

            if (fips is null)
            {
                switch (options.RowsWithoutFips)
                {
                    case RowsWithoutFips.Skip:
                        withoutFips++;
                        continue;
                    case RowsWithoutFips.Error:
                        throw csv.Error("fips", $"empty FIPS for {county}, {state} (New York City and \"Unknown\" rows have none); set rows_without_fips to skip to drop such rows");
                }
            }

            string key = fips ?? $"{state}/{county}";
            if (!series.TryGetValue(key, out var s))
            {
                s = new SeriesBuilder(county, state, fips);
                series[key] = s;
            }

            s.Add(day, cases, deaths, csv.Row);
            min = Math.Min(min, day);
            max = Math.Max(max, day);
        }

        if (series.Count == 0)
        {
            string why = withoutFips > 0 ? $" ({withoutFips} row(s) without FIPS were skipped)" : string.Empty;
            throw new DataFormatException(csv.File, 2, "fips", "no county rows" + why);
        }

        return BuildGrid(csv.File, series, DateOnly.FromDayNumber(min), DateOnly.FromDayNumber(max), unknown, withoutFips, options.NegativeIncrements);
    }

    private static NytData BuildGrid(
        string file, Dictionary<string, SeriesBuilder> series, DateOnly start, DateOnly end, int unknown, int withoutFips, NegativeIncrements policy)
    {
        int days = end.DayNumber - start.DayNumber + 1;
        int filled = 0, corrected = 0;
        var counties = new List<NytCounty>(series.Count);
        foreach (var key in series.Keys.Order(StringComparer.Ordinal))
        {
            var s = series[key];
            s.SortByDay(file);
            var cases = new long[days];
            var deaths = new long[days];
            var row = new int[days];
            var present = new bool[days];
            for (int k = 0; k < s.Days.Count; k++)
            {
                int t = s.Days[k] - start.DayNumber;
                cases[t] = s.Cases[k];
                deaths[t] = s.Deaths[k];
                row[t] = s.Rows[k];
                present[t] = true;
            }

            int first = s.Days[0] - start.DayNumber;
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
                    deaths[t] = t > first ? deaths[t - 1] : 0; // empty deaths: none reported yet
                }
            }

            switch (policy)
            {
                case NegativeIncrements.Error:
                    for (int t = first + 1; t < days; t++)
                    {
                        if (present[t] && cases[t] < cases[t - 1])
                        {
                            throw new DataFormatException(file, row[t], "cases", string.Create(
                                CultureInfo.InvariantCulture,
                                $"cumulative cases of {key} fall from {cases[t - 1]} to {cases[t]} (a correction); set negative_increments to backward-min or forward-max to accept corrections"));
                        }
                    }

                    break;
                case NegativeIncrements.ForwardMax:
                    corrected += ForwardRunningMax(cases);
                    ForwardRunningMax(deaths);
                    break;
                default:
                    corrected += BackwardRunningMin(cases);
                    BackwardRunningMin(deaths);
                    break;
            }

            counties.Add(new NytCounty(key, s.County, s.State, s.Fips, DateOnly.FromDayNumber(s.Days[0]), cases, deaths));
        }

        return new NytData(start, end, counties, unknown, filled, corrected, withoutFips);
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

    /// <summary>Makes a cumulative series non-decreasing by raising values below an earlier one; returns how many changed.</summary>
    public static int ForwardRunningMax(Span<long> cumulative)
    {
        int changed = 0;
        for (int t = 1; t < cumulative.Length; t++)
        {
            if (cumulative[t] < cumulative[t - 1])
            {
                cumulative[t] = cumulative[t - 1];
                changed++;
            }
        }

        return changed;
    }

    /// <summary>The 5-digit FIPS of the row (shorter codes zero-padded, "36061.0" accepted), or null when empty.</summary>
    private static string? ParseFips(CsvTableReader csv)
    {
        string? text = csv.OptionalText("fips");
        if (text is null)
        {
            return null;
        }

        if (text.Length <= 5 && text.All(char.IsAsciiDigit))
        {
            return text.Length == 5 ? text : text.PadLeft(5, '0');
        }

        // Some exports write FIPS as a float ("36061.0").
        if (text.EndsWith(".0", StringComparison.Ordinal) && text.Length is > 2 and <= 7 && text[..^2].All(char.IsAsciiDigit))
        {
            return text[..^2].PadLeft(5, '0');
        }

        throw csv.Error("fips", $"expected up to 5 digits or empty, found '{Clip(text)}'");
    }

    /// <summary>A non-negative whole count; -1 for an empty field where <paramref name="allowEmpty"/>.</summary>
    private static long Count(CsvTableReader csv, string column, bool allowEmpty)
    {
        if (allowEmpty && csv.OptionalText(column) is null)
        {
            return -1;
        }

        double v = csv.Number(column, 0, MaxCount, "(a cumulative count: a whole number >= 0)");
        if (v != Math.Floor(v))
        {
            throw csv.Error(column, string.Create(CultureInfo.InvariantCulture, $"{v} is not a whole number (a cumulative count)"));
        }

        return (long)v;
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "...";

    /// <summary>One county's rows as read (any order until <see cref="SortByDay"/>).</summary>
    private sealed class SeriesBuilder(string county, string state, string? fips)
    {
        public string County { get; } = county;

        public string State { get; } = state;

        public string? Fips { get; } = fips;

        public List<int> Days { get; private set; } = [];

        public List<long> Cases { get; private set; } = [];

        public List<long> Deaths { get; private set; } = [];

        public List<int> Rows { get; private set; } = [];

        public void Add(int day, long cases, long deaths, int row)
        {
            Days.Add(day);
            Cases.Add(cases);
            Deaths.Add(deaths);
            Rows.Add(row);
        }

        /// <summary>Orders the rows by day (files are usually sorted by date, so this is mostly a check) and rejects a day twice.</summary>
        public void SortByDay(string file)
        {
            bool sorted = true;
            for (int k = 1; k < Days.Count && sorted; k++)
            {
                sorted = Days[k] > Days[k - 1];
            }

            if (!sorted)
            {
                int[] order = [.. Enumerable.Range(0, Days.Count).OrderBy(k => Days[k]).ThenBy(k => Rows[k])];
                Days = [.. order.Select(k => Days[k])];
                Cases = [.. order.Select(k => Cases[k])];
                Deaths = [.. order.Select(k => Deaths[k])];
                Rows = [.. order.Select(k => Rows[k])];
            }

            for (int k = 1; k < Days.Count; k++)
            {
                if (Days[k] == Days[k - 1])
                {
                    var date = DateOnly.FromDayNumber(Days[k]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    throw new DataFormatException(file, Rows[k], "date", $"duplicate row for {Fips ?? $"{State}/{County}"} on {date} (first at row {Rows[k - 1]})");
                }
            }
        }
    }
}
