using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Data;
using SciTransfer.Epidemiology.Problems;
using SciTransfer.Epidemiology.Strategies;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Epidemiology.Tests;

/// <summary>The small-area problem on county files: options, split kinds, missing covariates, realised-growth scoring.</summary>
public class CountyFileProblemTests
{
    private const int Counties = 12, Days = 150;

    private static SmallAreaGrowthSettings Settings(CountyFiles f, string json, string? covariates = null, string? population = null, Transfer.Data.SplitSpec? split = null) =>
        SmallAreaGrowthFactory.Settings(CountyFiles.Options(json, f.Block(CountyFiles.Exponential(Counties, Days), covariates, population, split)), quick: false);

    [Fact]
    public void On_exact_exponential_growth_a_two_day_slope_forecasts_almost_exactly_against_realised_growth()
    {
        using var f = new CountyFiles();
        var s = Settings(f, "{\"small_area_by\": \"cases\", \"target-counties\": 4, \"forecast-days\": 3, \"trees\": 10}");
        var instance = new SmallAreaGrowthInstance(s, new SeedTree(1));
        Assert.Null(instance.Panel.TrueGrowth);
        var (mae, _, growthError) = instance.Evaluate(new FixedWindowOls(2), 7, new SeedTree(2));
        Assert.InRange(mae, 0, 0.005);
        Assert.InRange(growthError, 0, 0.001);

        // A model that predicts zero growth is off by r_c * 7 in the log: the realised-growth scoring sees it.
        var (maeZero, _, growthZero) = instance.Evaluate(new ScratchForest(), 1, new SeedTree(2));
        double meanRate = instance.Targets.Average(CountyFiles.Rate);
        Assert.True(growthZero > 0.5 * meanRate, $"growth error {growthZero} of a no-data forest vs mean rate {meanRate}");
        Assert.True(maeZero > mae);
    }

    [Fact]
    public void Small_areas_by_cases_are_the_counties_at_or_below_the_threshold()
    {
        using var f = new CountyFiles();
        var s = Settings(f, "{\"small_area_by\": \"cases\", \"small_area_threshold\": 100000, \"origin_from\": \"2020-05-01\", \"origin_to\": \"2020-06-30\", \"forecast-days\": 5}");
        var d = s.Data!;
        Assert.Equal(5, d.Origins.Length);
        Assert.Equal(new DateOnly(2020, 5, 1), d.Start.AddDays(d.Origins[0]));
        Assert.Equal(new DateOnly(2020, 6, 30), d.Start.AddDays(d.Origins[^1]));
        Assert.NotEmpty(d.Candidates);
        Assert.All(d.Candidates, c => Assert.True(d.Measure[c] <= 100_000));
        Assert.All(Enumerable.Range(0, Counties).Except(d.Candidates), c => Assert.True(d.Measure[c] > 100_000));
        Assert.Equal(s.Origins(), d.Origins);
    }

    [Theory]
    [InlineData("{\"origin_from\": \"2020-02-30\"}", "origin_from")]
    [InlineData("{\"origin_to\": \"2020-07-28\"}", "origin_to")] // later than 8 days before the end (2020-07-28 is the last date)
    [InlineData("{\"origin_from\": \"2020-03-05\"}", "origin_from")] // before 29 days of history
    [InlineData("{\"origin_from\": \"2020-06-01\", \"origin_to\": \"2020-05-01\"}", "origin_from")]
    [InlineData("{\"small_area_by\": \"population\"}", "small_area_by")] // no population file
    [InlineData("{\"counties\": 40}", "counties")] // a simulator option with files
    public void A_bad_option_on_county_files_is_a_config_error_naming_it(string json, string option)
    {
        using var f = new CountyFiles();
        var e = Assert.Throws<ConfigException>(() => Settings(f, json));
        Assert.Contains("$.problems[0].options." + option, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_county_file_option_without_a_data_block_is_a_config_error()
    {
        var e = Assert.Throws<ConfigException>(() => SmallAreaGrowthFactory.Settings(CountyFiles.Options("{\"origin_from\": \"2020-05-01\"}", null), quick: false));
        Assert.Contains("options.origin_from", e.Message, StringComparison.Ordinal);
        Assert.Contains("county files only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_split_each_repeat_draws_targets_from_the_candidates_and_keeps_them_out_of_the_source()
    {
        using var f = new CountyFiles();
        var s = Settings(f, "{\"small_area_by\": \"cases\", \"target-counties\": 3, \"forecast-days\": 3}");
        var instance = new SmallAreaGrowthInstance(s, new SeedTree(7));
        Assert.Equal(3, instance.Targets.Count);
        Assert.All(instance.Targets, t => Assert.Contains(t, s.Data!.Candidates));
        AssertNoTargetInSource(instance);
    }

    [Fact]
    public void A_group_split_naming_test_counties_makes_exactly_them_the_targets()
    {
        using var f = new CountyFiles();
        var split = CountyFiles.Group(test: [CountyFiles.Fips(0), CountyFiles.Fips(2)]);
        var s = Settings(f, "{\"small_area_by\": \"cases\", \"forecast-days\": 3}", split: split);
        var instance = new SmallAreaGrowthInstance(s, new SeedTree(7));
        Assert.Equal([0, 2], instance.Targets);
        AssertNoTargetInSource(instance);
    }

    [Fact]
    public void A_group_split_by_fraction_draws_whole_counties_per_repeat_and_none_sits_in_both()
    {
        using var f = new CountyFiles();
        var s = Settings(f, "{\"small_area_by\": \"cases\", \"forecast-days\": 3}", split: CountyFiles.Group(fraction: 0.5));
        var a = new SmallAreaGrowthInstance(s, new SeedTree(1).Child("repeat").Child(0));
        Assert.Equal((int)Math.Round(0.5 * s.Data!.Candidates.Length), a.Targets.Count);
        AssertNoTargetInSource(a);
        var again = new SmallAreaGrowthInstance(s, new SeedTree(1).Child("repeat").Child(0));
        Assert.Equal(a.Targets, again.Targets);
    }

    [Fact]
    public void A_group_split_on_another_column_or_naming_a_large_county_is_a_config_error()
    {
        using var f = new CountyFiles();
        var wrongColumn = Assert.Throws<ConfigException>(() => Settings(f, "{\"small_area_by\": \"cases\"}", split: CountyFiles.Group(column: "state", test: ["Colorado"])));
        Assert.Contains("data.split.column", wrongColumn.Message, StringComparison.Ordinal);
        var large = Assert.Throws<ConfigException>(() => Settings(f, "{\"small_area_by\": \"cases\"}", split: CountyFiles.Group(test: [CountyFiles.Fips(Counties - 1)])));
        Assert.Contains("not a small-area candidate", large.Message, StringComparison.Ordinal);
        var absent = Assert.Throws<ConfigException>(() => Settings(f, "{\"small_area_by\": \"cases\"}", split: CountyFiles.Group(test: ["99999"])));
        Assert.Contains("not in the cases file", absent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_covariates_are_an_error_by_default_and_otherwise_imputed_or_dropped()
    {
        using var f = new CountyFiles();
        // County 1 has no row, county 2 an empty field; the others have svi = c.
        string cov = "fips,svi\n" + string.Join("", Enumerable.Range(0, Counties).Where(c => c != 1).Select(c => $"{CountyFiles.Fips(c)},{(c == 2 ? "" : c.ToString(System.Globalization.CultureInfo.InvariantCulture))}\n"));
        const string json = "{\"small_area_by\": \"cases\", \"missing_covariates\": \"MODE\"}";
        var e = Assert.Throws<DataFormatException>(() => Settings(f, json.Replace("MODE", "error", StringComparison.Ordinal), covariates: cov));
        Assert.Contains("covariates.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("missing_covariates", e.Message, StringComparison.Ordinal);
        Assert.Equal("svi", e.Column);

        var median = Settings(f, json.Replace("MODE", "median", StringComparison.Ordinal), covariates: cov).Data!;
        Assert.Equal(Counties, median.Panel.Counties);
        double expected = Core.Statistics.Descriptive.Median([0, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        Assert.Equal(expected, median.Panel.CountyCovariates[1]);
        Assert.Equal(expected, median.Panel.CountyCovariates[2]);
        Assert.Equal(3, median.Panel.CountyCovariates[3]);

        var dropped = Settings(f, json.Replace("MODE", "drop-county", StringComparison.Ordinal), covariates: cov).Data!;
        Assert.Equal(Counties - 2, dropped.Panel.Counties);
        Assert.DoesNotContain(CountyFiles.Fips(1), dropped.Fips);
        Assert.DoesNotContain(CountyFiles.Fips(2), dropped.Fips);
    }

    [Fact]
    public void Covariates_and_ln_population_are_forest_features()
    {
        using var f = new CountyFiles();
        string cov = "fips,svi\n" + string.Join("", Enumerable.Range(0, Counties).Select(c => $"{CountyFiles.Fips(c)},0.{c}\n"));
        string pop = "fips,population\n" + string.Join("", Enumerable.Range(0, Counties).Select(c => $"{CountyFiles.Fips(c)},{1000 * (c + 1)}\n"));
        var s = Settings(f, "{\"small_area_threshold\": 6000}", covariates: cov, population: pop);
        var instance = new SmallAreaGrowthInstance(s, new SeedTree(3));
        Assert.Equal(["svi", "log_population", "log_active", "slope_3d", "slope_7d", "day"], instance.Features.FeatureNames);
        Assert.Equal([0, 1, 2, 3, 4, 5], s.Data!.Candidates); // population <= 6000
        Assert.Equal(Math.Log(3000), s.Data.Panel.CountyCovariates[(2 * 2) + 1], 12);
    }

    private static void AssertNoTargetInSource(SmallAreaGrowthInstance instance)
    {
        for (int k = 0; k < instance.Origins.Count; k++)
        {
            var source = instance.SourceRows(k).CountyOf.ToHashSet();
            Assert.NotEmpty(source);
            Assert.All(instance.Targets, t => Assert.DoesNotContain(t, source));
        }
    }
}
