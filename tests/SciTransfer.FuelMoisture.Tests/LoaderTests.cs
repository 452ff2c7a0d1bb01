using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Data;
using SciTransfer.FuelMoisture.Weather;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.FuelMoisture.Tests;

public sealed class LoaderTests : IDisposable
{
    private const string Header = "station,time,lat,lon,elevation_m,temp_c,rh_pct,rain_mm_h,solar_w_m2,wind_m_s";
    private readonly string _dir = Directory.CreateTempSubdirectory("fm-loader-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Written_data_reads_back_to_the_same_values()
    {
        var rng = new Rng(4);
        var stations = Enumerable.Range(0, 2).Select(i => WeatherGenerator.Generate(WeatherGenerator.RandomStation($"X{i}", rng), new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc), 48, rng)).ToList();
        string wf = Path.Combine(_dir, "weather.csv"), of = Path.Combine(_dir, "obs_10h.csv");
        FuelCsv.WriteWeather(wf, stations);
        var obs = new List<FuelObservation> { new(0, 3, 12.5), new(1, 40, 7.25) };
        FuelCsv.WriteObservations(of, stations, obs);
        var data = FuelCsv.Load(wf, new Dictionary<int, string> { [10] = of });
        Assert.Equal(2, data.Stations.Count);
        for (int s = 0; s < 2; s++)
        {
            Assert.Equal(stations[s].Station, data.Stations[s].Station);
            Assert.Equal(stations[s].StartUtc, data.Stations[s].StartUtc);
            for (int t = 0; t < 48; t++)
            {
                Assert.Equal(stations[s].TemperatureK[t], data.Stations[s].TemperatureK[t], 1e-9);
                Assert.Equal(stations[s].RelativeHumidity[t], data.Stations[s].RelativeHumidity[t], 1e-9);
                Assert.Equal(stations[s].Rain[t], data.Stations[s].Rain[t], 1e-9);
            }
        }

        Assert.Equal(obs, data.Observations[10]);
    }

    [Theory]
    [InlineData("station,time,lat,lon,elevation_m,temp_c,rh_pct,rain_mm_h,solar_w_m2", 1, "wind_m_s")]
    [InlineData("A,2025-07-01T00:00:00Z,40,-110,1000,295.2,40,0,0,2", 2, "temp_c")]
    [InlineData("A,2025-07-01T00:00:00Z,40,-110,1000,20,140,0,0,2", 2, "rh_pct")]
    [InlineData("A,2025-07-01T00:30:00Z,40,-110,1000,20,40,0,0,2", 2, "time")]
    [InlineData("A,2025-07-01T00:00:00Z,40,-110,1000,20,40,-1,0,2", 2, "rain_mm_h")]
    [InlineData("A,2025-07-01T00:00:00Z,40,-110,1000,20,forty,0,0,2", 2, "rh_pct")]
    [InlineData("A,2025-07-01T00:00:00Z,40,-110,1000,20,40,0,0,2\nA,2025-07-01T03:00:00Z,40,-110,1000,20,40,0,0,2", 3, "time")]
    [InlineData("A,2025-07-01T00:00:00Z,40,-110,1000,20,40,0,0,2\nA,2025-07-01T01:00:00Z,41,-110,1000,20,40,0,0,2", 3, "lat")]
    [InlineData("A,2025-07-01T00:00:00Z,40,-110,1000,20,40,0,0", 2, "wind_m_s")]
    public void Bad_weather_rows_name_the_file_row_and_column(string body, int row, string column)
    {
        string file = Path.Combine(_dir, "weather.csv");
        File.WriteAllText(file, body.StartsWith("station", StringComparison.Ordinal) ? body + "\n" : Header + "\n" + body + "\n");
        var e = Assert.Throws<DataFormatException>(() => FuelCsv.ReadWeather(file));
        Assert.Equal(file, e.File);
        Assert.Equal(row, e.Row);
        Assert.Equal(column, e.Column);
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kelvin_temperatures_are_reported_as_such()
    {
        string file = Path.Combine(_dir, "weather.csv");
        File.WriteAllText(file, Header + "\nA,2025-07-01T00:00:00Z,40,-110,1000,295.2,40,0,0,2\n");
        var e = Assert.Throws<DataFormatException>(() => FuelCsv.ReadWeather(file));
        Assert.Contains("kelvin", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Humidity_given_as_a_fraction_is_rejected()
    {
        string file = Path.Combine(_dir, "weather.csv");
        var start = new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        var lines = Enumerable.Range(0, 30).Select(h => $"A,{start.AddHours(h):yyyy-MM-dd'T'HH:mm:ss'Z'},40,-110,1000,20,0.4,0,0,2");
        File.WriteAllText(file, Header + "\n" + string.Join("\n", lines) + "\n");
        var e = Assert.Throws<DataFormatException>(() => FuelCsv.ReadWeather(file));
        Assert.Equal("rh_pct", e.Column);
        Assert.Contains("fraction", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("B,2025-07-01T01:00:00Z,10", "station")]
    [InlineData("A,2025-07-03T01:00:00Z,10", "time")]
    [InlineData("A,2025-07-01T01:00:00Z,400", "moisture_pct")]
    [InlineData("A,2025-07-01T01:00:00Z,10\nA,2025-07-01T01:00:00Z,11", "time")]
    public void Bad_observation_rows_name_the_file_row_and_column(string body, string column)
    {
        string wf = Path.Combine(_dir, "weather.csv");
        File.WriteAllText(wf, Header + "\nA,2025-07-01T00:00:00Z,40,-110,1000,20,40,0,0,2\nA,2025-07-01T01:00:00Z,40,-110,1000,20,40,0,0,2\n");
        var stations = FuelCsv.ReadWeather(wf);
        string of = Path.Combine(_dir, "obs_1h.csv");
        File.WriteAllText(of, "station,time,moisture_pct\n" + body + "\n");
        var e = Assert.Throws<DataFormatException>(() => FuelCsv.ReadObservations(of, stations));
        Assert.Equal(of, e.File);
        Assert.Equal(body.Split('\n').Length + 1, e.Row);
        Assert.Equal(column, e.Column);
    }

    [Fact]
    public void Temperatures_in_a_temp_k_column_load_as_the_same_weather_as_in_celsius()
    {
        string c = Path.Combine(_dir, "c.csv"), k = Path.Combine(_dir, "k.csv");
        File.WriteAllText(c, Header + "\nA,2025-07-01T00:00:00Z,40,-110,1000,21.5,40,0,0,2\n");
        File.WriteAllText(k, Header.Replace("temp_c", "temp_k", StringComparison.Ordinal) + "\nA,2025-07-01T00:00:00Z,40,-110,1000,294.65,40,0,0,2\n");
        Assert.Equal(FuelCsv.ReadWeather(c)[0].TemperatureK[0], FuelCsv.ReadWeather(k)[0].TemperatureK[0], 9);

        File.WriteAllText(k, Header + ",temp_k\nA,2025-07-01T00:00:00Z,40,-110,1000,21.5,40,0,0,2,294.65\n");
        var e = Assert.Throws<DataFormatException>(() => FuelCsv.ReadWeather(k));
        Assert.Equal((1, "temp_k"), (e.Row, e.Column));
        File.WriteAllText(k, Header.Replace("temp_c,", "", StringComparison.Ordinal) + "\nA,2025-07-01T00:00:00Z,40,-110,1000,40,0,0,2\n");
        e = Assert.Throws<DataFormatException>(() => FuelCsv.ReadWeather(k));
        Assert.Equal((1, "temp_c"), (e.Row, e.Column));
        Assert.Contains("temp_k", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Humidity_slightly_above_100_is_clipped_with_a_warning_or_an_error_by_policy()
    {
        string file = Path.Combine(_dir, "weather.csv");
        File.WriteAllText(file, Header + "\nA,2025-07-01T00:00:00Z,40,-110,1000,20,40,0,0,2\nA,2025-07-01T01:00:00Z,40,-110,1000,20,102.5,1,0,2\n");
        var warnings = new List<string>();
        Assert.Equal(100, FuelCsv.ReadWeather(file, null, warnings)[0].RelativeHumidity[1]);
        Assert.Contains("row 3", Assert.Single(warnings), StringComparison.Ordinal);

        var e = Assert.Throws<DataFormatException>(() => FuelCsv.ReadWeather(file, new FuelCsvOptions(HumidityAbove100: HumidityAbove100Policy.Error)));
        Assert.Equal((3, "rh_pct"), (e.Row, e.Column));
        Assert.Contains("rh_above_100: clip", e.Message, StringComparison.Ordinal);

        // Far above 100 % is not a wet sensor but a wrong column: an error even when clipping.
        File.WriteAllText(file, Header + "\nA,2025-07-01T00:00:00Z,40,-110,1000,20,115,0,0,2\n");
        Assert.Equal("rh_pct", Assert.Throws<DataFormatException>(() => FuelCsv.ReadWeather(file)).Column);
    }

    [Fact]
    public void Observation_times_off_the_hour_round_to_the_nearest_hour_with_a_warning_or_are_an_error_by_policy()
    {
        var stations = TwoHours(out string of);
        File.WriteAllText(of, "station,time,moisture_pct\nA,2025-07-01T00:37:00Z,10\n");
        var warnings = new List<string>();
        var ob = Assert.Single(FuelCsv.ReadObservations(of, stations, null, warnings));
        Assert.Equal(1, ob.Hour);
        Assert.Contains("rounded", Assert.Single(warnings), StringComparison.Ordinal);
        File.WriteAllText(of, "station,time,moisture_pct\nA,2025-07-01T00:29:59Z,10\n");
        Assert.Equal(0, Assert.Single(FuelCsv.ReadObservations(of, stations)).Hour);

        File.WriteAllText(of, "station,time,moisture_pct\nA,2025-07-01T00:37:00Z,10\n");
        var e = Assert.Throws<DataFormatException>(() => FuelCsv.ReadObservations(of, stations, new FuelCsvOptions(ObservationTimePolicy.Error)));
        Assert.Equal((2, "time"), (e.Row, e.Column));
        Assert.Contains("observation_time: nearest-hour", e.Message, StringComparison.Ordinal);

        // Two weighings that round to the same hour are duplicates, and the message says both rows.
        File.WriteAllText(of, "station,time,moisture_pct\nA,2025-07-01T00:50:00Z,10\nA,2025-07-01T01:10:00Z,11\n");
        e = Assert.Throws<DataFormatException>(() => FuelCsv.ReadObservations(of, stations));
        Assert.Equal((3, "time"), (e.Row, e.Column));
        Assert.Contains("row 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_percent_weighings_are_kept_with_a_warning_naming_their_rows()
    {
        var stations = TwoHours(out string of);
        File.WriteAllText(of, "station,time,moisture_pct\nA,2025-07-01T00:00:00Z,12\nA,2025-07-01T01:00:00Z,0.0\n");
        var warnings = new List<string>();
        Assert.Equal(0.0, FuelCsv.ReadObservations(of, stations, null, warnings)[1].Value);
        string w = Assert.Single(warnings);
        Assert.Contains("0.0 %", w, StringComparison.Ordinal);
        Assert.Contains("row(s) 3", w, StringComparison.Ordinal);
        Assert.Contains(of, w, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_fields_and_a_byte_order_mark_are_read_by_the_shared_csv_reader()
    {
        string file = Path.Combine(_dir, "weather.csv");
        File.WriteAllText(file, "\uFEFF" + Header + "\r\n\"A\",2025-07-01T00:00:00Z,40,-110,1000,20,40,0,0,2\r\n", new System.Text.UTF8Encoding(false));
        Assert.Equal("A", Assert.Single(FuelCsv.ReadWeather(file)).Station.Id);
    }

    private List<HourlyWeather> TwoHours(out string observationFile)
    {
        string wf = Path.Combine(_dir, "weather.csv");
        File.WriteAllText(wf, Header + "\nA,2025-07-01T00:00:00Z,40,-110,1000,20,40,0,0,2\nA,2025-07-01T01:00:00Z,40,-110,1000,20,40,0,0,2\n");
        observationFile = Path.Combine(_dir, "obs_1h.csv");
        return FuelCsv.ReadWeather(wf);
    }
}
