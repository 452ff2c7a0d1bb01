using System.Globalization;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Data;
using SciTransfer.FuelMoisture.Physics;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Errors;

namespace SciTransfer.FuelMoisture.Problems;

/// <summary>
/// A user's data for one fuel-moisture problem (the entry's <c>"data"</c> block): the weather, the 10-h source
/// observations and the target class's observations, the split that decides which stations (group split) or which
/// hours (time split) form the target pool and the test set, and the target window, the hours that every candidate
/// target station's weather covers. Read-only after <see cref="Load"/>; shared by all repeats.
/// </summary>
internal sealed class FuelMoistureRealData
{
    /// <summary>File key of the hourly weather.</summary>
    public const string WeatherFile = "weather";

    /// <summary>File key of the 10-h source observations.</summary>
    public const string SourceFile = "source_observations";

    /// <summary>File key of the target class's observations.</summary>
    public const string TargetFile = "target_observations";

    private readonly List<FuelObservation> _targetRows;
    private readonly List<SplitRecord> _records;
    private StationRoles? _fixed;

    private FuelMoistureRealData(DataBlock block, FuelDataSet data, int targetClassHours, int[]? sourceIds, List<FuelObservation> targetRows, List<SplitRecord> records)
    {
        Block = block;
        Data = data;
        TargetClassHours = targetClassHours;
        SourceIds = sourceIds;
        _targetRows = targetRows;
        _records = records;
    }

    /// <summary>The resolved data block (files and split).</summary>
    public DataBlock Block { get; }

    /// <summary>Weather and observations (keys 10 and the target class).</summary>
    public FuelDataSet Data { get; }

    /// <summary>Target class time lag, hours.</summary>
    public int TargetClassHours { get; }

    /// <summary>Source stations named by option source_station_ids, or null: the default of <see cref="Roles"/>.</summary>
    public int[]? SourceIds { get; }

    /// <summary>Start (UTC) of the target window.</summary>
    public DateTime WindowStartUtc { get; private set; }

    /// <summary>Hours in the target window.</summary>
    public int WindowHours { get; private set; }

    /// <summary>Target observations in the pool (inside the window) when the split does not depend on the repeat; null for a drawn split.</summary>
    public int? FixedPoolSize { get; private set; }

    /// <summary>Warnings of the loaders (clipped humidity, rounded times, 0.0 % observations), for run.json and the report.</summary>
    public IReadOnlyList<string> Warnings => Data.Warnings ?? [];

    /// <summary>The file the target rows come from (the 10-h file itself for the 10-h problem).</summary>
    public string TargetFileName => Block.File(TargetClassHours == 10 ? SourceFile : TargetFile);

    /// <summary>The time split, or null for a group split.</summary>
    public TimeSplit? Time => Block.Split as TimeSplit;

    /// <summary>What a problem reads: the three files (two for the 10-h problem, whose target is its source file) and a group (by station) or time split.</summary>
    public static DataSpec Spec(int targetClassHours)
    {
        string cls = FuelClass.Name(targetClassHours);
        List<DataFileSpec> files =
        [
            new DataFileSpec(WeatherFile, "hourly weather: station,time,lat,lon,elevation_m,temp_c (or temp_k),rh_pct,rain_mm_h,solar_w_m2,wind_m_s (UTC, continuous)"),
            new DataFileSpec(SourceFile, targetClassHours == 10
                ? "10-h fuel moisture observations, the source and the target: station,time,moisture_pct"
                : "10-h fuel moisture observations (the source): station,time,moisture_pct"),
        ];
        if (targetClassHours != 10)
        {
            files.Add(new DataFileSpec(TargetFile, $"{cls} fuel moisture observations (the target): station,time,moisture_pct"));
        }

        return new DataSpec(
            files,
            [SplitKind.Group, SplitKind.Time],
            SplitRequired: true,
            Doc: "group split by \"station\": test (and pool) stations named or drawn per repeat, validation stations early-stop the source network; "
                + "time split: pool (training), validation and test are date ranges at every station (one station is enough): the source network trains on the pool range's 10-h rows, early-stops on the validation range's");
    }

    /// <summary>
    /// Loads the files of <paramref name="block"/> and checks the split against them (unknown or misplaced stations,
    /// stations without the rows their role needs, target stations without a common period are config errors
    /// naming the split or option; bad rows are the loaders' <see cref="DataFormatException"/>).
    /// </summary>
    /// <param name="block">The entry's data block (files resolved by the harness).</param>
    /// <param name="sourceStationIds">Option source_station_ids, or null.</param>
    /// <param name="sourceOptionError">Builds a config error naming option source_station_ids.</param>
    /// <param name="targetClassHours">Target class time lag, hours.</param>
    /// <param name="csv">How the loaders treat messy records (null: the defaults).</param>
    public static FuelMoistureRealData Load(DataBlock block, string[]? sourceStationIds, Func<string, ConfigException> sourceOptionError, int targetClassHours, FuelCsvOptions? csv = null)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(sourceOptionError);
        var split = block.Split ?? throw block.Error("split", "missing; give a group or time split");
        if (split is GroupSplit { Column: not "station" } g)
        {
            throw block.Error("split.column", $"fuel-moisture data are grouped by \"station\", not \"{g.Column}\"");
        }

        string weatherFile = block.File(WeatherFile), sourceFile = block.File(SourceFile);
        var files = new Dictionary<int, string> { [10] = sourceFile };
        if (targetClassHours != 10)
        {
            files[targetClassHours] = block.File(TargetFile);
        }

        var data = FuelCsv.Load(weatherFile, files, csv);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < data.Stations.Count; i++)
        {
            index[data.Stations[i].Station.Id] = i;
        }

        var withSource = data.Observations[10].Select(o => o.Station).ToHashSet();
        int[]? sourceIds = null;
        if (sourceStationIds is not null)
        {
            var ids = new List<int>();
            foreach (string id in sourceStationIds)
            {
                if (!index.TryGetValue(id, out int s))
                {
                    throw sourceOptionError($"station '{id}' is not in {weatherFile} (stations: {string.Join(", ", data.Stations.Select(w => w.Station.Id))})");
                }

                if (!withSource.Contains(s))
                {
                    throw sourceOptionError($"station '{id}' has no rows in {sourceFile}");
                }

                if (ids.Contains(s))
                {
                    throw sourceOptionError($"station '{id}' is listed twice");
                }

                ids.Add(s);
            }

            sourceIds = [.. ids];
        }

        // One record per target row (group = station, time = the row's hour); a named group split also sees the
        // stations that have only 10-h rows, so that they can be named as validation stations.
        var targetRows = data.Observations[targetClassHours].ToList();
        var records = targetRows.Select(o =>
        {
            var w = data.Stations[o.Station];
            var t = w.TimeOf(o.Hour);
            return new SplitRecord($"{w.Station.Id}@{t.ToString("yyyy-MM-dd'T'HH':00Z'", CultureInfo.InvariantCulture)}", w.Station.Id, t);
        }).ToList();
        if (split is GroupSplit { Test: not null })
        {
            var withTarget = targetRows.Select(o => o.Station).ToHashSet();
            records.AddRange(withSource.Where(s => !withTarget.Contains(s)).Order().Select(s => new SplitRecord(data.Stations[s].Station.Id, data.Stations[s].Station.Id)));
        }

        bool drawn = split is GroupSplit { Test: null };
        var real = new FuelMoistureRealData(block, data, targetClassHours, sourceIds, targetRows, records);

        // Roles once now, so a bad split fails before any repeat runs (a drawn split is checked with one draw).
        var roles = real.AssignRoles(new SeedTree(0), checkWindow: false);
        int[] candidates = drawn ? [.. targetRows.Select(o => o.Station).Distinct().Order()] : [.. roles.Pool.Concat(roles.Test).Distinct().Order()];
        DateTime from = candidates.Max(s => data.Stations[s].StartUtc);
        DateTime to = candidates.Min(s => data.Stations[s].TimeOf(data.Stations[s].Length));
        if (to <= from)
        {
            throw block.Error("split", "the pool and test stations' weather records do not overlap in time; the target stations need a common period");
        }

        real.WindowStartUtc = from;
        real.WindowHours = (int)Math.Round((to - from).TotalHours);
        if (drawn)
        {
            return real;
        }

        int poolSize = real.InWindow(roles.Pool, roles.PoolRows).Count;
        if (poolSize == 0 || real.InWindow(roles.Test, roles.TestRows).Count == 0)
        {
            throw block.Error("split", $"no {FuelClass.Name(targetClassHours)} observations in the {(poolSize == 0 ? "pool" : "test set")} inside the target window {real.WindowStartUtc:yyyy-MM-dd'T'HH}Z + {real.WindowHours} h");
        }

        if (split is TimeSplit time && !data.Observations[10].Any(ob => roles.Source.Contains(ob.Station) && time.Pool.Contains(data.Stations[ob.Station].TimeOf(ob.Hour))))
        {
            throw block.Error("split.pool", $"no 10-h observations of the source stations in the pool range {time.Pool}: the source network trains on the 10-h rows of the pool (training) period");
        }

        // A named or time split does not depend on the repeat: keep its roles.
        real._fixed = roles;
        real.FixedPoolSize = poolSize;
        return real;
    }

    /// <summary>
    /// The station roles of one repeat. Group split: the named stations (test; pool, or every other station with
    /// target rows; validation), or a draw from <paramref name="dataSeeds"/> (child "group-split") among the stations
    /// with target rows. Time split: every target station, its rows in the pool range form the pool and those in the
    /// test range the test set. Source: option source_station_ids, else every station with 10-h rows except the
    /// validation stations and the stations a group split holds out for testing.
    /// </summary>
    public StationRoles Roles(SeedTree dataSeeds) => _fixed ?? AssignRoles(dataSeeds, checkWindow: true);

    /// <summary>
    /// Observations re-indexed for the scenario: station = position in <paramref name="ids"/>, hour = index in the
    /// target window; rows outside the window are left out; ordered by station, then hour.
    /// </summary>
    public List<FuelObservation> InWindow(int[] ids, IReadOnlyList<FuelObservation> rows)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(rows);
        var list = new List<FuelObservation>();
        for (int k = 0; k < ids.Length; k++)
        {
            int off = Offset(ids[k]);
            foreach (var ob in rows)
            {
                int hour = ob.Hour - off;
                if (ob.Station == ids[k] && hour >= 0 && hour < WindowHours)
                {
                    list.Add(new FuelObservation(k, hour, ob.Value));
                }
            }
        }

        return [.. list.OrderBy(ob => ob.Station).ThenBy(ob => ob.Hour)];
    }

    /// <summary>Hour of the target window's start in station <paramref name="station"/>'s weather.</summary>
    public int Offset(int station) => (int)Math.Round((WindowStartUtc - Data.Stations[station].StartUtc).TotalHours);

    private StationRoles AssignRoles(SeedTree dataSeeds, bool checkWindow)
    {
        var split = Block.Split!;
        var roles = split.Assign(_records, dataSeeds);
        var stations = Data.Stations;
        var withSource = Data.Observations[10].Select(o => o.Station).ToHashSet();
        var withTarget = _targetRows.Select(o => o.Station).ToHashSet();
        var poolRows = new List<FuelObservation>();
        var testRows = new List<FuelObservation>();
        for (int i = 0; i < _targetRows.Count; i++)
        {
            if (roles[i] == SplitRole.Pool)
            {
                poolRows.Add(_targetRows[i]);
            }
            else if (roles[i] == SplitRole.Test)
            {
                testRows.Add(_targetRows[i]);
            }
        }

        int[] pool = [.. poolRows.Select(o => o.Station).Distinct().Order()];
        int[] test = [.. testRows.Select(o => o.Station).Distinct().Order()];
        int[] validation = [];
        int[] heldOut = [];
        var index = stations.Select((w, i) => (w.Station.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        if (split is GroupSplit g)
        {
            // Stations named for a role must have the rows that role uses.
            void Need(IReadOnlyList<string>? names, string key, HashSet<int> with, string file)
            {
                foreach (string id in names ?? [])
                {
                    if (!with.Contains(index[id]))
                    {
                        throw Block.Error($"split.{key}", $"station '{id}' has no rows in {Block.File(file)}");
                    }
                }
            }

            Need(g.Test, "test", withTarget, TargetFile);
            Need(g.Pool, "pool", withTarget, TargetFile);
            Need(g.Validation, "validation", withSource, SourceFile);
            var validationStations = new SortedSet<int>();
            for (int i = 0; i < _records.Count; i++)
            {
                if (roles[i] == SplitRole.Validation && withSource.Contains(index[_records[i].Group!]))
                {
                    validationStations.Add(index[_records[i].Group!]);
                }
            }

            validation = [.. validationStations];
            heldOut = test;
        }

        if (SourceIds is not null && SourceIds.Intersect(validation).Any())
        {
            throw Block.Error("split.validation", "a station is both a source training station (source_station_ids) and a validation station");
        }

        int[] source = SourceIds ?? [.. withSource.Where(s => !heldOut.Contains(s) && !validation.Contains(s)).Order()];
        if (source.Length == 0)
        {
            throw Block.Error("split", "no source station is left: every station with 10-h observations is a test or validation station in this repeat; name source_station_ids in the options");
        }

        bool noPool = checkWindow && InWindow(pool, poolRows).Count == 0;
        if (noPool || (checkWindow && InWindow(test, testRows).Count == 0))
        {
            throw Block.Error("split", $"no {FuelClass.Name(TargetClassHours)} observations in the {(noPool ? "pool" : "test set")} inside the target window {WindowStartUtc:yyyy-MM-dd'T'HH}Z + {WindowHours} h");
        }

        return new StationRoles(source, validation, pool, test, poolRows, testRows);
    }
}

/// <summary>The stations of one repeat, as indices into the weather file's stations, and the target rows of pool and test.</summary>
/// <param name="Source">10-h source training stations.</param>
/// <param name="Validation">10-h stations that early-stop the source network (may be empty: no early stopping).</param>
/// <param name="Pool">Pool stations (target rows in the pool), ascending.</param>
/// <param name="Test">Test stations (target rows in the test set), ascending.</param>
/// <param name="PoolRows">Target rows in the pool (file indices).</param>
/// <param name="TestRows">Target rows in the test set (file indices).</param>
internal sealed record StationRoles(int[] Source, int[] Validation, int[] Pool, int[] Test, List<FuelObservation> PoolRows, List<FuelObservation> TestRows);
