using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Forest;
using SciTransfer.Epidemiology.Problems;
using SciTransfer.Epidemiology.Simulation;
using SciTransfer.Epidemiology.Strategies;
using SciTransfer.Epidemiology.TreeAdaptation;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

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

    private static readonly Lazy<SmallAreaGrowthInstance> Seeded = new(() =>
    {
        var instance = new SmallAreaGrowthInstance(Study, new SeedTree(1));
        instance.UseSource(instance.PretrainSource(new SourceRequest(new SeedTree(1).Child("source"), null, default)));
        return instance;
    });

    private static StrategyCell Cell(int n, SeedTree seeds) => new(n, ReadOnlyMemory<int>.Empty, seeds, null, default);

    [Fact]
    public void Tlrf_beats_the_seven_day_window_baseline_with_seven_days_of_history()
    {
        var instance = Seeded.Value;
        var tlrf = instance.Evaluate(new Tlrf(), 7, new SeedTree(2));
        var ols = instance.Evaluate(new FixedWindowOls(7), 7, new SeedTree(2));

        // Measured on this seed: MAE 0.112 vs 0.171 (ratio 0.65), growth error 0.019 vs 0.032 (0.61);
        // over seeds 1-6 the MAE ratio ranged 0.64-0.80. Assert a clear gap with margin.
        Assert.True(tlrf.Mae < 0.85 * ols.Mae, $"TLRF MAE {tlrf.Mae:F3} vs w=7 OLS {ols.Mae:F3}");
        Assert.True(tlrf.GrowthError < 0.85 * ols.GrowthError, $"TLRF growth error {tlrf.GrowthError:F4} vs w=7 OLS {ols.GrowthError:F4}");
    }

    [Trait("Category", "Slow")]

    [Fact]
    public void Every_strategy_returns_finite_values_for_exactly_the_declared_metrics()
    {
        var factory = new SmallAreaGrowthFactory();
        var problem = factory.Create(ProblemOptions.Defaults(factory.Options, quick: true), new ProblemSettings(Quick: true));
        var instance = Assert.IsType<SmallAreaGrowthInstance>(problem.Create(new ProblemContext(0, new SeedTree(3), new ProblemSettings(Quick: true))));
        instance.UseSource(instance.PretrainSource(new SourceRequest(new SeedTree(3).Child("source"), null, default)));
        var names = problem.Metrics.Select(m => m.Name).Order().ToArray();
        Assert.Contains(StrategyNames.Scratch, problem.Strategies.Names());
        Assert.Contains(StrategyNames.SourceOnly, problem.Strategies.Names());
        foreach (var strategy in problem.Strategies)
        {
            var result = strategy.Run(instance, Cell(5, new SeedTree(4)));
            Assert.Equal(names, result.Values.Keys.Order().ToArray());
            Assert.All(result.Values.Values, v => Assert.True(double.IsFinite(v) && v >= 0, $"{strategy.Name}: {v}"));
        }
    }

    [Fact]
    public void Repeat_zero_draws_the_observed_series_and_forecasts_at_seven_days_of_history()
    {
        var problem = new SmallAreaGrowthProblem(Study);
        var first = problem.Create(new ProblemContext(0, new SeedTree(1), new ProblemSettings()));
        var second = problem.Create(new ProblemContext(1, new SeedTree(1), new ProblemSettings()));
        var ols7 = problem.Strategies.Find("ols-w7")!;
        var figure = Assert.IsType<SciTransfer.Transfer.Figures.TimeSeriesFigure>(
            Assert.Single(ols7.Run(first, Cell(7, new SeedTree(2))).Figures));
        var forecast = Assert.Single(figure.Series);
        Assert.Equal("ols-w7", forecast.Strategy);
        Assert.Equal(3 * Study.ForecastDays, forecast.X.Length);
        var tlrf = problem.Strategies.Find("tlrf")!.Run(first, Cell(7, new SeedTree(2)));
        Assert.Contains(tlrf.Figures.Cast<SciTransfer.Transfer.Figures.TimeSeriesFigure>().Single().Series, s => s.Name == "observed" && s.Markers);
        Assert.Empty(ols7.Run(first, Cell(8, new SeedTree(2))).Figures);
        Assert.Empty(ols7.Run(second, Cell(7, new SeedTree(2))).Figures);
    }

    [Trait("Category", "Slow")]

    [Fact]
    public void A_cell_gives_the_same_values_when_run_twice()
    {
        var instance = Seeded.Value;
        foreach (var s in new GrowthStrategy[] { new Tlrf(), new TransferTreeForest(TreeTransferMethod.Ser), new TransferTreeForest(TreeTransferMethod.Strut) })
        {
            var a = instance.Evaluate(s, 10, new SeedTree(9));
            var b = instance.Evaluate(s, 10, new SeedTree(9));
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Target_history_limits_what_the_fixed_window_baselines_see()
    {
        var instance = Seeded.Value;
        GrowthStrategy w7 = new FixedWindowOls(7), w14 = new FixedWindowOls(14);

        // With 7 days visible, a 14-day window can use only those 7 days: it equals the 7-day window.
        Assert.Equal(instance.Evaluate(w7, 7, new SeedTree(1)), instance.Evaluate(w14, 7, new SeedTree(1)));
        Assert.NotEqual(instance.Evaluate(w7, 20, new SeedTree(1)), instance.Evaluate(w14, 20, new SeedTree(1)));
    }

    [Fact]
    public void Unknown_option_values_are_rejected_with_the_json_path()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("{\"trees\": 0}");
        var reader = new OptionsReader("study.json", "$.problems[0].options", doc.RootElement);
        var factory = new SmallAreaGrowthFactory();
        var e = Assert.Throws<ConfigException>(() => factory.Create(factory.Options.Read(reader, quick: false), new ProblemSettings()));
        Assert.Contains("$.problems[0].options.trees", e.Message, StringComparison.Ordinal);
    }
}
