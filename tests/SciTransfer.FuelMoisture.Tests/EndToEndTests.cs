using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Strategies;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.FuelMoisture.Tests;

public class EndToEndTests
{
    [Trait("Category", "Slow")]
    [Fact]
    public void A_seeded_quick_study_has_time_warp_beat_scratch_at_the_smallest_size()
    {
        var problem = TestProblems.Create(100, "{}", quick: true);
        var seeds = new SeedTree(20261121).Child(problem.Name).Child(0);
        var instance = TestProblems.Instance(problem, seeds, source: true, quick: true);
        var permutation = seeds.Child("subset").CreateRng().Permutation(instance.TargetPoolSize);
        int n = problem.DefaultSizes[0];

        CellResult Run(string strategy) => TestProblems.Run(problem, instance, strategy, n, permutation, seeds.Child(strategy));

        var warp = Run(FuelMoistureStrategies.TimeWarp);
        var scratch = Run(StrategyNames.Scratch);
        Assert.Equal(["rmse", "warp_forget_shift", "warp_input_shift", "auto_choice"], warp.Values.Keys);
        Assert.True(double.IsFinite(warp.Values["rmse"]) && double.IsFinite(scratch.Values["rmse"]));
        Assert.True(warp.Values["rmse"] < scratch.Values["rmse"], $"time-warp RMSE {warp.Values["rmse"]:F3} % is not below scratch {scratch.Values["rmse"]:F3} %");

        // Repeat 0 at the figure's n: the transfer's series is a candidate for "best transfer by rmse at n".
        var figure = Assert.IsType<TimeSeriesFigure>(Assert.Single(warp.Figures));
        Assert.Equal("rmse", figure.BestOfMetric);
        Assert.Equal(n, figure.AtN);
        var series = Assert.Single(figure.Series);
        Assert.True(series.Candidate);
        Assert.Equal(FuelMoistureStrategies.TimeWarp, series.Strategy);
        Assert.Empty(scratch.Figures);
        var physics = Run(FuelMoistureStrategies.Physics);
        var physicsFigure = Assert.IsType<TimeSeriesFigure>(Assert.Single(physics.Figures));
        Assert.Equal(figure.Id, physicsFigure.Id);
        Assert.Contains(physicsFigure.Series, x => x.Markers && x.Strategy is null);
        Assert.Contains(physicsFigure.Series, x => !x.Markers && !x.Candidate && x.Strategy == FuelMoistureStrategies.Physics);
    }

    [Fact]
    public void The_source_network_round_trips_through_the_cache_bit_exactly()
    {
        var problem = TestProblems.Create(1000, "{}", quick: true);
        var instance = TestProblems.Instance(problem, new SeedTree(8), quick: true);
        var net = MoistureNet.CreateChrono(10, 64, 48, new Rng(2));
        using var stream = new MemoryStream();
        Assert.True(instance.SaveSource(net, stream));
        stream.Position = 0;
        var loaded = Assert.IsType<MoistureNet>(instance.LoadSource(stream));
        Assert.Equal(instance.Predict(net), instance.Predict(loaded));
    }

    [Fact]
    public void The_one_hour_problem_reports_both_metrics_and_its_physics_baseline_sits_at_the_noise_level()
    {
        var problem = TestProblems.Create(1, "{}", quick: true);
        Assert.Equal(["rmse", "rmse_le30"], problem.Metrics.Where(m => !m.IsDiagnostic).Select(m => m.Name));
        var instance = TestProblems.Instance(problem, new SeedTree(3), quick: true);
        var physics = TestProblems.Run(problem, instance, FuelMoistureStrategies.Physics, 4, [0, 1, 2, 3], new SeedTree(4));
        Assert.Equal(["auto_choice", "rmse", "rmse_le30", "warp_forget_shift", "warp_input_shift"], physics.Values.Keys.Order());
        Assert.True(double.IsNaN(physics.Values["warp_forget_shift"]), "physics has no warp shift");
        // The physics strategy is the generator run from the lead-in: below 30 % only weighing noise
        // (sd 0.3 % + 3 % of the value) and the forgotten initial state are left.
        Assert.InRange(physics.Values["rmse_le30"], 0.2, 1.5);
    }

    [Fact]
    public void The_generated_pool_holds_exactly_the_max_target_size_weighings()
    {
        var problem = TestProblems.Create(100, "{}", quick: true);
        var instance = TestProblems.Instance(problem, new SeedTree(5), quick: true);
        Assert.Equal(problem.MaxTargetSize, instance.TargetPoolSize);
        Assert.Equal(2 * 15 * 2, problem.MaxTargetSize);
    }

    [Fact]
    public void Every_strategy_has_a_unique_name_and_physics_and_train_mean_are_the_baselines()
    {
        var all = FuelMoistureStrategies.All;
        Assert.Equal(21, all.Select(s => s.Name).Distinct().Count());
        Assert.Equal([FuelMoistureStrategies.Physics, FuelMoistureStrategies.TrainMean], all.Where(s => s.IsBaseline).Select(s => s.Name));
        Assert.Equal([FuelMoistureStrategies.Physics], all.Where(s => s.Needs == StrategyNeeds.None).Select(s => s.Name));
        Assert.False(all.Find(StrategyNames.Scratch)!.Needs.HasFlag(StrategyNeeds.Source));
        Assert.False(all.Find(FuelMoistureStrategies.TrainMean)!.Needs.HasFlag(StrategyNeeds.Source));
        // coral and importance-weighting need no source network: without one they train afresh on the adapted source.
        Assert.All(all.Where(s => s.Name is not FuelMoistureStrategies.Physics and not StrategyNames.Scratch and not FuelMoistureStrategies.TrainMean and not "coral" and not "importance-weighting"), s => Assert.True(s.Needs.HasFlag(StrategyNeeds.Source), s.Name));
    }
}
