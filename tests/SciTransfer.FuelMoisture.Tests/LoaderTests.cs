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
}
