using System.Text.Json;
using SciTransfer.Core.Random;
using SciTransfer.HeatSink.Data;
using SciTransfer.HeatSink.Models;
using SciTransfer.HeatSink.Problems;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.HeatSink.Tests;

/// <summary>coral and importance-weighting on the Nusselt problem (<see cref="NusseltInstance"/> as <see cref="IInputAdaptationInstance"/>).</summary>
public class NusseltInputAdaptationTests
{
    private static (ITransferProblem Problem, NusseltInstance Instance, SeedTree Seeds) Setup()
    {
        var factory = new NusseltFactory();
        var reader = new OptionsReader("t.json", "$.options", JsonDocument.Parse("""{ "source_steps": 60, "steps": 30, "test_size": 40, "water_points": 60 }""").RootElement);
        var configured = factory.Create(factory.Options.Read(reader, quick: false), new ProblemSettings());
        var seeds = new SeedTree(5).Child("nusselt").Child(0);
        return (configured, (NusseltInstance)configured.Create(new ProblemContext(0, seeds, new ProblemSettings())), seeds);
    }

    [Fact]
    public void Inputs_are_the_network_features_and_a_design_with_given_features_reproduces_them()
    {
        var (problem, instance, _) = Setup();
        Assert.Contains(AdaptationNames.Coral, problem.Strategies.Names());
        Assert.Contains(AdaptationNames.ImportanceWeighting, problem.Strategies.Names());
        var xs = instance.SourceInputs;
        var xt = instance.TargetInputs;
        Assert.Equal(instance.TargetPoolSize, xt.RowCount);
        var f = new double[6];
        instance.Pool[3].Features(f);
        Assert.Equal(f, xt.Row(3).ToArray());

        // Any row, also one no channel has (negative aspect ratio), maps back to itself through the features.
        double[] row = [2.7, 1.3, -0.4, 5.0, 0.8, 1.9];
        var design = NusseltInstance.DesignWithFeatures(instance.Pool[0], row);
        design.Features(f);
        for (int j = 0; j < 6; j++)
        {
            Assert.Equal(row[j], f[j], 12);
        }

        Assert.Equal(instance.Pool[0].Nu, design.Nu);
        Assert.Equal(instance.Water.Count, xs.RowCount);
        instance.Water[5].Features(f);
        Assert.Equal(f, xs.Row(5).ToArray());
    }

    [Trait("Category", "Slow")] // trains four small networks
    [Fact]
    public void Unadapted_unweighted_inputs_train_the_source_recipe_and_both_strategies_repeat_exactly()
    {
        var (problem, instance, seeds) = Setup();
        var cell = new StrategyCell(0, ReadOnlyMemory<int>.Empty, seeds.Child("cell"), null, CancellationToken.None);
        var viaCapability = instance.TrainOnSource(instance.SourceInputs, null, cell);

        // Independently: the water recipe of PretrainSource on the water designs with the cell's seed children.
        // (The capability goes through the features and back, so Pe and L/D may differ in the last bit: compared to 1e-9.)
        var designs = instance.Water;
        var net = NusseltTrainer.NewNetwork(designs, [16, 16], cell.Seeds.Child("init").CreateRng());
        NusseltTrainer.Train(net, designs, designs, NusseltInstance.WaterPrior(), instance.Balancing, 60, LearningRateOf(problem), cell.Seeds.Child("source-train").CreateRng());
        var predicted = NusseltTrainer.Predict(net, instance.Test);
        double rmse = Math.Sqrt(instance.Test.Select((t, i) => Math.Pow(predicted[i] - t.Nu, 2)).Average());
        Assert.Equal(rmse, viaCapability.Values["rmse"], rmse * 1e-9);

        var c4 = new StrategyCell(4, new[] { 0, 1, 2, 3 }, seeds.Child("c4"), null, CancellationToken.None);
        foreach (string name in new[] { AdaptationNames.Coral, AdaptationNames.ImportanceWeighting })
        {
            var a = problem.Strategies.Find(name)!.Run(instance, c4).Values;
            Assert.Equal(a, problem.Strategies.Find(name)!.Run(instance, c4).Values);
            Assert.True(double.IsFinite(a["rmse"]) && a["rmse"] > 0, $"{name}: {a["rmse"]}");
        }
    }

    private static double LearningRateOf(ITransferProblem problem) => ((NusseltProblem)problem).Settings.LearningRate;
}
