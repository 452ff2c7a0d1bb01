using System.Globalization;
using System.Text;
using SciTransfer.FuelMoisture.Weather;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.FuelMoisture.Data;

/// <summary>
/// The CSV formats for real data (docs/fuel-moisture.md describes them), read with the shared
/// <see cref="CsvTableReader"/>: weather: <c>station,time,lat,lon,elevation_m,temp_c,rh_pct,rain_mm_h,solar_w_m2,wind_m_s</c>
/// (or <c>temp_k</c> instead of <c>temp_c</c> for kelvin), one row per station and hour (UTC, continuous: no gaps);
/// observations, one file per fuel class: <c>station,time,moisture_pct</c>. Loaders check units, ranges, gaps and
/// references and throw <see cref="DataFormatException"/> naming the file, row and column of the first bad value;
/// values they accept but doubt (clipped humidity, rounded times, 0.0 % weighings) go into a warnings list.
/// </summary>
public static class FuelCsv
{
    /// <summary>Weather file columns (with temperature in degrees Celsius; <see cref="KelvinColumn"/> may replace <c>temp_c</c>).</summary>
    public static IReadOnlyList<string> WeatherColumns { get; } = ["station", "time", "lat", "lon", "elevation_m", "temp_c", "rh_pct", "rain_mm_h", "solar_w_m2", "wind_m_s"];

    /// <summary>Temperature column in kelvin, accepted instead of <c>temp_c</c>.</summary>
    public const string KelvinColumn = "temp_k";

    /// <summary>Observation file columns.</summary>
    public static IReadOnlyList<string> ObservationColumns { get; } = ["station", "time", "moisture_pct"];

    private static readonly string[] WeatherRequired = [.. WeatherColumns.Where(c => c != "temp_c")];

    /// <summary>Loads a weather file and one observation file per class (time lag in hours -> path).</summary>
    public static FuelDataSet Load(string weatherFile, IReadOnlyDictionary<int, string> observationFiles, FuelCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(observationFiles);
        var warnings = new List<string>();
        var stations = ReadWeather(weatherFile, options, warnings);
        var obs = new Dictionary<int, IReadOnlyList<FuelObservation>>();
        foreach (var (hours, file) in observationFiles)
        {
            obs[hours] = ReadObservations(file, stations, options, warnings);
        }

        return new FuelDataSet(stations, obs, warnings);
    }

    /// <summary>
    /// Reads an hourly weather file into one series per station (in order of first appearance). Humidity above
    /// 100 % is clipped (counted in <paramref name="warnings"/>) or an error, by <see cref="FuelCsvOptions.HumidityAbove100"/>.
    /// </summary>
    public static List<HourlyWeather> ReadWeather(string file, FuelCsvOptions? options = null, List<string>? warnings = null)
    {
        options ??= FuelCsvOptions.Default;
        using var rows = CsvTableReader.Open(file, WeatherRequired, ["temp_c", KelvinColumn]);
        bool kelvin = rows.Has(KelvinColumn);
        if (kelvin == rows.Has("temp_c"))
        {
            throw new DataFormatException(file, 1, kelvin ? KelvinColumn : "temp_c", kelvin
                ? "both temp_c and temp_k are given; keep one temperature column"
                : "missing required column (temperature: temp_c in degrees Celsius, or temp_k in kelvin)");
        }

        var builders = new Dictionary<string, StationBuilder>(StringComparer.Ordinal);
        var order = new List<StationBuilder>();
        int clipped = 0, firstClipped = 0;
        while (rows.Next())
        {
            string id = rows.Text("station");
            DateTime time = Time(rows, "time", onHour: true, out _);
            double lat = rows.Number("lat", -90, 90);
            double lon = rows.Number("lon", -180, 180);
            double elevation = rows.Number("elevation_m", -500, 9000);
            double tempK = kelvin ? rows.Number(KelvinColumn, 193.15, 338.15, "(kelvin expected in temp_k)") : TemperatureC(rows) + 273.15;
            double rhMax = options.HumidityAbove100 == HumidityAbove100Policy.Clip ? FuelCsvOptions.MaxClippedHumidity : 100;
            string rhHint = options.HumidityAbove100 == HumidityAbove100Policy.Clip
                ? "(relative humidity in %; values up to 110 are clipped to 100)"
                : "(relative humidity in %; set option rh_above_100: clip to clip sensor readings up to 110 % to 100)";
            double rh = rows.Number("rh_pct", 0, rhMax, rhHint);
            if (rh > 100)
            {
                clipped++;
                firstClipped = firstClipped == 0 ? rows.Row : firstClipped;
                rh = 100;
            }

            double rain = rows.Number("rain_mm_h", 0, 250, "(rain accumulated over the hour, mm)");
            double solar = rows.Number("solar_w_m2", 0, 1500, "(downward shortwave, W/m2)");
            double wind = rows.Number("wind_m_s", 0, 80, "(m/s)");

            if (!builders.TryGetValue(id, out var b))
            {
                b = new StationBuilder(new StationInfo(id, lat, lon, elevation), time, rows.Row);
                builders[id] = b;
                order.Add(b);
            }
            else
            {
                CheckSame(rows, "lat", b.Station.Latitude, lat);
                CheckSame(rows, "lon", b.Station.Longitude, lon);
                CheckSame(rows, "elevation_m", b.Station.ElevationMeters, elevation);
                DateTime expected = b.Start.AddHours(b.T.Count);
                if (time <= b.Start.AddHours(b.T.Count - 1))
                {
                    throw rows.Error("time", $"{Iso(time)} is not after the station's previous hour {Iso(expected.AddHours(-1))} (rows of a station must be in time order, without duplicates)");
                }

                if (time != expected)
                {
                    throw rows.Error("time", $"gap of {(time - expected).TotalHours:0} missing hour(s) after {Iso(expected.AddHours(-1))}; the model needs continuous hourly weather (fill or split the record)");
                }
            }

            b.T.Add(tempK);
            b.Rh.Add(rh);
            b.Rain.Add(rain);
            b.Solar.Add(solar);
            b.Wind.Add(wind);
        }

        if (order.Count == 0)
        {
            throw new DataFormatException(file, 0, "station", "no data rows");
        }

        foreach (var b in order)
        {
            // Humidity given as a fraction (0..1) passes the range check; a long record never stays below 1 %.
            if (b.Rh.Count >= 24 && b.Rh.Max() <= 1.0)
            {
                throw new DataFormatException(file, b.FirstRow, "rh_pct", $"station {b.Station.Id}: every value is <= 1; relative humidity must be in %, not a fraction");
            }
        }

        if (clipped > 0)
        {
            warnings?.Add(string.Create(CultureInfo.InvariantCulture, $"{file}: {clipped} rh_pct value(s) above 100 % clipped to 100 (first at row {firstClipped}; option rh_above_100: clip)"));
        }

        return [.. order.Select(b => new HourlyWeather(b.Station, b.Start, [.. b.T], [.. b.Rh], [.. b.Rain], [.. b.Solar], [.. b.Wind]))];
    }

    /// <summary>
    /// Reads one fuel class's observation file; stations must exist in <paramref name="stations"/> and times must fall
    /// inside their weather. Times off the hour are rounded to the nearest hour or an error, by
    /// <see cref="FuelCsvOptions.ObservationTime"/>; rounded times and 0.0 % values (no dead fuel is bone dry; a
    /// missing-value code?) are kept and reported in <paramref name="warnings"/>.
    /// </summary>
    public static List<FuelObservation> ReadObservations(string file, IReadOnlyList<HourlyWeather> stations, FuelCsvOptions? options = null, List<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(stations);
        options ??= FuelCsvOptions.Default;
        using var rows = CsvTableReader.Open(file, [.. ObservationColumns]);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < stations.Count; i++)
        {
            index[stations[i].Station.Id] = i;
        }

        var seen = new Dictionary<(int, int), int>();
        var list = new List<FuelObservation>();
        var zeroRows = new List<int>();
        int rounded = 0, firstRounded = 0;
        bool round = options.ObservationTime == ObservationTimePolicy.NearestHour;
        while (rows.Next())
        {
            string id = rows.Text("station");
            if (!index.TryGetValue(id, out int s))
            {
                throw rows.Error("station", $"station '{id}' has no weather in the weather file");
            }

            DateTime time = Time(rows, "time", onHour: !round, out bool wasRounded);
            if (wasRounded)
            {
                rounded++;
                firstRounded = firstRounded == 0 ? rows.Row : firstRounded;
            }

            var w = stations[s];
            int hour = (int)Math.Round((time - w.StartUtc).TotalHours);
            if (hour < 0 || hour >= w.Length)
            {
                throw rows.Error("time", $"{Iso(time)} is outside station {id}'s weather ({Iso(w.StartUtc)} .. {Iso(w.TimeOf(w.Length - 1))})");
            }

            double value = rows.Number("moisture_pct", 0, 300, "(fuel moisture in % of dry mass)");
            if (seen.TryGetValue((s, hour), out int firstRow))
            {
                throw rows.Error("time", $"duplicate observation for station {id} at {Iso(time)} (row {firstRow} has the same hour{(wasRounded ? " after rounding to the nearest hour" : "")})");
            }

            seen[(s, hour)] = rows.Row;
            if (value == 0)
            {
                zeroRows.Add(rows.Row);
            }

            list.Add(new FuelObservation(s, hour, value));
        }

        if (rounded > 0)
        {
            warnings?.Add(string.Create(CultureInfo.InvariantCulture, $"{file}: {rounded} observation time(s) off the hour rounded to the nearest hour (first at row {firstRounded}; option observation_time: nearest-hour)"));
        }

        if (zeroRows.Count > 0)
        {
            warnings?.Add(string.Create(CultureInfo.InvariantCulture, $"{file}: {zeroRows.Count} observation(s) of 0.0 % at row(s) {string.Join(", ", zeroRows.Take(5))}{(zeroRows.Count > 5 ? ", ..." : "")}: physically implausible for dead fuel (a missing-value code?); kept as given"));
        }

        return list;
    }

    /// <summary>Writes stations' weather in the weather format (temperature converted to degrees Celsius).</summary>
    public static void WriteWeather(string file, IEnumerable<HourlyWeather> stations)
    {
        ArgumentNullException.ThrowIfNull(stations);
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', WeatherColumns));
        foreach (var w in stations)
        {
            var s = w.Station;
            for (int t = 0; t < w.Length; t++)
            {
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{s.Id},{Iso(w.TimeOf(t))},{s.Latitude},{s.Longitude},{s.ElevationMeters},{w.TemperatureK[t] - 273.15:0.00},{w.RelativeHumidity[t]:0.00},{w.Rain[t]:0.00},{w.Solar[t]:0.0},{w.Wind[t]:0.00}"));
            }
        }

        File.WriteAllText(file, sb.ToString());
    }

    /// <summary>Writes observations (station indices refer to <paramref name="stations"/>).</summary>
    public static void WriteObservations(string file, IReadOnlyList<HourlyWeather> stations, IEnumerable<FuelObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(stations);
        ArgumentNullException.ThrowIfNull(observations);
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', ObservationColumns));
        foreach (var o in observations)
        {
            var w = stations[o.Station];
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{w.Station.Id},{Iso(w.TimeOf(o.Hour))},{o.Value:0.00}"));
        }

        File.WriteAllText(file, sb.ToString());
    }

    private static double TemperatureC(CsvTableReader rows)
    {
        bool looksKelvin = double.TryParse(rows.Text("temp_c"), NumberStyles.Float, CultureInfo.InvariantCulture, out double raw) && raw is > 150 and < 400;
        return rows.Number("temp_c", -80, 65, "(degrees Celsius expected" + (looksKelvin ? "; this looks like kelvin: name the column temp_k)" : ")"));
    }

    /// <summary>A UTC time (ISO 8601, no offset = UTC); on the hour, or rounded to the nearest hour (ties up) when <paramref name="onHour"/> is false.</summary>
    private static DateTime Time(CsvTableReader rows, string column, bool onHour, out bool rounded)
    {
        string s = rows.Text(column);
        if (!DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime t))
        {
            throw rows.Error(column, $"'{s}' is not a time (expected ISO 8601 such as 2025-07-01T14:00:00Z)");
        }

        t = DateTime.SpecifyKind(t, DateTimeKind.Utc);
        long intoHour = t.Ticks % TimeSpan.TicksPerHour;
        rounded = intoHour != 0;
        if (!rounded)
        {
            return t;
        }

        if (onHour)
        {
            throw rows.Error(column, column == "time" && rows.Has("moisture_pct")
                ? $"'{s}' is not on the hour; set option observation_time: nearest-hour to round observation times"
                : $"'{s}' is not on the hour (the weather must be hourly, on the hour)");
        }

        return new DateTime(t.Ticks - intoHour + (intoHour >= TimeSpan.TicksPerHour / 2 ? TimeSpan.TicksPerHour : 0), DateTimeKind.Utc);
    }

    private static void CheckSame(CsvTableReader rows, string column, double first, double value)
    {
        if (Math.Abs(first - value) > 1e-9)
        {
            throw rows.Error(column, string.Create(CultureInfo.InvariantCulture, $"{value} differs from the station's first row ({first}); a station has one location"));
        }
    }

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class StationBuilder(StationInfo station, DateTime start, int firstRow)
    {
        public StationInfo Station { get; } = station;

        public DateTime Start { get; } = start;

        public int FirstRow { get; } = firstRow;

        public List<double> T { get; } = [];

        public List<double> Rh { get; } = [];

        public List<double> Rain { get; } = [];

        public List<double> Solar { get; } = [];

        public List<double> Wind { get; } = [];
    }
}
