using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Model;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.FineTuning;

namespace SciTransfer.FuelMoisture.Tests;

/// <summary>The generic strategies on the fuel-moisture instance: its capability interfaces and a run of each.</summary>
public class GenericStrategyTests
{
    private static (Problems.FuelMoistureInstance Instance, Transfer.Problems.ITransferProblem Problem, SeedTree Seeds) Make(bool source = false)
    {
        var problem = TestProblems.Create(100, "{}", quick: true);
        var seeds = new SeedTree(17).Child(problem.Name).Child(0);
        var instance = TestProblems.Instance(problem, seeds, quick: true);
        if (!source)
        {
            instance.UseSource(MoistureNet.CreateChrono(Features.Count, instance.Options.Hidden, 48, new Rng(3)));
        }
        else
        {
            instance.UseSource(instance.PretrainSource(new Transfer.Problems.SourceRequest(seeds.Child("source"), null, default)));
        }

        return (instance, problem, seeds);
    }

    [Fact]
    public void Lora_on_the_lstm_and_dense_matrices_starts_exactly_at_the_source_network()
    {
        var (instance, _, _) = Make();
        var model = (MoistureNet)instance.CloneSource();
        var (adapters, _) = new LoraStrategy().Attach(instance, model, new Rng(5));
        Assert.Equal(5, adapters.Count);
        Assert.Same(model.Lstm.WeightInput, adapters[0].Weight);
        Assert.Same(model.Lstm.WeightHidden, adapters[1].Weight);
        foreach (var a in adapters)
        {
            a.MergeInto();
        }

        Assert.Equal(instance.Predict(instance.Source), instance.Predict(model));
    }

    [Fact]
    public void Bitfit_trains_the_lstm_gate_biases_of_which_the_time_warp_shifts_are_a_special_case()
    {
        var (instance, _, _) = Make();
        var model = (MoistureNet)instance.CloneSource();
        var biases = instance.Biases(model);
        Assert.Same(model.Lstm.Bias, biases[0]);
        Assert.Equal((4 * model.Hidden) + MoistureNet.Dense1Width + MoistureNet.Dense2Width + 1, biases.Sum(b => b.Count));
    }

    [Fact]
    public void The_source_and_target_input_rows_are_the_standardised_hours_of_source_and_pool_stations()
    {
        var (instance, _, _) = Make();
        var xs = instance.SourceInputs;
        var sc = instance.Scenario;
        Assert.Equal(sc.SourceTrain.Sum(s => s.Length), xs.RowCount);
        int last = sc.SourceTrain[^1].Length - 1;
        for (int j = 0; j < Features.Count; j++)
        {
            Assert.Equal(sc.SourceTrain[0].X[j], xs[0, j]);
            Assert.Equal(sc.SourceTrain[^1].X[(last * Features.Count) + j], xs[xs.RowCount - 1, j]);
            Assert.Equal(sc.PoolInputs[1][j], instance.TargetInputs[sc.TargetLength, j]);
        }
    }

    [Fact]
    public void The_feature_forward_adds_the_subsets_masked_mse_to_the_source_loss_and_gives_hidden_features()
    {
        var (instance, _, _) = Make();
        var model = (MoistureNet)instance.CloneSource();
        var f0 = instance.Forward(model, new Tape(), ReadOnlySpan<int>.Empty, 3);
        int[] subset = [0, 1, 2, 3];
        var f1 = instance.Forward(model, new Tape(), subset, 3);
        Assert.Equal(model.Hidden, f0.SourceFeatures.Value.Dim(1));
        Assert.Equal(model.Hidden, f0.TargetFeatures.Value.Dim(1));

        // Independent: the subset's weighted MSE over whole sequences (Trainer.Evaluate) is the difference.
        double expected = Trainer.Evaluate(model, instance.FitSequences([.. subset.Select(i => instance.Scenario.Pool[i])]));
        Assert.Equal(expected, f1.SupervisedLoss.Item - f0.SupervisedLoss.Item, 10);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Every_generic_strategy_runs_on_a_quick_problem_and_gives_a_finite_rmse()
    {
        var (instance, problem, seeds) = Make(source: true);
        var permutation = seeds.Child("subset").CreateRng().Permutation(instance.TargetPoolSize);
        string[] names = [FineTuningNames.L2Sp, FineTuningNames.BitFit, FineTuningNames.HeadOnly, "train-last-2", FineTuningNames.Lora,
            AdaptationNames.Coral, AdaptationNames.ImportanceWeighting, AdaptationNames.DeepCoral, AdaptationNames.Mmd, AdaptationNames.Dann];
        foreach (string name in names)
        {
            var r = TestProblems.Run(problem, instance, name, 8, permutation, seeds.Child(name));
            Assert.True(double.IsFinite(r.Values["rmse"]), $"{name}: rmse {r.Values["rmse"]}");
            Assert.True(double.IsNaN(r.Values["warp_forget_shift"]), $"{name} has no warp shift");
        }
    }
}
