using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Forest;
using SciTransfer.Epidemiology.Problems;
using SciTransfer.Epidemiology.Simulation;
using SciTransfer.Epidemiology.Strategies;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Epidemiology.Tests;

public class InputAdaptationTests
{
    private static readonly SmallAreaGrowthSettings Study = new()
    {
        Simulator = new SimulatorOptions { Counties = 60, Days = 200, States = 5 },
        TargetCounties = 12,
        ForecastDays = 3,
        FirstOrigin = 110,
        Forest = new ForestOptions { Trees = 20, MaxFeatures = 0.33, MinSamplesLeaf = 5, Sampling = SamplingScheme.Subsample, SampleFraction = 0.5 },
    };

    private static readonly Lazy<SmallAreaGrowthInstance> Seeded = new(() =>
    {
        var instance = new SmallAreaGrowthInstance(Study, new SeedTree(1));
        instance.UseSource(instance.PretrainSource(new SourceRequest(new SeedTree(1).Child("source"), null, default)));
        return instance;
    });

    [Fact]
    public void Unlabelled_target_inputs_are_the_target_counties_feature_rows_on_the_visible_days_only()
    {
        var instance = Seeded.Value;
        int origin = instance.Origins[0], first = origin - 6;
        var rows = instance.TargetInputs(first, origin);

        // Independent recount: every (target county, visible day) whose features exist, in that order.
        var expected = new List<double[]>();
        foreach (int c in instance.Targets)
        {
            for (int day = first; day <= origin; day++)
            {
                var x = new double[instance.Features.FeatureCount];
                if (instance.Features.TryFeatures(c, day, first, x))
                {
                    expected.Add(x);
                }
            }
        }

        Assert.NotEmpty(rows);
        Assert.Equal(expected.Count, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i], rows[i]);
        }

        // The day feature (last column) never leaves the window: nothing after the origin or before the first visible day.
        Assert.All(rows, r => Assert.InRange(r[^1], first, origin));
        Assert.Empty(instance.TargetInputs(origin + 1, origin));
    }

    [Trait("Category", "Slow")] // ~1 min on 2 shared cores: four forest evaluations over every origin
    [Fact]
    public void Coral_and_importance_weighting_forests_give_finite_forecast_errors_and_repeat_identically()
    {
        var instance = Seeded.Value;
        foreach (GrowthStrategy strategy in new GrowthStrategy[] { new CoralForest(), new ImportanceWeightedForest() })
        {
            var a = instance.Evaluate(strategy, 7, new SeedTree(2));
            var b = instance.Evaluate(strategy, 7, new SeedTree(2));
            Assert.Equal(a, b);
            Assert.True(double.IsFinite(a.Mae) && a.Mae > 0 && double.IsFinite(a.Rmse) && double.IsFinite(a.GrowthError), $"{strategy.Name}: {a}");
        }
    }

    [Fact]
    public void The_problem_offers_both_under_the_shared_names_needing_unlabelled_target_inputs()
    {
        var problem = new SmallAreaGrowthProblem(Study);
        foreach (string name in new[] { AdaptationNames.Coral, AdaptationNames.ImportanceWeighting })
        {
            var s = Assert.Single(problem.Strategies, s => s.Name == name);
            Assert.True(s.Needs.HasFlag(Transfer.Strategies.StrategyNeeds.UnlabelledTarget));
        }
    }
}
