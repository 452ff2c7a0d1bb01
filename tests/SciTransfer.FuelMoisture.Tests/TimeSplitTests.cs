using System.Globalization;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Data;
using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Physics;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.FuelMoisture.Strategies;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;
using static SciTransfer.FuelMoisture.Tests.TestProblems;

namespace SciTransfer.FuelMoisture.Tests;

/// <summary>The single-site time split on the shipped record (datasets/fuel-moisture/single-site).</summary>
public sealed class TimeSplitTests
{
    private const string Split = """{ "kind": "time", "pool": ["2025-04-01", "2025-05-31"], "validation": ["2025-06-01", "2025-06-14"], "test": ["2025-06-15", "2025-07-29"] }""";

    private const string Small = "\"hidden\": 8, \"source_epochs\": 2, \"source_windows_per_epoch\": 64, \"fine_tune_epochs\": 4, \"scratch_epochs\": 4, \"grid_points\": 3, \"warp_iterations\": 3";

    private static readonly DateTime PoolEnd = new(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime ValidationEnd = new(2025, 6, 15, 0, 0, 0, DateTimeKind.Utc);

    private static ITransferProblem Problem(int cls, string options = Small) => Create(cls, $$"""{ {{FolderData(cls, Split, SingleSite)}}, "options": { {{options}} } }""");

    /// <summary>(time rounded to the nearest hour, value) of every row of a shipped file, parsed here without the loader.</summary>
    private static List<(DateTime Time, double Value)> Rows(string file) =>
    [
        .. File.ReadLines(Path.Combine(SingleSite, file)).Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var f = l.Split(',');
            var t = DateTime.Parse(f[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            return (new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc).AddHours(t.Minute >= 30 ? 1 : 0), double.Parse(f[2], CultureInfo.InvariantCulture));
        }),
    ];

    [Fact]
    public void One_station_runs_as_one_sequence_whose_roles_are_masks_on_the_same_inputs()
    {
        var s = Instance(Problem(100), new SeedTree(1)).Scenario;
        var x = Assert.Single(s.SourceTrain).X;
        Assert.Same(x, Assert.Single(s.SourceValidation).X);
        Assert.Same(x, Assert.Single(s.PoolInputs));
        Assert.Same(x, Assert.Single(s.TestInputs));
        Assert.Equal(SingleSiteDataset.Days * 24, s.TargetLength);
        Assert.Equal(SingleSiteDataset.Days * 24 * Features.Count, x.Length);

        // Source rows: 10-h readings of the pool period train, those of the validation period early-stop, the test period's are unused.
        var rows10 = Rows("observations_10h.csv");
        Assert.Equal(rows10.Count(r => r.Time < PoolEnd), s.SourceTrain[0].W.Count(w => w > 0));
        Assert.Equal(rows10.Count(r => r.Time >= PoolEnd && r.Time < ValidationEnd), s.SourceValidation[0].W.Count(w => w > 0));
        Assert.All(Enumerable.Range(0, s.TargetLength), t => Assert.False(s.SourceTrain[0].W[t] > 0 && s.SourceValidation[0].W[t] > 0));

        // Target rows: weighings of the pool period form the pool, those of the test period the test set; validation-period weighings are unused.
        var rows100 = Rows("observations_100h.csv");
        Assert.Equal(rows100.Count(r => r.Time < PoolEnd), s.Pool.Count);
        Assert.Equal(rows100.Count(r => r.Time >= ValidationEnd), s.Test.Count);
        Assert.True(s.Pool.Max(o => o.Hour) < s.Test.Min(o => o.Hour));
    }

    [Fact]
    public void The_scaler_is_fitted_on_the_training_period_only()
    {
        var s = Instance(Problem(100), new SeedTree(1)).Scenario;
        var weather = Assert.Single(FuelCsv.ReadWeather(Path.Combine(SingleSite, "weather.csv")));
        int trainHours = (int)(PoolEnd - weather.StartUtc).TotalHours;
        var raw = Features.Build(weather, EquilibriumMoisture.CanonicalDryingCoefficient, 0, weather.Length);
        for (int j = 0; j < Features.Count; j++)
        {
            double train = Enumerable.Range(0, trainHours).Average(t => raw[(t * Features.Count) + j]);
            Assert.Equal(train, s.Scaler.Mean[j], 9);
        }

        // Ed over the whole record (summer included) has another mean, so a whole-record fit would fail the check above.
        double whole = Enumerable.Range(0, weather.Length).Average(t => raw[t * Features.Count]);
        Assert.True(Math.Abs(whole - s.Scaler.Mean[0]) > 0.1, $"whole-record Ed mean {whole} is too close to the training one {s.Scaler.Mean[0]} to tell them apart");
        Assert.Equal(Rows("observations_10h.csv").Where(r => r.Time < PoolEnd).Average(r => r.Value), s.Scaler.OutputMean, 9);
    }

    [Fact]
    public void Train_mean_on_the_whole_pool_predicts_the_pool_mean_to_the_last_digit_and_scores_its_test_rmse()
    {
        var problem = Problem(100);
        var instance = Instance(problem, new SeedTree(2));
        int n = instance.TargetPoolSize;
        var permutation = new SeedTree(3).CreateRng().Permutation(n);
        var strategy = problem.Strategies.Find(FuelMoistureStrategies.TrainMean)!;
        var result = strategy.Run(instance, new StrategyCell(n, permutation, new SeedTree(4), null, default));

        // The pool mean from the file's rows in file order (the pool holds them in that order).
        var rows = Rows("observations_100h.csv");
        double sum = 0;
        int count = 0;
        foreach (var r in rows.Where(r => r.Time < PoolEnd))
        {
            sum += r.Value;
            count++;
        }

        double poolMean = sum / count;
        var predictions = instance.TrainMeanPredictions(new StrategyCell(n, permutation, new SeedTree(4), null, default));
        Assert.All(predictions.SelectMany(p => p), v => Assert.Equal(poolMean, v));
        var test = rows.Where(r => r.Time >= ValidationEnd).ToList();
        Assert.Equal(Math.Sqrt(test.Average(r => (r.Value - poolMean) * (r.Value - poolMean))), result.Values["rmse"], 12);
    }

    [Fact]
    public void The_ten_hour_problem_targets_the_source_file_and_a_data_free_warp_of_ratio_one_is_the_source_network()
    {
        var problem = Problem(10);
        Assert.Equal("fuel-moisture/10h", problem.Name);
        var seeds = new SeedTree(5);
        var instance = Instance(problem, seeds, source: true);
        var rows10 = Rows("observations_10h.csv");
        Assert.Equal(rows10.Count(r => r.Time < PoolEnd), instance.TargetPoolSize);
        Assert.Equal(rows10.Count(r => r.Time >= ValidationEnd), instance.Scenario.Test.Count);
        var permutation = seeds.Child("subset").CreateRng().Permutation(instance.TargetPoolSize);
        var chrono = Run(problem, instance, FuelMoistureStrategies.ChronoWarp, 4, permutation, seeds.Child("c"));
        var source = Run(problem, instance, StrategyNames.SourceOnly, 4, permutation, seeds.Child("s"));
        Assert.Equal(0.0, chrono.Values[FuelMoistureMetrics.WarpForgetShift]);
        Assert.Equal(source.Values["rmse"], chrono.Values["rmse"]);
    }

    [Fact]
    public void Auto_with_too_few_observations_takes_chrono_warp_and_otherwise_scores_as_the_candidate_it_chose()
    {
        var problem = Problem(1000);
        var seeds = new SeedTree(6);
        var instance = Instance(problem, seeds, source: true);
        var permutation = seeds.Child("subset").CreateRng().Permutation(instance.TargetPoolSize);

        var few = Run(problem, instance, FuelMoistureStrategies.Auto, 3, permutation, seeds.Child("a3"));
        Assert.Equal(1, few.Values[FuelMoistureMetrics.AutoChoice]);
        Assert.Equal(Run(problem, instance, FuelMoistureStrategies.ChronoWarp, 3, permutation, seeds.Child("c3")).Values["rmse"], few.Values["rmse"]);

        var auto = Run(problem, instance, FuelMoistureStrategies.Auto, 16, permutation, seeds.Child("a16"));
        int choice = (int)auto.Values[FuelMoistureMetrics.AutoChoice];
        Assert.InRange(choice, 0, AutoStrategy.Candidates.Count - 1);
        var chosen = Run(problem, instance, AutoStrategy.Candidates[choice], 16, permutation, seeds.Child("a16"));
        Assert.Equal(chosen.Values["rmse"], auto.Values["rmse"], 12);
    }

    [Fact]
    public void A_rain_time_constant_in_hours_replaces_the_class_relative_one_in_the_physics_baseline()
    {
        var problem = Problem(100, Small + ", \"rain_time_constant_h\": 14");
        var instance = Instance(problem, new SeedTree(7));
        double rmse = Run(problem, instance, FuelMoistureStrategies.Physics, 0, [], new SeedTree(8)).Values["rmse"];

        var weather = Assert.Single(FuelCsv.ReadWeather(Path.Combine(SingleSite, "weather.csv")));
        var model = ObservationGenerator.TrueMoisture(weather, new TimeLagModel(100, 14), EquilibriumMoisture.CanonicalDryingCoefficient);
        var test = Rows("observations_100h.csv").Where(r => r.Time >= ValidationEnd).ToList();
        Assert.Equal(Math.Sqrt(test.Average(r => Math.Pow(model[(int)(r.Time - weather.StartUtc).TotalHours] - r.Value, 2))), rmse, 9);

        // The default (Tr = 1.4 T_k = 140 h) gives another error, so the option is not a no-op.
        double byFactor = Run(Problem(100), Instance(Problem(100), new SeedTree(7)), FuelMoistureStrategies.Physics, 0, [], new SeedTree(8)).Values["rmse"];
        Assert.NotEqual(byFactor, rmse);
    }

    [Fact]
    public void Both_rain_options_or_a_data_option_without_data_are_config_errors_naming_the_option()
    {
        var e = Assert.Throws<ConfigException>(() => Problem(100, Small + ", \"rain_time_constant_h\": 14, \"rain_factor\": 1.4"));
        Assert.Equal("$.problems[0].options.rain_time_constant_h", e.JsonPath);
        e = Assert.Throws<ConfigException>(() => Create(100, """{ "options": { "source_station_ids": ["SLAPOUT"] } }"""));
        Assert.Equal("$.problems[0].options.source_station_ids", e.JsonPath);
    }

    [Fact]
    public void Strict_policies_turn_the_messy_records_into_errors_naming_file_row_column_and_option()
    {
        var e = Assert.Throws<DataFormatException>(() => Problem(100, Small + ", \"observation_time\": \"error\""));
        Assert.EndsWith("observations_100h.csv", e.File, StringComparison.Ordinal);
        Assert.Equal(2, e.Row);
        Assert.Equal("time", e.Column);
        Assert.Contains("observation_time: nearest-hour", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<DataFormatException>(() => Problem(100, Small + ", \"rh_above_100\": \"error\""));
        Assert.EndsWith("weather.csv", e.File, StringComparison.Ordinal);
        Assert.Equal("rh_pct", e.Column);
        Assert.Contains("rh_above_100: clip", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_problem_carries_the_loaders_warnings_and_describes_its_periods()
    {
        var problem = Problem(100);
        Assert.Equal(2, problem.Warnings.Count);
        Assert.Contains("time split", problem.Description, StringComparison.Ordinal);
        Assert.Empty(Create(100, "{}", quick: true).Warnings);
    }

    [Fact]
    public void A_time_split_whose_pool_holds_no_source_rows_is_a_config_error_at_the_pool()
    {
        string dir = Directory.CreateTempSubdirectory("fm-split-").FullName;
        try
        {
            File.Copy(Path.Combine(SingleSite, "weather.csv"), Path.Combine(dir, "weather.csv"));
            File.Copy(Path.Combine(SingleSite, "observations_100h.csv"), Path.Combine(dir, "observations_100h.csv"));
            File.WriteAllLines(Path.Combine(dir, "observations_10h.csv"), File.ReadLines(Path.Combine(SingleSite, "observations_10h.csv")).Where((l, i) => i == 0 || string.CompareOrdinal(l.Split(',')[1], "2025-06-01") >= 0));
            var e = Assert.Throws<ConfigException>(() => Create(100, $$"""{ {{FolderData(100, Split, dir)}} }"""));
            Assert.Equal("$.problems[0].data.split.pool", e.JsonPath);
            Assert.Contains("10-h", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
