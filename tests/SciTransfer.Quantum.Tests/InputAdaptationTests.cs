using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Problems;
using SciTransfer.Quantum.Qcnn;
using SciTransfer.Quantum.Strategies;
using SciTransfer.Transfer.Adaptation;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Tests;

/// <summary>coral and importance-weighting on the quantum problems' encoded features, and the label-free metric.</summary>
public sealed class InputAdaptationTests
{
    private const string Tiny = "\"source_samples\": 24, \"pool_size\": 12, \"test_size\": 20, \"steps\": 4, \"source_steps\": 6, \"conv\": \"ttn\"";

    private static (ITransferProblem Problem, ProblemInstance Instance, SeedTree Seeds) Create(string json)
    {
        var f = new IsingToXxzFactory();
        var settings = new ProblemSettings(Quick: true, Backend: "managed");
        var problem = f.Create(ProblemTests.Options(f, json, quick: true), settings);
        var seeds = new SeedTree(7).Child("adapt");
        return (problem, problem.Create(new ProblemContext(0, seeds, settings)), seeds);
    }

    [Fact]
    public void Input_adaptation_is_offered_where_the_model_reads_the_encoded_features_only()
    {
        var ising = new IsingToXxzFactory();
        var fashion = new FashionToDigitsFactory();
        string[] da = [AdaptationNames.Coral, AdaptationNames.ImportanceWeighting];
        Assert.Subset(ising.Create(ProblemTests.Options(ising, "{\"model\": \"classical\"}", quick: true), new ProblemSettings(Quick: true)).Strategies.Names().ToHashSet(), da.ToHashSet());
        Assert.Subset(fashion.Create(ProblemTests.Options(fashion, "{\"model\": \"qcnn\"}", quick: true), new ProblemSettings(Quick: true)).Strategies.Names().ToHashSet(), da.ToHashSet());
        // The amplitude-encoded QCNN reads the ground state, not the correlators: aligning those would change nothing it sees.
        var amplitude = ising.Create(ProblemTests.Options(ising, "{\"model\": \"qcnn\"}", quick: true), new ProblemSettings(Quick: true)).Strategies.Names();
        Assert.DoesNotContain(AdaptationNames.Coral, amplitude);
        Assert.DoesNotContain(AdaptationNames.ImportanceWeighting, amplitude);
    }

    [Fact]
    public void Coral_and_importance_weighting_cells_report_every_metric_in_range_and_repeat_identically()
    {
        var a = ProblemTests.RunCells("quantum/ising-to-xxz", "{" + Tiny + ", \"model\": \"classical\"}", "managed", AdaptationNames.Coral, [0, 4]);
        var b = ProblemTests.RunCells("quantum/ising-to-xxz", "{" + Tiny + ", \"model\": \"classical\"}", "managed", AdaptationNames.Coral, [0, 4]);
        var w = ProblemTests.RunCells("quantum/ising-to-xxz", "{" + Tiny + ", \"model\": \"classical\"}", "managed", AdaptationNames.ImportanceWeighting, [0, 4]);
        Assert.Equal(a, b);
        Assert.Equal(4, a.Length); // 2 sizes x (accuracy, iw_source_accuracy)
        Assert.All(a.Concat(w), v => Assert.InRange(v, 0.0, 1.0));
    }

    [Fact]
    public void Weighted_training_on_source_equals_an_independent_resample_then_train_then_score()
    {
        // Recompute what TrainOnSource promises from the public pieces: rows drawn with probability w_i / sum w (seed
        // child "resample"), a fresh MLP (seed child "init") trained with the source settings (seed child
        // "source-train"), no fine-tune at n = 0, accuracy on the target test set.
        const string Json = "{\"source_samples\": 40, \"pool_size\": 12, \"test_size\": 30, \"source_steps\": 40, \"model\": \"classical\", \"conv\": \"ttn\"}";
        var (_, instance, seeds) = Create(Json);
        var adapt = Assert.IsAssignableFrom<IInputAdaptationInstance>(instance);
        var features = Assert.IsAssignableFrom<IEncodedFeaturesInstance>(instance);
        Assert.Equal(features.Pool.Features[(3 * features.Pool.FeatureCount) + 2], adapt.TargetInputs[3, 2]);
        var xs = adapt.SourceInputs;
        int[] labels = SourceLabels(adapt, seeds);
        var weights = Vector<double>.Build.Dense(labels.Length, i => 1.0 + (3.0 * labels[i]) + (i % 3));
        var cell = new StrategyCell(0, ReadOnlyMemory<int>.Empty, seeds.Child("cell"), null, default);

        var source = new LabelledSet(xs.ColumnCount, [.. Enumerable.Range(0, xs.RowCount).SelectMany(i => xs.Row(i))], labels);
        var resampled = source.Subset(ImportanceResampling.Draw(weights, xs.RowCount, cell.Seeds.Child("resample").CreateRng()));
        var model = new ClassicalModel(xs.ColumnCount, QcnnCircuit.ExpectedParameterCount(ConvAnsatz.Ttn));
        var theta = BinaryTrainer.Train(model, model.Initialize(cell.Seeds.Child("init").CreateRng()), resampled, new TrainingOptions(40, 25, 0.05), null, cell.Seeds.Child("source-train").CreateRng(), default);

        var result = adapt.TrainOnSource(xs, weights, cell);
        Assert.Equal(model.Accuracy(theta, features.Test), result.Values["accuracy"]);
        Assert.InRange(result.Values[QuantumTransferInstanceMetric], 0.0, 1.0);
    }

    private const string QuantumTransferInstanceMetric = "iw_source_accuracy";

    // The source labels are the Ising phase, 1 where g > 1; the instance does not expose them, so redraw the couplings
    // from the same seed child the problem uses (g ~ U(g_min, g_max) with the default range [0.2, 1.8]).
    private static int[] SourceLabels(IInputAdaptationInstance adapt, SeedTree seeds)
    {
        var g = new double[adapt.SourceInputs.RowCount];
        seeds.Child("source-data").CreateRng().FillUniform(g, 0.2, 1.8);
        return [.. g.Select(v => v > 1 ? 1 : 0)];
    }
}
