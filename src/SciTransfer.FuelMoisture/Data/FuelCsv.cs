using System.Globalization;
using System.Text;
using SciTransfer.FuelMoisture.Weather;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.FuelMoisture.Data;

/// <summary>
/// The CSV formats for real data (docs/fuel-moisture.md describes them):
/// weather: <c>station,time,lat,lon,elevation_m,temp_c,rh_pct,rain_mm_h,solar_w_m2,wind_m_s</c>, one row per
/// station and hour (UTC, continuous: no gaps); observations, one file per fuel class:
/// <c>station,time,moisture_pct</c>. Loaders check units, ranges, gaps and references and throw
/// <see cref="DataFormatException"/> naming the file, row and column of the first bad value.
/// </summary>
public static class FuelCsv
{
    /// <summary>Weather file columns.</summary>
    public static IReadOnlyList<string> WeatherColumns { get; } = ["station", "time", "lat", "lon", "elevation_m", "temp_c", "rh_pct", "rain_mm_h", "solar_w_m2", "wind_m_s"];

    /// <summary>Observation file columns.</summary>
    public static IReadOnlyList<string> ObservationColumns { get; } = ["station", "time", "moisture_pct"];

    /// <summary>Loads a weather file and one observation file per class (time lag in hours -> path).</summary>
    public static FuelDataSet Load(string weatherFile, IReadOnlyDictionary<int, string> observationFiles)
    {
        ArgumentNullException.ThrowIfNull(observationFiles);
        var stations = ReadWeather(weatherFile);
        var obs = new Dictionary<int, IReadOnlyList<FuelObservation>>();
        foreach (var (hours, file) in observationFiles)
        {
            obs[hours] = ReadObservations(file, stations);
        }

        return new FuelDataSet(stations, obs);
    }

    /// <summary>Reads an hourly weather file into one series per station (in order of first appearance).</summary>
    public static List<HourlyWeather> ReadWeather(string file)
    {
        var rows = new CsvRows(file, WeatherColumns);
        var builders = new Dictionary<string, StationBuilder>(StringComparer.Ordinal);
        var order = new List<StationBuilder>();
        while (rows.Next())
        {
            string id = rows.Text("station");
            DateTime time = rows.HourTime("time");
            double lat = rows.Number("lat", -90, 90);
            double lon = rows.Number("lon", -180, 180);
            double elevation = rows.Number("elevation_m", -500, 9000);
            bool looksKelvin = double.TryParse(rows.Text("temp_c"), NumberStyles.Float, CultureInfo.InvariantCulture, out double rawT) && rawT is > 150 and < 400;
            double tempC = rows.Number("temp_c", -80, 65, "(degrees Celsius expected" + (looksKelvin ? "; this looks like kelvin)" : ")"));
            double rh = rows.Number("rh_pct", 0, 100, "(relative humidity in %)");
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

            b.T.Add(tempC + 273.15);
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

        return [.. order.Select(b => new HourlyWeather(b.Station, b.Start, [.. b.T], [.. b.Rh], [.. b.Rain], [.. b.Solar], [.. b.Wind]))];
    }

    /// <summary>Reads one fuel class's observation file; stations must exist in <paramref name="stations"/> and times must fall inside their weather.</summary>
    public static List<FuelObservation> ReadObservations(string file, IReadOnlyList<HourlyWeather> stations)
    {
        ArgumentNullException.ThrowIfNull(stations);
        var rows = new CsvRows(file, ObservationColumns);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < stations.Count; i++)
        {
            index[stations[i].Station.Id] = i;
        }

        var seen = new HashSet<(int, int)>();
        var list = new List<FuelObservation>();
        while (rows.Next())
        {
            string id = rows.Text("station");
            if (!index.TryGetValue(id, out int s))
            {
                throw rows.Error("station", $"station '{id}' has no weather in the weather file");
            }

            DateTime time = rows.HourTime("time");
            var w = stations[s];
            int hour = (int)Math.Round((time - w.StartUtc).TotalHours);
            if (hour < 0 || hour >= w.Length)
            {
                throw rows.Error("time", $"{Iso(time)} is outside station {id}'s weather ({Iso(w.StartUtc)} .. {Iso(w.TimeOf(w.Length - 1))})");
            }

            double value = rows.Number("moisture_pct", 0, 300, "(fuel moisture in % of dry mass)");
            if (!seen.Add((s, hour)))
            {
                throw rows.Error("time", $"duplicate observation for station {id} at {Iso(time)}");
            }

            list.Add(new FuelObservation(s, hour, value));
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

    private static void CheckSame(CsvRows rows, string column, double first, double value)
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
