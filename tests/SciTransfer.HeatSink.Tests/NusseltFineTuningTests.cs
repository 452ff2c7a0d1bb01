using System.Text.Json;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Tests;

public class NusseltFineTuningTests
{
    private static (ITransferProblem Problem, NusseltInstance Instance, int[] Perm, SeedTree Seeds) Setup()
    {
        var factory = new NusseltFactory();
        var reader = new OptionsReader("t.json", "$.options", JsonDocument.Parse("""{ "source_steps": 800, "steps": 300, "test_size": 100 }""").RootElement);
        var configured = factory.Create(factory.Options.Read(reader, quick: false), new ProblemSettings());
        var seeds = new SeedTree(11).Child("nusselt").Child(0);
        var instance = (NusseltInstance)configured.Create(new ProblemContext(0, seeds, new ProblemSettings()));
        instance.UseSource(instance.PretrainSource(new SourceRequest(seeds.Child("source"), null, CancellationToken.None)));
        return (configured, instance, seeds.Child("target-subset").CreateRng().Permutation(instance.TargetPoolSize), seeds);
    }

    [Fact]
    public void Training_through_the_capability_without_hooks_is_the_fine_tune_strategy_bit_for_bit()
    {
        var (_, instance, perm, seeds) = Setup();
        var cell = new StrategyCell(8, perm.AsMemory(0, 8), seeds.Child("cell"), null, CancellationToken.None);
        var direct = instance.FineTune(cell, instance.Balancing, usePrior: true);
        var model = instance.CloneSource();
        instance.Train(model, cell.TargetIndices.Span, TrainingHooks.None, cell.Seeds.Child("train").CreateRng(), CancellationToken.None);
        var viaCapability = instance.Score(model);
        Assert.Equal(direct.Values["mape"], viaCapability.Values["mape"]);
        Assert.Equal(direct.Values["rmse"], viaCapability.Values["rmse"]);
    }

    [Fact]
    public void The_label_free_estimate_is_the_importance_weighted_rmse_of_the_model_on_held_out_water_designs()
    {
        var (problem, instance, _, seeds) = Setup();
        var metric = problem.Metrics.Single(m => m.Name == "iw_source_rmse");
        Assert.Equal("rmse", metric.EstimateOf);

        // Recomputed from the public pieces: water designs from the repeat's seed child "source-validation" (test_size
        // of them), weights p_pool/p_water of their feature rows, the source network's Nu on them.
        var validation = SciTransfer.HeatSink.Data.NusseltGenerator.Generate("water", 100, seeds.Child("source-validation").CreateRng(), 0.03);
        Assert.Equal(instance.Test.Count, validation.Count);
        static MathNet.Numerics.LinearAlgebra.Matrix<double> Rows(IReadOnlyList<SciTransfer.HeatSink.Data.NusseltSample> r)
        {
            var x = Models.NusseltTrainer.FeatureMatrix(r);
            return MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(r.Count, 6, (i, j) => x[(i * 6) + j]);
        }

        double[] w = [.. new ImportanceWeights().Estimate(Rows(validation), Rows(instance.Pool))];
        var nu = Models.NusseltTrainer.Predict(instance.Source, validation);
        double expected = Math.Sqrt(validation.Select((v, i) => w[i] * Math.Pow(nu[i] - v.Nu, 2)).Sum() / w.Sum());
        var cell = new StrategyCell(0, ReadOnlyMemory<int>.Empty, seeds.Child("cell"), null, CancellationToken.None);
        Assert.Equal(expected, problem.Strategies.Find(StrategyNames.SourceOnly)!.Run(instance, cell).Values["iw_source_rmse"], 10);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void The_generic_fine_tuning_strategies_are_offered_and_improve_on_the_water_network()
    {
        var (problem, instance, perm, seeds) = Setup();
        double Mape(string name) => problem.Strategies.Find(name)!
            .Run(instance, new StrategyCell(8, perm.AsMemory(0, 8), seeds.Child(name), null, CancellationToken.None)).Values["mape"];
        double sourceOnly = Mape(StrategyNames.SourceOnly);
        foreach (string name in new[] { FineTuningNames.L2Sp, FineTuningNames.BitFit, FineTuningNames.HeadOnly, FineTuningNames.Lora })
        {
            double m = Mape(name);
            Assert.True(double.IsFinite(m) && m < sourceOnly, $"{name}: {m:F2} % vs source-only {sourceOnly:F2} %");
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void The_feature_level_strategies_are_offered_and_give_finite_errors_with_and_without_labels()
    {
        var (problem, instance, perm, seeds) = Setup();
        foreach (string name in new[] { AdaptationNames.DeepCoral, AdaptationNames.Mmd, AdaptationNames.Dann })
        {
            foreach (int n in new[] { 0, 4 })
            {
                double m = problem.Strategies.Find(name)!
                    .Run(instance, new StrategyCell(n, perm.AsMemory(0, n), seeds.Child(name), null, CancellationToken.None)).Values["mape"];
                Assert.True(double.IsFinite(m) && m > 0, $"{name} at n = {n}: {m}");
            }
        }
    }
}
