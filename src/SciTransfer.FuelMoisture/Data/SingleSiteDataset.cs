using System.Globalization;
using System.Text;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Physics;
using SciTransfer.FuelMoisture.Weather;

namespace SciTransfer.FuelMoisture.Data;

/// <summary>
/// The generated single-site record shipped in datasets/fuel-moisture/single-site: one station placed at Slapout,
/// Oklahoma (the site of the published single-site evaluation), 120 days of hourly weather from
/// 2025-04-01T00:00Z after a hidden 250-day physics spin-up, hourly 10-h sensor readings and twice-daily weighings
/// of 1-h, 100-h and 1000-h sticks. It is written the way field records arrive, so the loaders' options show:
/// temperature in kelvin (<c>temp_k</c>), weighing times a few minutes off the hour (rounded by
/// <c>observation_time: nearest-hour</c>), and RH slightly above 100 % in some rain hours (clipped by
/// <c>rh_above_100: clip</c>). Nothing here is measured.
/// </summary>
public static class SingleSiteDataset
{
    /// <summary>Seed of the shipped files.</summary>
    public const ulong Seed = 19970326;

    /// <summary>Days of record shown.</summary>
    public const int Days = 120;

    /// <summary>First hour of the shown record.</summary>
    public static readonly DateTime StartUtc = new(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The station: Slapout, Oklahoma (36.60 N, 100.26 W, 776 m).</summary>
    public static StationInfo Station { get; } = new("SLAPOUT", 36.60, -100.26, 776);

    /// <summary>File names written by <see cref="Write"/>.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["weather.csv", "observations_1h.csv", "observations_10h.csv", "observations_100h.csv", "observations_1000h.csv"];

    /// <summary>Writes the record into <paramref name="directory"/> (created if needed).</summary>
    public static void Write(string directory, ulong seed = Seed)
    {
        Directory.CreateDirectory(directory);
        const int spin = 250 * 24, shown = Days * 24;
        var root = new SeedTree(seed).Child("single-site");
        var rng = root.Child("weather").CreateRng();
        var full = WeatherGenerator.Generate(Station, StartUtc.AddHours(-spin), spin + shown, rng);
        var weather = full.Slice(spin, shown);
        WriteWeather(Path.Combine(directory, "weather.csv"), weather, root.Child("humidity").CreateRng());
        foreach (int cls in FuelClass.All)
        {
            var truth = ObservationGenerator.TrueMoisture(full, TimeLagModel.ForClass(cls), EquilibriumMoisture.CanonicalDryingCoefficient);
            var obsRng = root.Child("observations").Child(cls).CreateRng();
            var list = cls == 10
                ? ObservationGenerator.Hourly(0, truth, spin, spin + shown, 0.5, 0.02, obsRng)
                : ObservationGenerator.Weighings(0, full, truth, spin, spin + shown, [8, 14], 0.3, 0.03, obsRng);

            // Sensors log on the hour; people weigh sticks at 08:xx and 14:xx, within 25 minutes of the hour.
            var minutes = root.Child("minutes").Child(cls).CreateRng();
            var sb = new StringBuilder("station,time,moisture_pct\n");
            foreach (var o in list)
            {
                int offset = cls == 10 ? 0 : (int)Math.Round(minutes.Uniform(-25, 25));
                var t = StartUtc.AddHours(o.Hour - spin).AddMinutes(offset);
                sb.Append(Station.Id).Append(',').Append(t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',')
                  .Append(o.Value.ToString("0.00", CultureInfo.InvariantCulture)).Append('\n');
            }

            File.WriteAllText(Path.Combine(directory, $"observations_{FuelClass.Name(cls)}.csv"), sb.ToString());
        }
    }

    /// <summary>The weather in kelvin; in rain hours at RH &gt;= 99.5 % a third of the readings show 100.5-103 % (a wet sensor).</summary>
    private static void WriteWeather(string file, HourlyWeather w, Rng rng)
    {
        var sb = new StringBuilder("station,time,lat,lon,elevation_m,temp_k,rh_pct,rain_mm_h,solar_w_m2,wind_m_s\n");
        var s = w.Station;
        for (int t = 0; t < w.Length; t++)
        {
            double rh = w.RelativeHumidity[t];
            if (w.Rain[t] > 0 && rh >= 99.5 && rng.Uniform(0, 1) < 1.0 / 3)
            {
                rh = rng.Uniform(100.5, 103);
            }

            sb.Append(string.Create(CultureInfo.InvariantCulture, $"{s.Id},{w.TimeOf(t):yyyy-MM-dd'T'HH:mm:ss'Z'},{s.Latitude},{s.Longitude},{s.ElevationMeters},{w.TemperatureK[t]:0.00},{rh:0.00},{w.Rain[t]:0.00},{w.Solar[t]:0.0},{w.Wind[t]:0.00}\n"));
        }

        File.WriteAllText(file, sb.ToString());
    }
}
