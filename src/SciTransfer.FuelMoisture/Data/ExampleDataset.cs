using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Physics;
using SciTransfer.FuelMoisture.Weather;

namespace SciTransfer.FuelMoisture.Data;

/// <summary>
/// The small generated example shipped in datasets/fuel-moisture: two stations, 14 days of hourly weather
/// (after a hidden 250-day physics spin-up), hourly 10-h sensor readings and twice-daily weighings of
/// 1-h, 100-h and 1000-h sticks, in the documented CSV formats.
/// </summary>
public static class ExampleDataset
{
    /// <summary>Seed of the shipped files.</summary>
    public const ulong Seed = 20261121;

    /// <summary>File names written by <see cref="Write"/>.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["weather.csv", "observations_1h.csv", "observations_10h.csv", "observations_100h.csv", "observations_1000h.csv"];

    /// <summary>Writes the example into <paramref name="directory"/> (created if needed).</summary>
    public static void Write(string directory, ulong seed = Seed)
    {
        Directory.CreateDirectory(directory);
        const int spin = 250 * 24, window = 14 * 24;
        var root = new SeedTree(seed).Child("example");
        DateTime start = new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-spin);
        var full = new List<HourlyWeather>();
        for (int i = 0; i < 2; i++)
        {
            var rng = root.Child("weather").Child(i).CreateRng();
            full.Add(WeatherGenerator.Generate(WeatherGenerator.RandomStation($"EX{i + 1}", rng), start, spin + window, rng));
        }

        var shown = full.Select(w => w.Slice(spin, window)).ToList();
        FuelCsv.WriteWeather(Path.Combine(directory, "weather.csv"), shown);
        foreach (int cls in FuelClass.All)
        {
            var obs = new List<FuelObservation>();
            for (int i = 0; i < full.Count; i++)
            {
                var truth = ObservationGenerator.TrueMoisture(full[i], TimeLagModel.ForClass(cls), EquilibriumMoisture.CanonicalDryingCoefficient);
                var rng = root.Child("observations").Child(cls).Child(i).CreateRng();
                var list = cls == 10
                    ? ObservationGenerator.Hourly(i, truth, spin, spin + window, 0.5, 0.02, rng)
                    : ObservationGenerator.Weighings(i, full[i], truth, spin, spin + window, [8, 14], 0.3, 0.03, rng);
                obs.AddRange(list.Select(o => o with { Hour = o.Hour - spin }));
            }

            FuelCsv.WriteObservations(Path.Combine(directory, $"observations_{FuelClass.Name(cls)}.csv"), shown, obs);
        }
    }
}
