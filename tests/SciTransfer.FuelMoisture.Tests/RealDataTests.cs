using System.Globalization;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Data;
using SciTransfer.FuelMoisture.Physics;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.FuelMoisture.Strategies;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using static SciTransfer.FuelMoisture.Tests.TestProblems;

namespace SciTransfer.FuelMoisture.Tests;

public sealed class RealDataTests : IDisposable
{
    private const string Small = "\"hidden\": 8, \"source_epochs\": 2, \"source_windows_per_epoch\": 64, \"fine_tune_epochs\": 5, \"scratch_epochs\": 5, \"grid_points\": 3, \"warp_iterations\": 3";

    private const string NamedSplit = """{ "kind": "group", "column": "station", "pool": ["EX1"], "test": ["EX2"] }""";

    private readonly string _dir = Directory.CreateTempSubdirectory("fm-real-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_named_group_split_loads_a_scenario_whose_observation_counts_equal_the_files_rows()
    {
        var named = Create(100, $$"""{ {{ExampleData(100, NamedSplit)}}, "options": { "source_station_ids": ["EX1", "EX2"] } }""");
        var s = Instance(named, new SeedTree(1)).Scenario;
        int rows10 = DataRows("observations_10h.csv"), rows100 = DataRows("observations_100h.csv");
        Assert.Equal(rows10, s.SourceTrain.Sum(q => q.W.Count(w => w > 0)));
        Assert.Equal(rows100, s.Pool.Count + s.Test.Count);
        Assert.Equal(DataRows("observations_100h.csv", "EX2"), s.Test.Count);
        Assert.Equal(14 * 24, s.TargetLength);

        // The pool is fixed by the named stations, so the problem knows its size before any repeat.
        Assert.Equal(DataRows("observations_100h.csv", "EX1"), named.MaxTargetSize);
        Assert.Equal(named.MaxTargetSize, s.Pool.Count);
    }

    [Fact]
    public void A_group_split_by_test_fraction_draws_disjoint_pool_and_test_stations_per_repeat()
    {
        var seeded = Create(100, $$"""{ {{ExampleData(100, """{ "kind": "group", "column": "station", "test_fraction": 0.5 }""")}} }""");
        Assert.Null(seeded.MaxTargetSize);
        int rows100 = DataRows("observations_100h.csv");
        var testStations = new HashSet<string>();
        for (int repeat = 0; repeat < 6; repeat++)
        {
            var r = Instance(seeded, new SeedTree(7).Child(repeat), repeat).Scenario;
            Assert.Equal(rows100, r.Pool.Count + r.Test.Count);
            string test = Assert.Single(r.TestWeather).Station.Id;
            testStations.Add(test);
            Assert.Equal(DataRows("observations_100h.csv", test), r.Test.Count);

            // Source = the stations with 10-h data that are not test stations.
            Assert.Equal(DataRows("observations_10h.csv") - DataRows("observations_10h.csv", test), r.SourceTrain.Sum(q => q.W.Count(w => w > 0)));
        }

        Assert.Equal(2, testStations.Count);
    }

    [Fact]
    public void A_time_split_puts_the_earlier_rows_of_every_station_in_the_pool_and_the_later_ones_in_the_test_set()
    {
        var problem = Create(100, $$"""{ {{ExampleData(100, """{ "kind": "time", "pool": ["2025-07-01", "2025-07-07"], "test": ["2025-07-08", "2025-07-14"] }""")}} }""");
        var s = Instance(problem, new SeedTree(1)).Scenario;
        Assert.Equal(DataRows("observations_100h.csv"), s.Pool.Count + s.Test.Count);
        Assert.Equal(2, s.TestWeather.Count);
        Assert.Equal(2, s.PoolInputs.Count);
        Assert.True(s.Pool.Max(o => o.Hour) < s.Test.Min(o => o.Hour));
        Assert.Equal(7 * 24, s.ObservationStart - (s.ObservationStart % 24));

        // No station is held out, but only the pool period's 10-h rows train the source network (the test week's do not).
        int poolRows10 = File.ReadLines(Path.Combine(Example, "observations_10h.csv")).Skip(1).Count(l => string.CompareOrdinal(l.Split(',')[1], "2025-07-08") < 0);
        Assert.True(poolRows10 > 0 && poolRows10 < DataRows("observations_10h.csv"));
        Assert.Equal(poolRows10, s.SourceTrain.Sum(q => q.W.Count(w => w > 0)));
        Assert.Empty(s.SourceValidation);
        Assert.Equal(s.Pool.Count, problem.MaxTargetSize);
    }

    [Fact]
    public void The_physics_strategy_scores_the_time_lag_model_against_the_test_station_rows_of_the_file()
    {
        var problem = Create(1000, $$"""{ {{ExampleData(1000, """{ "kind": "group", "column": "station", "pool": ["EX2"], "test": ["EX1"] }""")}} }""");
        var instance = Instance(problem, new SeedTree(2));
        double rmse = Run(problem, instance, FuelMoistureStrategies.Physics, 0, [], new SeedTree(3)).Values["rmse"];

        // Independent path: read the weather and the EX1 rows directly and index them by time.
        var weather = FuelCsv.ReadWeather(Path.Combine(Example, "weather.csv")).Single(w => w.Station.Id == "EX1");
        var model = ObservationGenerator.TrueMoisture(weather, TimeLagModel.ForClass(1000), EquilibriumMoisture.CanonicalDryingCoefficient);
        double s = 0;
        int n = 0;
        foreach (var line in File.ReadLines(Path.Combine(Example, "observations_1000h.csv")).Skip(1).Where(l => l.StartsWith("EX1,", StringComparison.Ordinal)))
        {
            var f = line.Split(',');
            var t = DateTime.Parse(f[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            double e = model[(int)(t - weather.StartUtc).TotalHours] - double.Parse(f[2], CultureInfo.InvariantCulture);
            s += e * e;
            n++;
        }

        Assert.True(n > 0);
        Assert.Equal(Math.Sqrt(s / n), rmse, 9);
    }

    [Fact]
    public void A_study_on_the_example_runs_every_strategy_and_returns_finite_metrics()
    {
        foreach (int cls in new[] { 1, 100 })
        {
            var problem = Create(cls, $$"""{ {{ExampleData(cls, NamedSplit)}}, "options": { "source_station_ids": ["EX1"], {{Small}} } }""");
            var seeds = new SeedTree(11).Child(cls);
            var instance = Instance(problem, seeds, source: true);
            var permutation = seeds.Child("subset").CreateRng().Permutation(instance.TargetPoolSize);
            foreach (var strategy in problem.Strategies)
            {
                var result = Run(problem, instance, strategy.Name, 4, permutation, seeds.Child(strategy.Name));
                Assert.Equal(problem.Metrics.Select(m => m.Name), result.Values.Keys);
                Assert.All(problem.Metrics.Where(m => !m.IsDiagnostic), m => Assert.True(double.IsFinite(result.Values[m.Name]), $"{cls} h {strategy.Name} {m.Name} = {result.Values[m.Name]}"));
                bool warps = strategy.Name is FuelMoistureStrategies.TimeWarp or FuelMoistureStrategies.TimeWarpGradient or FuelMoistureStrategies.TimeWarpFineTune or FuelMoistureStrategies.ChronoWarp;
                Assert.Equal(warps, double.IsFinite(result.Values[FuelMoistureMetrics.WarpForgetShift]));
                Assert.Equal(strategy.Name == FuelMoistureStrategies.Auto, double.IsFinite(result.Values[FuelMoistureMetrics.AutoChoice]));
            }
        }
    }

    [Fact]
    public void A_station_named_in_a_group_split_that_is_not_in_the_data_is_a_config_error_at_the_split()
    {
        var e = Assert.Throws<ConfigException>(() => Create(100, $$"""{ {{ExampleData(100, """{ "kind": "group", "column": "station", "pool": ["EX1"], "test": ["EX9"] }""")}} }"""));
        Assert.Equal("$.problems[0].data.split.test", e.JsonPath);
        Assert.Contains("EX9", e.Message, StringComparison.Ordinal);

        // A source station must have 10-h rows (and exist).
        e = Assert.Throws<ConfigException>(() => Create(100, $$"""{ {{ExampleData(100, NamedSplit)}}, "options": { "source_station_ids": ["EX7"] } }"""));
        Assert.Equal("$.problems[0].options.source_station_ids", e.JsonPath);
    }

    [Fact]
    public void A_test_fraction_split_of_a_single_target_station_is_a_config_error_at_the_split()
    {
        Copy("weather.csv", "observations_10h.csv");
        File.WriteAllLines(Path.Combine(_dir, "observations_100h.csv"), File.ReadLines(Path.Combine(Example, "observations_100h.csv")).Where(l => !l.StartsWith("EX2,", StringComparison.Ordinal)));
        var e = Assert.Throws<ConfigException>(() => Create(100, $$"""{ {{ExampleData(100, """{ "kind": "group", "column": "station", "test_fraction": 0.3 }""", _dir)}} }"""));
        Assert.StartsWith("$.problems[0].data.split", e.JsonPath, StringComparison.Ordinal);
        Assert.Contains("at least 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_or_a_generator_option_with_a_data_block_is_a_config_error_naming_its_path()
    {
        Copy("weather.csv", "observations_10h.csv");
        var e = Assert.Throws<ConfigException>(() => Create(100, $$"""{ {{ExampleData(100, NamedSplit, _dir)}} }"""));
        Assert.Equal("$.problems[0].data.files.target_observations", e.JsonPath);
        Assert.Contains("observations_100h.csv", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ConfigException>(() => Create(100, $$"""{ {{ExampleData(100, """{ "kind": "group", "column": "county", "test": ["EX2"] }""")}} }"""));
        Assert.Equal("$.problems[0].data.split.column", e.JsonPath);

        // A generator option would be silently ignored with a data block, so it is rejected.
        e = Assert.Throws<ConfigException>(() => Create(100, $$"""{ {{ExampleData(100, NamedSplit)}}, "options": { "source_stations": 4 } }"""));
        Assert.Equal("$.problems[0].options.source_stations", e.JsonPath);
    }

    [Fact]
    public void Relative_file_paths_resolve_from_the_config_files_folder()
    {
        string data = Path.Combine(_dir, "mydata");
        Directory.CreateDirectory(data);
        foreach (string f in new[] { "weather.csv", "observations_10h.csv", "observations_100h.csv" })
        {
            File.Copy(Path.Combine(Example, f), Path.Combine(data, f));
        }

        string config = Path.Combine(_dir, "study.json");
        File.WriteAllText(config, "{}");
        var problem = Assert.IsType<FuelMoistureProblem>(Create(
            100,
            $$"""{ "data": { "files": { "weather": "mydata/weather.csv", "source_observations": "mydata/observations_10h.csv", "target_observations": "mydata/observations_100h.csv" }, "split": {{NamedSplit}} } }""",
            configFile: config));
        Assert.Equal(Path.Combine(Path.GetFullPath(data), "weather.csv"), problem.RealData!.Block.File("weather"));
    }

    [Fact]
    public void The_example_study_config_loads_with_a_fixed_pool_of_the_example_stations_rows()
    {
        string config = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Example))!, "experiments", "fuel-moisture-example.json");
        var study = StudyConfigLoader.Load(config, new ProblemCatalog([new FuelMoistureModule()]), new ProblemSettings());
        var entry = Assert.Single(study.Problems);
        Assert.Equal(DataRows("observations_100h.csv", "EX1"), entry.Problem.MaxTargetSize);
        Assert.NotNull(entry.Data);
    }

    [Fact]
    public void A_bad_row_in_a_data_file_is_a_data_format_error()
    {
        Copy("weather.csv", "observations_10h.csv");
        var lines = File.ReadAllLines(Path.Combine(Example, "observations_100h.csv"));
        lines[3] = lines[3][..lines[3].LastIndexOf(',')] + ",wet";
        File.WriteAllLines(Path.Combine(_dir, "observations_100h.csv"), lines);
        var e = Assert.Throws<DataFormatException>(() => Create(100, $$"""{ {{ExampleData(100, NamedSplit, _dir)}} }"""));
        Assert.Equal(4, e.Row);
        Assert.Equal("moisture_pct", e.Column);
    }

    private void Copy(params string[] files)
    {
        foreach (string f in files)
        {
            File.Copy(Path.Combine(Example, f), Path.Combine(_dir, f));
        }
    }

    private static int DataRows(string file, string? station = null) =>
        File.ReadLines(Path.Combine(Example, file)).Skip(1).Count(l => l.Length > 0 && (station is null || l.StartsWith(station + ",", StringComparison.Ordinal)));
}
