using System.Globalization;
using System.Text.Json;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Data;
using SciTransfer.FuelMoisture.Physics;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.FuelMoisture.Tests;

public sealed class RealDataTests : IDisposable
{
    private const string Small = "\"hidden\": 8, \"source_epochs\": 2, \"source_windows_per_epoch\": 64, \"fine_tune_epochs\": 5, \"scratch_epochs\": 5, \"grid_points\": 3, \"warp_iterations\": 3";

    private static readonly string Example = Path.Combine(RepositoryRoot(), "datasets", "fuel-moisture");

    private readonly string _dir = Directory.CreateTempSubdirectory("fm-real-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_example_loads_into_a_scenario_whose_observation_counts_equal_the_files_rows()
    {
        var settings = new ProblemSettings();
        var named = Problem(100, $$"""{ "data_dir": {{Json(Example)}}, "source_station_ids": ["EX1", "EX2"], "pool_station_ids": ["EX1"], "test_station_ids": ["EX2"] }""");
        var s = ((FuelMoistureInstance)named.Create(new ProblemContext(0, new SeedTree(1), settings))).Scenario;
        int rows10 = DataRows("observations_10h.csv"), rows100 = DataRows("observations_100h.csv");
        Assert.Equal(rows10, s.SourceTrain.Sum(q => q.W.Count(w => w > 0)));
        Assert.Equal(rows100, s.Pool.Count + s.Test.Count);
        Assert.Equal(DataRows("observations_100h.csv", "EX2"), s.Test.Count);
        Assert.Equal(14 * 24, s.TargetLength);

        // Seeded split: one pool and one test station (disjoint), every row still used.
        var seeded = Problem(100, $$"""{ "data_dir": {{Json(Example)}} }""");
        for (int repeat = 0; repeat < 3; repeat++)
        {
            var r = ((FuelMoistureInstance)seeded.Create(new ProblemContext(repeat, new SeedTree(7).Child(repeat), settings))).Scenario;
            Assert.Equal(rows100, r.Pool.Count + r.Test.Count);
            Assert.Single(r.TestWeather);
            // Source = the stations with 10-h data that are not test stations.
            Assert.Equal(DataRows("observations_10h.csv") - DataRows("observations_10h.csv", r.TestWeather[0].Station.Id), r.SourceTrain.Sum(q => q.W.Count(w => w > 0)));
        }
    }

    [Fact]
    public void The_physics_strategy_scores_the_time_lag_model_against_the_test_station_rows_of_the_file()
    {
        var problem = Problem(1000, $$"""{ "data_dir": {{Json(Example)}}, "pool_station_ids": ["EX2"], "test_station_ids": ["EX1"] }""");
        var instance = problem.Create(new ProblemContext(0, new SeedTree(2), new ProblemSettings()));
        double rmse = instance.Run(new CellRequest(FuelMoistureStrategies.Physics, 0, Array.Empty<int>(), null, new SeedTree(3), null, default)).Values["rmse"];

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
        var settings = new ProblemSettings();
        foreach (int cls in new[] { 1, 100 })
        {
            var problem = Problem(cls, $$"""{ "data_dir": {{Json(Example)}}, "source_station_ids": ["EX1"], "pool_station_ids": ["EX1"], "test_station_ids": ["EX2"], {{Small}} }""");
            var seeds = new SeedTree(11).Child(cls);
            var instance = problem.Create(new ProblemContext(0, seeds, settings));
            var source = instance.PretrainSource(new SourceRequest(seeds.Child("source"), null, default));
            var permutation = seeds.Child("subset").CreateRng().Permutation(instance.TargetPoolSize);
            foreach (string strategy in problem.Strategies)
            {
                var result = instance.Run(new CellRequest(strategy, 4, permutation.AsMemory(0, 4), source, seeds.Child(strategy), null, default));
                Assert.Equal(problem.Metrics.Select(m => m.Name), result.Values.Keys);
                Assert.All(result.Values, kv => Assert.True(double.IsFinite(kv.Value), $"{cls} h {strategy} {kv.Key} = {kv.Value}"));
            }
        }
    }

    [Fact]
    public void A_missing_station_or_file_is_a_config_error_naming_the_option()
    {
        var e = Assert.Throws<ConfigException>(() => Problem(100, $$"""{ "data_dir": {{Json(Example)}}, "pool_station_ids": ["EX1"], "test_station_ids": ["EX9"] }"""));
        Assert.Equal("$.problems[0].options.test_station_ids", e.JsonPath);
        Assert.Contains("EX9", e.Message, StringComparison.Ordinal);

        File.Copy(Path.Combine(Example, "weather.csv"), Path.Combine(_dir, "weather.csv"));
        File.Copy(Path.Combine(Example, "observations_10h.csv"), Path.Combine(_dir, "observations_10h.csv"));
        e = Assert.Throws<ConfigException>(() => Problem(100, $$"""{ "data_dir": {{Json(_dir)}} }"""));
        Assert.Equal("$.problems[0].options.data_dir", e.JsonPath);
        Assert.Contains("observations_100h.csv", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ConfigException>(() => Problem(100, """{ "data_dir": "no/such/folder" }"""));
        Assert.Equal("$.problems[0].options.data_dir", e.JsonPath);

        // A generator option would be silently ignored with data_dir, so it is rejected.
        e = Assert.Throws<ConfigException>(() => Problem(100, $$"""{ "data_dir": {{Json(Example)}}, "source_stations": 4 }"""));
        Assert.Equal("$.problems[0].options.source_stations", e.JsonPath);
    }

    [Fact]
    public void A_relative_data_dir_resolves_from_the_config_files_folder_or_its_parents()
    {
        string data = Path.Combine(_dir, "mydata");
        Directory.CreateDirectory(data);
        foreach (string f in new[] { "weather.csv", "observations_10h.csv", "observations_100h.csv" })
        {
            File.Copy(Path.Combine(Example, f), Path.Combine(data, f));
        }

        string configDir = Path.Combine(_dir, "experiments");
        Directory.CreateDirectory(configDir);
        using var doc = JsonDocument.Parse("""{ "data_dir": "mydata" }""");
        var reader = new OptionsReader(Path.Combine(configDir, "study.json"), "$.problems[0].options", doc.RootElement);
        var problem = Assert.IsType<FuelMoistureProblem>(new FuelMoistureProblemFactory(100).Create(reader, new ProblemSettings()));
        Assert.Equal(Path.GetFullPath(data), Path.GetFullPath(problem.RealData!.Directory));
    }

    [Fact]
    public void A_bad_row_in_a_data_file_is_a_data_format_error()
    {
        File.Copy(Path.Combine(Example, "weather.csv"), Path.Combine(_dir, "weather.csv"));
        File.Copy(Path.Combine(Example, "observations_10h.csv"), Path.Combine(_dir, "observations_10h.csv"));
        var lines = File.ReadAllLines(Path.Combine(Example, "observations_100h.csv"));
        lines[3] = lines[3][..lines[3].LastIndexOf(',')] + ",wet";
        File.WriteAllLines(Path.Combine(_dir, "observations_100h.csv"), lines);
        var e = Assert.Throws<DataFormatException>(() => Problem(100, $$"""{ "data_dir": {{Json(_dir)}} }"""));
        Assert.Equal(4, e.Row);
        Assert.Equal("moisture_pct", e.Column);
    }

    private static ITransferProblem Problem(int cls, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var reader = new OptionsReader(Path.Combine(Path.GetTempPath(), "study.json"), "$.problems[0].options", doc.RootElement.Clone());
        var problem = new FuelMoistureProblemFactory(cls).Create(reader, new ProblemSettings());
        reader.EnsureAllKeysUsed();
        return problem;
    }

    private static string Json(string s) => JsonSerializer.Serialize(s);

    private static int DataRows(string file, string? station = null) =>
        File.ReadLines(Path.Combine(Example, file)).Skip(1).Count(l => l.Length > 0 && (station is null || l.StartsWith(station + ",", StringComparison.Ordinal)));

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SciTransfer.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("SciTransfer.sln not found above " + AppContext.BaseDirectory);
    }
}
