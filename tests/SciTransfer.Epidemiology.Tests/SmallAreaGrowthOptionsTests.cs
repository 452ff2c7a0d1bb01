using SciTransfer.Epidemiology.Problems;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Epidemiology.Tests;

public class SmallAreaGrowthOptionsTests
{
    private static readonly SmallAreaGrowthFactory Factory = new();

    private static ProblemOptions Read(string json, bool quick = false)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return Factory.Options.Read(new OptionsReader("study.json", "$.problems[0].options", doc.RootElement.Clone()), quick);
    }

    [Fact]
    public void The_quickstart_options_keep_their_hyphenated_names_and_resolve_to_the_same_settings()
    {
        var s = SmallAreaGrowthFactory.Settings(
            Read("{\"counties\": 60, \"days\": 200, \"states\": 5, \"target-counties\": 12, \"forecast-days\": 4, \"first-origin\": 110, \"trees\": 30}"), quick: false);
        Assert.Equal((60, 200, 5), (s.Simulator.Counties, s.Simulator.Days, s.Simulator.States));
        Assert.Equal((12, 4, 110, 2), (s.TargetCounties, s.ForecastDays, s.FirstOrigin, s.GrowthBlock));
        Assert.Equal((30, 0.33, 5, 0.5), (s.Forest.Trees, s.Forest.MaxFeatures, s.Forest.MinSamplesLeaf, s.Forest.SampleFraction));
    }

    [Fact]
    public void More_target_counties_than_half_the_counties_are_rejected_with_the_json_path()
    {
        var e = Assert.Throws<ConfigException>(() => Factory.Create(Read("{\"counties\": 40, \"target-counties\": 21}"), new ProblemSettings()));
        Assert.Contains("$.problems[0].options.target-counties", e.Message, StringComparison.Ordinal);
        Assert.Contains("1..20", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_origin_later_than_nine_days_before_the_end_is_rejected()
    {
        var e = Assert.Throws<ConfigException>(() => Factory.Create(Read("{\"days\": 100, \"first-origin\": 92}"), new ProblemSettings()));
        Assert.Contains("$.problems[0].options.first-origin", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quick_mode_shrinks_the_defaults_and_caps_explicit_values()
    {
        var defaults = SmallAreaGrowthFactory.Settings(ProblemOptions.Defaults(Factory.Options, quick: true), quick: true);
        Assert.Equal((60, 200, 5, 12, 4, 110, 30), (defaults.Simulator.Counties, defaults.Simulator.Days, defaults.Simulator.States,
            defaults.TargetCounties, defaults.ForecastDays, defaults.FirstOrigin, defaults.Forest.Trees));
        var capped = SmallAreaGrowthFactory.Settings(
            Read("{\"counties\": 400, \"days\": 600, \"target-counties\": 50, \"forecast-days\": 9, \"first-origin\": 300, \"trees\": 200}", quick: true), quick: true);
        Assert.Equal((60, 200, 12, 4, 110, 30), (capped.Simulator.Counties, capped.Simulator.Days,
            capped.TargetCounties, capped.ForecastDays, capped.FirstOrigin, capped.Forest.Trees));
    }

    [Fact]
    public void Only_strategies_that_read_the_source_forests_declare_the_source_and_the_fixed_windows_are_the_baselines()
    {
        var problem = Factory.Create(ProblemOptions.Defaults(Factory.Options), new ProblemSettings());
        Assert.Null(problem.MaxTargetSize);
        Assert.Equal(problem.Strategies.Count, problem.Strategies.Names().Distinct().Count());
        Assert.Equal(
            ["source-only", "relabel", "ser", "strut", "mix"],
            problem.Strategies.Where(s => s.Needs.HasFlag(StrategyNeeds.Source)).Select(s => s.Name));
        Assert.Equal(["ols-w2", "ols-w3", "ols-w4", "ols-w5", "ols-w6", "ols-w7", "ols-w14", "per-county-rf"], problem.Strategies.Where(s => s.IsBaseline).Select(s => s.Name));
    }
}
