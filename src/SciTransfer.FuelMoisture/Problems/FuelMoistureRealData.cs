using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Data;
using SciTransfer.FuelMoisture.Physics;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>
/// A user's data for one fuel-moisture problem (option "data_dir"): the weather, the 10-h observations and
/// the target class's observations, the station roles named in the options (or null where a seeded split
/// per repeat chooses them) and the target window, the hours that every candidate target station's weather
/// covers. Read-only after <see cref="Load"/>; shared by all repeats.
/// </summary>
public sealed class FuelMoistureRealData
{
    /// <summary>Generator-only options, rejected with data_dir because they would be silently ignored.</summary>
    public static IReadOnlyList<string> GeneratorOptions { get; } =
    [
        "spin_up_days", "source_stations", "validation_stations", "source_days", "target_stations", "test_stations",
        "observation_days", "lead_in_days", "sensor_noise", "weighing_noise", "weighing_relative_noise",
    ];

    /// <summary>Station-role options, valid only with data_dir.</summary>
    public static IReadOnlyList<string> StationOptions { get; } =
        ["source_station_ids", "validation_station_ids", "pool_station_ids", "test_station_ids"];

    private FuelMoistureRealData()
    {
    }

    /// <summary>The folder the files were read from (resolved).</summary>
    public required string Directory { get; init; }

    /// <summary>Weather and observations (keys 10 and the target class).</summary>
    public required FuelDataSet Data { get; init; }

    /// <summary>Source (10-h) training stations, or null: every station with 10-h data except the repeat's test stations.</summary>
    public required int[]? Source { get; init; }

    /// <summary>Source validation stations (early stopping); empty = no early stopping.</summary>
    public required int[] Validation { get; init; }

    /// <summary>Pool stations, or null: the seeded split's.</summary>
    public required int[]? PoolStations { get; init; }

    /// <summary>Test stations, or null: the seeded split's.</summary>
    public required int[]? TestStations { get; init; }

    /// <summary>Start (UTC) of the target window.</summary>
    public required DateTime WindowStartUtc { get; init; }

    /// <summary>Hours in the target window.</summary>
    public required int WindowHours { get; init; }

    /// <summary>Builds the error that names option <c>data_dir</c> (for problems found while a repeat is built).</summary>
    public required Func<string, ConfigException> DataDirError { get; init; }

    /// <summary>
    /// Resolves "data_dir" (absolute; else relative to the config file's folder or the first of its
    /// parents where it exists; else likewise from the working directory), loads weather.csv, observations_10h.csv and observations_{class}.csv, and checks the
    /// station options. Missing files and unknown stations throw <see cref="ConfigException"/> naming the
    /// option; bad rows throw the loaders' <see cref="DataFormatException"/>.
    /// </summary>
    public static FuelMoistureRealData Load(OptionsReader options, int targetClassHours)
    {
        ArgumentNullException.ThrowIfNull(options);
        string option = options.GetString("data_dir");
        string dir = ResolveDirectory(option, options.File)
            ?? throw options.Error("data_dir", $"folder '{option}' not found (looked relative to the config file's folder and its parents, then the working directory and its parents)");
        string cls = FuelClass.Name(targetClassHours);
        string weatherFile = Path.Combine(dir, "weather.csv");
        string sourceFile = Path.Combine(dir, "observations_10h.csv");
        string targetFile = Path.Combine(dir, $"observations_{cls}.csv");
        foreach (string f in new[] { weatherFile, sourceFile, targetFile })
        {
            if (!File.Exists(f))
            {
                throw options.Error("data_dir", $"{Path.GetFileName(f)} not found in {dir} (a real-data folder holds weather.csv, observations_10h.csv and observations_{cls}.csv)");
            }
        }

        var data = FuelCsv.Load(weatherFile, new Dictionary<int, string> { [10] = sourceFile, [targetClassHours] = targetFile });
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < data.Stations.Count; i++)
        {
            index[data.Stations[i].Station.Id] = i;
        }

        var withSource = data.Observations[10].Select(o => o.Station).ToHashSet();
        var withTarget = data.Observations[targetClassHours].Select(o => o.Station).ToHashSet();

        int[]? Stations(string key, HashSet<int>? mustHave, string what)
        {
            if (!options.Has(key))
            {
                options.GetStringArray(key, []);
                return null;
            }

            string[] ids = options.GetStringArray(key, []);
            if (ids.Length == 0)
            {
                throw options.Error(key, "empty list; name at least one station or leave the option out");
            }

            var result = new List<int>();
            foreach (string id in ids)
            {
                if (!index.TryGetValue(id, out int s))
                {
                    throw options.Error(key, $"station '{id}' is not in {weatherFile} (stations: {string.Join(", ", data.Stations.Select(w => w.Station.Id))})");
                }

                if (mustHave is not null && !mustHave.Contains(s))
                {
                    throw options.Error(key, $"station '{id}' has no rows in {what}");
                }

                if (result.Contains(s))
                {
                    throw options.Error(key, $"station '{id}' is listed twice");
                }

                result.Add(s);
            }

            return [.. result];
        }

        var source = Stations("source_station_ids", withSource, sourceFile);
        var validation = Stations("validation_station_ids", withSource, sourceFile) ?? [];
        var pool = Stations("pool_station_ids", withTarget, targetFile);
        var test = Stations("test_station_ids", withTarget, targetFile);
        if ((pool is null) != (test is null))
        {
            throw options.Error(pool is null ? "pool_station_ids" : "test_station_ids", "name both pool_station_ids and test_station_ids, or neither (then a seeded split per repeat chooses them)");
        }

        if (pool is not null && test is not null && pool.Intersect(test).Any())
        {
            throw options.Error("test_station_ids", "a station is both a pool and a test station; the test stations must be held out");
        }

        if (source is not null && source.Intersect(validation).Any())
        {
            throw options.Error("validation_station_ids", "a station is both a source training and a validation station");
        }

        if (pool is null && withTarget.Count < 2)
        {
            throw options.Error("data_dir", $"{targetFile} has observations at {withTarget.Count} station(s); the seeded split needs at least 2 (one pool, one test)");
        }

        // The target window: the hours that every candidate target station's weather covers.
        var candidates = pool is not null && test is not null ? pool.Concat(test).ToArray() : [.. withTarget.Order()];
        DateTime from = candidates.Max(s => data.Stations[s].StartUtc);
        DateTime to = candidates.Min(s => data.Stations[s].TimeOf(data.Stations[s].Length));
        if (to <= from)
        {
            throw options.Error(pool is null ? "data_dir" : "test_station_ids", "the pool and test stations' weather records do not overlap in time; the target stations need a common period");
        }

        return new FuelMoistureRealData
        {
            Directory = dir,
            Data = data,
            Source = source,
            Validation = validation,
            PoolStations = pool,
            TestStations = test,
            WindowStartUtc = from,
            WindowHours = (int)Math.Round((to - from).TotalHours),
            DataDirError = problem => options.Error("data_dir", problem),
        };
    }

    /// <summary>
    /// The station roles of one repeat: those named in the options, else a seeded split of the stations
    /// with target observations (a third, at least one, are test stations; the rest form the pool) with
    /// every other station that has 10-h data as a source station.
    /// </summary>
    public (int[] Source, int[] Validation, int[] Pool, int[] Test) Split(SeedTree seeds, int targetClassHours)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        int[] pool, test;
        if (PoolStations is not null && TestStations is not null)
        {
            pool = PoolStations;
            test = TestStations;
        }
        else
        {
            int[] candidates = [.. Data.Observations[targetClassHours].Select(o => o.Station).Distinct().Order()];
            seeds.Child("split").CreateRng().Shuffle(candidates.AsSpan());

            int nTest = Math.Max(1, candidates.Length / 3);
            test = [.. candidates.Take(nTest).Order()];
            pool = [.. candidates.Skip(nTest).Order()];
        }

        int[] source = Source ?? [.. Data.Observations[10].Select(o => o.Station).Distinct().Where(s => !test.Contains(s) && !Validation.Contains(s)).Order()];
        if (source.Length == 0)
        {
            throw DataDirError("no source station is left: every station with 10-h observations is a test or validation station in this repeat; name source_station_ids");
        }

        return (source, Validation, pool, test);
    }

    private static string? ResolveDirectory(string option, string configFile)
    {
        if (Path.IsPathRooted(option))
        {
            return System.IO.Directory.Exists(option) ? option : null;
        }

        // The config file's folder and its parents first (a config in experiments/ finds datasets/...
        // at the repository root from any working directory), then the working directory and its parents.
        string? configDir = Path.GetDirectoryName(Path.GetFullPath(configFile));
        foreach (string? start in new[] { configDir, System.IO.Directory.GetCurrentDirectory() })
        {
            for (var d = start is null ? null : new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                string p = Path.Combine(d.FullName, option);
                if (System.IO.Directory.Exists(p))
                {
                    return p;
                }
            }
        }

        return null;
    }
}
