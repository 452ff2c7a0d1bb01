using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Forest;
using SciTransfer.Epidemiology.Problems;
using SciTransfer.Epidemiology.Simulation;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Epidemiology.Tests;

public class SmallAreaGrowthTests
{
    private static readonly SmallAreaGrowthSettings Study = new()
    {
        Simulator = new SimulatorOptions { Counties = 60, Days = 200, States = 5 },
        TargetCounties = 15,
        ForecastDays = 4,
        FirstOrigin = 110,
        Forest = new ForestOptions { Trees = 30, MaxFeatures = 0.33, MinSamplesLeaf = 5, Sampling = SamplingScheme.Subsample, SampleFraction = 0.5 },
    };

    private static readonly Lazy<(SmallAreaGrowthInstance Instance, RandomForest[] Source)> Seeded = new(() =>
    {
        var instance = new SmallAreaGrowthInstance(Study, new SeedTree(1));
        var source = (RandomForest[])instance.PretrainSource(new SourceRequest(new SeedTree(1).Child("source"), null, default))!;
        return (instance, source);
    });

    [Fact]
    public void Tlrf_beats_the_seven_day_window_baseline_with_seven_days_of_history()
    {
        var (instance, source) = Seeded.Value;
        var tlrf = instance.Evaluate("tlrf", 7, source, new SeedTree(2));
        var ols = instance.Evaluate("ols-w7", 7, source, new SeedTree(2));

        // Measured on this seed: MAE 0.112 vs 0.171 (ratio 0.65), growth error 0.019 vs 0.032 (0.61);
        // over seeds 1-6 the MAE ratio ranged 0.64-0.80. Assert a clear gap with margin.
        Assert.True(tlrf.Mae < 0.85 * ols.Mae, $"TLRF MAE {tlrf.Mae:F3} vs w=7 OLS {ols.Mae:F3}");
        Assert.True(tlrf.GrowthError < 0.85 * ols.GrowthError, $"TLRF growth error {tlrf.GrowthError:F4} vs w=7 OLS {ols.GrowthError:F4}");
    }

    [Fact]
    public void Every_strategy_returns_finite_values_for_exactly_the_declared_metrics()
    {
        var problem = new SmallAreaGrowthProblem.Factory().Create(OptionsReader.Empty(), new ProblemSettings(Quick: true));
        var instance = problem.Create(new ProblemContext(0, new SeedTree(3), new ProblemSettings(Quick: true)));
        var source = instance.PretrainSource(new SourceRequest(new SeedTree(3).Child("source"), null, default));
        var names = problem.Metrics.Select(m => m.Name).Order().ToArray();
        Assert.Contains("scratch", problem.Strategies);
        Assert.Contains("source-only", problem.Strategies);
        foreach (string strategy in problem.Strategies)
        {
            var result = instance.Run(new CellRequest(strategy, 5, ReadOnlyMemory<int>.Empty, source, new SeedTree(4), null, default));
            Assert.Equal(names, result.Values.Keys.Order().ToArray());
            Assert.All(result.Values.Values, v => Assert.True(double.IsFinite(v) && v >= 0, $"{strategy}: {v}"));
        }
    }

    [Fact]
    public void Repeat_zero_draws_the_observed_series_and_forecasts_at_seven_days_of_history()
    {
        var problem = new SmallAreaGrowthProblem(Study);
        var first = problem.Create(new ProblemContext(0, new SeedTree(1), new ProblemSettings()));
        var second = problem.Create(new ProblemContext(1, new SeedTree(1), new ProblemSettings()));
        var figure = Assert.IsType<SciTransfer.Transfer.Figures.TimeSeriesFigure>(
            Assert.Single(first.Run(new CellRequest("ols-w7", 7, ReadOnlyMemory<int>.Empty, null, new SeedTree(2), null, default)).Figures));
        var forecast = Assert.Single(figure.Series);
        Assert.Equal("ols-w7", forecast.Strategy);
        Assert.Equal(3 * Study.ForecastDays, forecast.X.Length);
        var tlrf = first.Run(new CellRequest("tlrf", 7, ReadOnlyMemory<int>.Empty, null, new SeedTree(2), null, default));
        Assert.Contains(tlrf.Figures.Cast<SciTransfer.Transfer.Figures.TimeSeriesFigure>().Single().Series, s => s.Name == "observed" && s.Markers);
        Assert.Empty(first.Run(new CellRequest("ols-w7", 8, ReadOnlyMemory<int>.Empty, null, new SeedTree(2), null, default)).Figures);
        Assert.Empty(second.Run(new CellRequest("ols-w7", 7, ReadOnlyMemory<int>.Empty, null, new SeedTree(2), null, default)).Figures);
    }

    [Fact]
    public void A_cell_gives_the_same_values_when_run_twice()
    {
        var (instance, source) = Seeded.Value;
        foreach (string s in new[] { "tlrf", "ser", "strut" })
        {
            var a = instance.Evaluate(s, 10, source, new SeedTree(9));
            var b = instance.Evaluate(s, 10, source, new SeedTree(9));
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Target_history_limits_what_the_fixed_window_baselines_see()
    {
        var (instance, source) = Seeded.Value;

        // With 7 days visible, a 14-day window can use only those 7 days: it equals the 7-day window.
        Assert.Equal(instance.Evaluate("ols-w7", 7, source, new SeedTree(1)), instance.Evaluate("ols-w14", 7, source, new SeedTree(1)));
        Assert.NotEqual(instance.Evaluate("ols-w7", 20, source, new SeedTree(1)), instance.Evaluate("ols-w14", 20, source, new SeedTree(1)));
    }

    [Fact]
    public void Unknown_option_values_are_rejected_with_the_json_path()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("{\"trees\": 0}");
        var reader = new OptionsReader("study.json", "$.problems[0].options", doc.RootElement);
        var e = Assert.Throws<ConfigException>(() => new SmallAreaGrowthProblem.Factory().Create(reader, new ProblemSettings()));
        Assert.Contains("$.problems[0].options.trees", e.Message, StringComparison.Ordinal);
    }
}
