using System.Text.Json;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Data;
using SciTransfer.HeatSink.Models;
using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Tests;

public class NusseltBlendTests
{
    private static readonly DesignRange Box = new(5, 120, 0.8e-3, 2.5e-3, 0.15, 0.9, 0.01, 0.1, 0.5e-3, 3e-3);

    [Theory]
    [InlineData(4)]
    [InlineData(32)]
    public void Collocation_designs_lie_in_the_declared_range_and_each_input_spans_it(int count)
    {
        var designs = CollocationDesigns.Sample(Box, count, new Rng(3));
        Assert.Equal(count, designs.Count);
        Assert.All(designs, d => Assert.True(Box.Contains(d), d.ToString()));
        // Latin hypercube: one design per stratum, so the extremes sit in the first and last strata.
        void Spans(Func<NusseltSample, double> f, double lo, double hi)
        {
            double stratum = (hi - lo) / count;
            Assert.True(designs.Min(f) <= lo + stratum && designs.Max(f) >= hi - stratum);
            var strata = designs.Select(d => Math.Min(count - 1, (int)((f(d) - lo) / stratum))).Distinct().Count();
            Assert.Equal(count, strata);
        }

        Spans(d => Math.Log(d.Peclet), Math.Log(Box.PecletMin), Math.Log(Box.PecletMax));
        Spans(d => d.HydraulicDiameter, Box.DhMin, Box.DhMax);
        Spans(d => d.AspectRatio, Box.AspectMin, Box.AspectMax);
        Spans(d => d.Length, Box.LengthMin, Box.LengthMax);
        Spans(d => d.Width, Box.WidthMin, Box.WidthMax);
        Assert.All(designs, d => Assert.Equal(d.Length / d.HydraulicDiameter, d.LengthOverDiameter, 12));
    }

    [Fact]
    public void Collocation_pairs_share_a_geometry_and_differ_only_in_peclet()
    {
        var pairs = CollocationDesigns.SamplePairs(Box, 16, new Rng(5));
        Assert.Equal(32, pairs.Count);
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(pairs[i].GeometryKey, pairs[i + 16].GeometryKey);
            Assert.True(Box.Contains(pairs[i + 16]));
        }

        Assert.True(pairs.Skip(16).Select(p => p.Peclet).Distinct().Count() == 16);
    }

    [Fact]
    public void The_fitted_water_prior_matches_a_hand_least_squares_fit()
    {
        var water = NusseltGenerator.Generate("water", 87, new Rng(21));
        var fit = NusseltInstance.FitWater(water);
        // Independent oracle: for a fixed exponent c the model is linear in (a, b), solved by the 2x2 normal
        // equations; c by a fine scan then golden-section refinement of the residual sum of squares in Nu.
        (double A, double B, double Sse) Linear(double c)
        {
            double s11 = water.Count, s12 = 0, s22 = 0, t1 = 0, t2 = 0;
            foreach (var w in water)
            {
                double x = Math.Pow(w.Peclet, c);
                s12 += x;
                s22 += x * x;
                t1 += w.Nu;
                t2 += x * w.Nu;
            }

            double det = (s11 * s22) - (s12 * s12);
            double a = ((t1 * s22) - (t2 * s12)) / det, b = ((s11 * t2) - (s12 * t1)) / det;
            return (a, b, water.Sum(w => Math.Pow(a + (b * Math.Pow(w.Peclet, c)) - w.Nu, 2)));
        }

        double best = Enumerable.Range(50, 2951).Select(i => i * 1e-3).MinBy(c => Linear(c).Sse);
        double lo = Math.Max(0, best - 1e-3), hi = Math.Min(3, best + 1e-3);
        for (int it = 0; it < 80; it++)
        {
            double m1 = lo + ((hi - lo) * 0.382), m2 = lo + ((hi - lo) * 0.618);
            if (Linear(m1).Sse < Linear(m2).Sse)
            {
                hi = m2;
            }
            else
            {
                lo = m1;
            }
        }

        var hand = Linear(0.5 * (lo + hi));
        double sse = water.Sum(w => Math.Pow(fit.Nu(w.Peclet) - w.Nu, 2));
        Assert.Equal("fitted-water", fit.Method);
        Assert.True(sse <= hand.Sse * (1 + 1e-6), $"fit SSE {sse} vs hand {hand.Sse}");
        Assert.True(hand.Sse <= sse * (1 + 1e-3), $"hand SSE {hand.Sse} vs fit {sse}: not the same minimum");
        // The valley in c is flat (a and b trade off), so compare the fitted curves, not the coefficients.
        double c = 0.5 * (lo + hi);
        double gap = water.Max(w => Math.Abs(fit.Nu(w.Peclet) - (hand.A + (hand.B * Math.Pow(w.Peclet, c)))) / w.Nu);
        Assert.True(gap < 0.02, $"fitted curves differ by {gap:P2} (fit a={fit.A} b={fit.B} c={fit.C}; hand a={hand.A} b={hand.B} c={c})");
    }

    [Fact]
    public void Fine_tune_reports_its_learnt_weights_and_the_prior_weight_is_bounded_by_its_misfit()
    {
        var factory = new NusseltFactory();
        var reader = new OptionsReader("t.json", "$.options", JsonDocument.Parse("""{ "source_steps": 200, "steps": 200, "test_size": 50 }""").RootElement);
        var problem = factory.Create(factory.Options.Read(reader, quick: false), new ProblemSettings());
        var seeds = new SeedTree(7).Child("nusselt").Child(0);
        var instance = (NusseltInstance)problem.Create(new ProblemContext(0, seeds, new ProblemSettings()));
        Assert.Equal(64, instance.Collocation.Count);
        Assert.All(instance.Collocation, d => Assert.True(instance.CollocationRange.Contains(d)));
        instance.UseSource(instance.PretrainSource(new SourceRequest(seeds.Child("source"), null, CancellationToken.None)));
        var perm = seeds.Child("target-subset").CreateRng().Permutation(instance.TargetPoolSize);
        var cell = new StrategyCell(8, perm.AsMemory(0, 8), seeds.Child("cell"), null, CancellationToken.None);
        var blended = problem.Strategies.Find(StrategyNames.FineTune)!.Run(instance, cell).Values;
        var fixedW = problem.Strategies.Find("fine-tune-fixed")!.Run(instance, cell).Values;
        var noPrior = problem.Strategies.Find("fine-tune-no-prior")!.Run(instance, cell).Values;
        Assert.Equal(1.0, fixedW[NusseltMetrics.WeightData]);
        Assert.Equal(1.0, fixedW[NusseltMetrics.WeightPrior]);
        Assert.True(double.IsNaN(noPrior[NusseltMetrics.WeightPrior]));
        double wData = blended[NusseltMetrics.WeightData], wPrior = blended[NusseltMetrics.WeightPrior];
        Assert.True(wData > 0 && wData <= 0.5 / PriorBlend.DataVarianceFloor * (1 + 1e-9), $"w_data {wData}");
        // Lyon sits ~150 % above the generated sodium data: log misfit ~0.8, so w_prior <= 1 / (2 misfit) stays O(1)
        // while the data weight grows, instead of either collapsing.
        Assert.True(wPrior > 0 && wPrior < 5, $"w_prior {wPrior}");
        Assert.True(wData > wPrior, $"w_data {wData} vs w_prior {wPrior}");
    }

    [Fact]
    public void The_blend_floors_cap_each_weight_at_one_over_twice_its_floor()
    {
        var blend = new PriorBlend();
        for (int i = 0; i < 5000; i++)
        {
            blend.Update(dataLoss: 0, priorLoss: 0, priorVarianceFloor: 0.25);
        }

        Assert.Equal(0.5 / PriorBlend.DataVarianceFloor, blend.Weights[0], 6);
        Assert.Equal(0.5 / 0.25, blend.Weights[1], 9);
        // Above the floors the weights converge to Kendall's optimum w = 1 / (2 L).
        var free = new PriorBlend();
        for (int i = 0; i < 20000; i++)
        {
            free.Update(dataLoss: 0.01, priorLoss: 0.5, priorVarianceFloor: 0.25);
        }

        Assert.Equal(50, free.Weights[0], 1);
        Assert.Equal(1, free.Weights[1], 2);
    }
}
