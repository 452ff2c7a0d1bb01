using SciTransfer.Core.Random;
using SciTransfer.Epidemiology.Forest;
using SciTransfer.Epidemiology.Problems;
using SciTransfer.Epidemiology.Simulation;
using SciTransfer.Epidemiology.Strategies;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Epidemiology.Tests;

/// <summary>The label-free metric iw_source_rmse (<see cref="SourceValidation"/>, option source_validation_fraction).</summary>
public class SourceValidationTests
{
    private static readonly SmallAreaGrowthSettings Off = new()
    {
        Simulator = new SimulatorOptions { Counties = 60, Days = 200, States = 5 },
        TargetCounties = 12,
        ForecastDays = 3,
        FirstOrigin = 110,
        Forest = new ForestOptions { Trees = 5, MaxFeatures = 0.33, MinSamplesLeaf = 5, Sampling = SamplingScheme.Subsample, SampleFraction = 0.5 },
    };

    private static readonly SmallAreaGrowthSettings On = Off with { SourceValidationFraction = 0.25 };

    // A strategy whose model predicts the same growth everywhere, through the shared prediction path.
    private sealed class ConstantGrowth(double r) : GrowthStrategy
    {
        public override string Name => "constant";

        public override StrategyNeeds Needs => StrategyNeeds.None;

        public override string Description => "r_hat = const";

        public override double[] PredictGrowth(SmallAreaGrowthInstance instance, GrowthWindow window) => instance.PredictTargets(new Constant(r), window);

        private sealed class Constant(double value) : IRegressor
        {
            public double Predict(ReadOnlySpan<double> features) => value;
        }
    }

    [Fact]
    public void Held_out_counties_are_a_seeded_quarter_of_the_source_counties_left_out_of_the_view_only()
    {
        var instance = new SmallAreaGrowthInstance(On, new SeedTree(1));
        var plain = new SmallAreaGrowthInstance(Off, new SeedTree(1));
        Assert.Empty(plain.HeldOutCounties);
        Assert.Null(plain.ValidationView);
        Assert.Equal(12, instance.HeldOutCounties.Count); // round(0.25 x 48 source counties)
        Assert.Empty(instance.HeldOutCounties.Intersect(instance.Targets));
        Assert.Equal(instance.HeldOutCounties, new SmallAreaGrowthInstance(On, new SeedTree(1)).HeldOutCounties);
        Assert.NotEqual(instance.HeldOutCounties, new SmallAreaGrowthInstance(On, new SeedTree(2)).HeldOutCounties);

        var view = instance.ValidationView!;
        for (int k = 0; k < instance.Origins.Count; k++)
        {
            // The scored run trains on every source county, exactly as with the metric off; the view on the rest.
            Assert.Equal(plain.SourceRows(k).CountyOf, instance.SourceRows(k).CountyOf);
            Assert.Contains(instance.SourceRows(k).CountyOf, instance.HeldOutCounties.Contains); // small counties may have no usable row yet
            Assert.Empty(view.SourceRows(k).CountyOf.Intersect(instance.HeldOutCounties));
            Assert.Equal(instance.SourceRows(k).Count, view.SourceRows(k).Count + instance.SourceRows(k).CountyOf.Count(instance.HeldOutCounties.Contains));
        }
    }

    [Fact]
    public void The_estimate_is_the_median_over_origins_of_the_weighted_rmse_of_the_held_out_forecasts_computed_by_hand()
    {
        const double r = 0.013;
        const int n = 7;
        var view = new SmallAreaGrowthInstance(On, new SeedTree(1)).ValidationView!;
        double estimate = SourceValidation.Estimate(view, new ConstantGrowth(r), n, new SeedTree(3), default);

        var perOrigin = new List<double>();
        var panel = view.Panel;
        foreach (int t in view.Origins)
        {
            int first = t - n + 1;
            var rows = new List<(double E, double[] X)>();
            foreach (int c in view.HeldOutCounties)
            {
                double now = panel.LogUsable[(c * panel.Days) + t], later = panel.LogAll[(c * panel.Days) + t + 7];
                var x = new double[view.Features.FeatureCount];
                if (!double.IsNaN(now) && !double.IsNaN(later) && view.Features.TryFeatures(c, t, first, x))
                {
                    rows.Add((now + (7 * r) - later, x));
                }
            }

            var targets = new List<double[]>();
            foreach (int c in view.Targets)
            {
                for (int day = first; day <= t; day++)
                {
                    var x = new double[view.Features.FeatureCount];
                    if (view.Features.TryFeatures(c, day, first, x))
                    {
                        targets.Add(x);
                    }
                }
            }

            var w = new ImportanceWeights(Ratio: new DensityRatioOptions(Quadratic: false)).Estimate(
                MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowArrays(rows.Select(p => p.X)),
                MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowArrays(targets));
            double num = 0, den = 0;
            for (int i = 0; i < rows.Count; i++)
            {
                num += w[i] * rows[i].E * rows[i].E;
                den += w[i];
            }

            Assert.True(rows.Count >= 2, $"origin {t}: {rows.Count} usable held-out counties");
            perOrigin.Add(Math.Sqrt(num / den));
        }

        perOrigin.Sort();
        Assert.Equal(3, perOrigin.Count);
        Assert.Equal(perOrigin[1], estimate, 12);
        Assert.True(estimate > 0);
    }

    [Trait("Category", "Slow")] // tlrf three times over three origins
    [Fact]
    public void Turning_the_metric_on_leaves_the_scored_values_unchanged_and_per_county_baselines_get_nan()
    {
        var on = new SmallAreaGrowthInstance(On, new SeedTree(1));
        var off = new SmallAreaGrowthInstance(Off, new SeedTree(1));
        var cell = new StrategyCell(7, ReadOnlyMemory<int>.Empty, new SeedTree(5), null, default);
        var withMetric = new Tlrf().Run(on, cell).Values;
        var without = new Tlrf().Run(off, cell).Values;
        Assert.Equal(["growth_error", "mae", "rmse"], without.Keys.Order());
        foreach (string m in without.Keys)
        {
            Assert.Equal(without[m], withMetric[m]);
        }

        Assert.True(double.IsFinite(withMetric[SourceValidation.MetricName]) && withMetric[SourceValidation.MetricName] > 0);
        Assert.True(double.IsNaN(new FixedWindowOls(7).Run(on, cell).Values[SourceValidation.MetricName]));
        Assert.Contains(new SmallAreaGrowthProblem(On).Metrics, m => m.Name == SourceValidation.MetricName && m.EstimateOf == "rmse");
        Assert.DoesNotContain(new SmallAreaGrowthProblem(Off).Metrics, m => m.EstimateOf is not null);
    }
}
