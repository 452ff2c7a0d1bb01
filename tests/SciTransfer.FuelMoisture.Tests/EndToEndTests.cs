using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.FuelMoisture.Tests;

public class EndToEndTests
{
    [Fact]
    public void A_seeded_quick_study_has_time_warp_beat_scratch_at_the_smallest_size()
    {
        var settings = new ProblemSettings(Quick: true);
        var problem = new FuelMoistureProblemFactory(100).Create(OptionsReader.Empty(), settings);
        var seeds = new SeedTree(20261121).Child(problem.Name).Child(0);
        var instance = problem.Create(new ProblemContext(0, seeds, settings));
        var source = instance.PretrainSource(new SourceRequest(seeds.Child("source"), null, default));
        var permutation = seeds.Child("subset").CreateRng().Permutation(instance.TargetPoolSize);
        int n = problem.DefaultSizes[0];

        CellResult Run(string strategy) => instance.Run(new CellRequest(strategy, n, permutation.AsMemory(0, n), source, seeds.Child(strategy), null, default));

        var warp = Run(FuelMoistureStrategies.TimeWarp);
        var scratch = Run(FuelMoistureStrategies.Scratch);
        Assert.Equal(["rmse"], warp.Values.Keys);
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
        var settings = new ProblemSettings(Quick: true);
        var problem = new FuelMoistureProblemFactory(1000).Create(OptionsReader.Empty(), settings);
        var instance = (FuelMoistureInstance)problem.Create(new ProblemContext(0, new SeedTree(8), settings));
        var net = SciTransfer.FuelMoisture.Model.MoistureNet.CreateChrono(10, 64, 48, new Rng(2));
        using var stream = new MemoryStream();
        Assert.True(instance.SaveSource(net, stream));
        stream.Position = 0;
        var loaded = Assert.IsType<SciTransfer.FuelMoisture.Model.MoistureNet>(instance.LoadSource(stream));
        Assert.Equal(instance.Predict(net), instance.Predict(loaded));
    }

    [Fact]
    public void The_one_hour_problem_reports_both_metrics_and_its_physics_baseline_sits_at_the_noise_level()
    {
        var settings = new ProblemSettings(Quick: true);
        var problem = new FuelMoistureProblemFactory(1).Create(OptionsReader.Empty(), settings);
        Assert.Equal(["rmse", "rmse_le30"], problem.Metrics.Select(m => m.Name));
        var instance = problem.Create(new ProblemContext(0, new SeedTree(3), settings));
        var physics = instance.Run(new CellRequest(FuelMoistureStrategies.Physics, 4, new[] { 0, 1, 2, 3 }, null, new SeedTree(4), null, default));
        Assert.Equal(["rmse", "rmse_le30"], physics.Values.Keys.Order());
        // The physics strategy is the generator run from the lead-in: below 30 % only weighing noise
        // (sd 0.3 % + 3 % of the value) and the forgotten initial state are left.
        Assert.InRange(physics.Values["rmse_le30"], 0.2, 1.5);
    }
}
