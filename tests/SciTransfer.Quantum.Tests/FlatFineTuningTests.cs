using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Problems;
using SciTransfer.Quantum.Strategies;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Tests;

/// <summary>l2-sp (both models), bitfit and head-only (classical MLP) on the flat-parameter quantum problems.</summary>
public sealed class FlatFineTuningTests
{
    private const string Tiny = "\"source_samples\": 24, \"pool_size\": 16, \"test_size\": 20, \"steps\": 6, \"source_steps\": 8, \"conv\": \"ttn\"";

    private static LabelledSet Toy(int n, int features, Rng rng)
    {
        var x = new double[n * features];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < features; j++)
            {
                x[(i * features) + j] = rng.Normal();
                s += x[(i * features) + j] * (j + 1);
            }

            y[i] = s > 0 ? 1 : 0;
        }

        return new LabelledSet(features, x, y);
    }

    [Fact]
    public void The_anchor_gradient_is_the_gradient_of_alpha_half_the_squared_distance_added_to_the_cross_entropy()
    {
        var model = new ClassicalModel(3, 20);
        var rng = new Rng(5);
        var data = Toy(10, 3, rng);
        var anchor = model.Initialize(new Rng(1));
        var theta = model.Initialize(new Rng(2));
        const double alpha = 0.7;
        var grad = new double[theta.Length];
        model.LossAndGradient(theta, data, grad);
        BinaryTrainer.AddAnchorGradient(theta, anchor, alpha, grad);
        double J(double[] t) => model.LossAndGradient(t, data, new double[t.Length]) + (alpha / 2 * t.Select((v, k) => (v - anchor[k]) * (v - anchor[k])).Sum());
        for (int k = 0; k < theta.Length; k++)
        {
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[k] += 1e-6;
            down[k] -= 1e-6;
            double fd = (J(up) - J(down)) / 2e-6;
            Assert.True(Math.Abs(fd - grad[k]) < 1e-6 * (1 + Math.Abs(fd)), $"theta[{k}]: finite difference {fd}, gradient {grad[k]}");
        }
    }

    [Fact]
    public void Zero_strength_is_plain_training_bit_for_bit_and_a_strong_anchor_stays_near_the_start()
    {
        var model = new ClassicalModel(3, 20);
        var data = Toy(40, 3, new Rng(6));
        var start = model.Initialize(new Rng(3));
        var options = new TrainingOptions(60, 10, 0.05);
        var plain = BinaryTrainer.Train(model, start, data, options, null, new Rng(4), CancellationToken.None);
        var zero = BinaryTrainer.Train(model, start, data, options, null, new Rng(4), CancellationToken.None, anchorStrength: 0);
        var strong = BinaryTrainer.Train(model, start, data, options, null, new Rng(4), CancellationToken.None, anchorStrength: 100);
        Assert.Equal(plain, zero);
        double Distance(double[] t) => Math.Sqrt(t.Select((v, k) => (v - start[k]) * (v - start[k])).Sum());
        Assert.True(Distance(strong) < 0.3 * Distance(plain), $"anchored {Distance(strong):G3} vs plain {Distance(plain):G3}");
        Assert.Throws<ArgumentException>(() => BinaryTrainer.Train(model, start, data, options, null, new Rng(4), CancellationToken.None, anchorStrength: -1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void The_MLP_bias_flags_are_the_engine_MLP_bias_parameters_and_the_QCNN_has_none(int classes)
    {
        var model = new ClassicalModel(5, 40, classes);
        int outputs = classes == 2 ? 1 : classes;
        var engine = new Mlp("mlp", [5, model.Hidden, outputs], Activation.Tanh, new Rng(0), Activation.Sigmoid);
        var expected = new List<bool>();
        foreach (var p in engine.Parameters)
        {
            expected.AddRange(Enumerable.Repeat(p.Name.EndsWith("bias", StringComparison.Ordinal), p.Count));
        }

        Assert.Equal(expected, model.BiasParameters);
        Assert.Equal(model.Hidden + outputs, model.BiasParameters.Count(b => b));
    }

    [Fact]
    public void Strategies_are_offered_per_model_and_bitfit_moves_only_the_biases()
    {
        var f = new IsingToXxzFactory();
        var settings = new ProblemSettings(Quick: true, Backend: "managed");
        var qcnn = f.Create(ProblemTests.Options(f, "{" + Tiny + ", \"model\": \"qcnn\"}", quick: true), settings).Strategies.Names();
        var classical = f.Create(ProblemTests.Options(f, "{" + Tiny + ", \"model\": \"classical\"}", quick: true), settings);
        Assert.Contains(FineTuningNames.L2Sp, qcnn);
        Assert.DoesNotContain(FineTuningNames.BitFit, qcnn);
        Assert.DoesNotContain(FineTuningNames.HeadOnly, qcnn);
        Assert.Subset(classical.Strategies.Names().ToHashSet(), new HashSet<string> { FineTuningNames.L2Sp, FineTuningNames.BitFit, FineTuningNames.HeadOnly });

        var seeds = new SeedTree(3).Child("flat");
        var created = (ProblemInstance<double[]>)classical.Create(new ProblemContext(0, seeds, settings));
        created.UseSource(created.PretrainSource(new SourceRequest(seeds.Child("source"), null, CancellationToken.None)));
        var instance = Assert.IsAssignableFrom<IFlatParameterInstance>(created);
        bool[] biases = instance.BiasParameters!;
        var trained = instance.Train(instance.Source, [0, 1, 2, 3, 4, 5], [.. biases.Select(b => !b)], new Rng(8), CancellationToken.None);
        for (int k = 0; k < trained.Length; k++)
        {
            if (!biases[k])
            {
                Assert.Equal(instance.Source[k], trained[k]);
            }
        }

        Assert.Contains(Enumerable.Range(0, trained.Length), k => biases[k] && trained[k] != instance.Source[k]);

        // head-only is freeze-conv's training: with the same seed stream the two give the same accuracy.
        var cell = new StrategyCell(6, new[] { 0, 1, 2, 3, 4, 5 }, seeds.Child("cell"), null, CancellationToken.None);
        Assert.Equal(classical.Strategies.Find("freeze-conv")!.Run(created, cell).Values["accuracy"], classical.Strategies.Find(FineTuningNames.HeadOnly)!.Run(created, cell).Values["accuracy"]);
        foreach (var name in new[] { FineTuningNames.L2Sp, FineTuningNames.BitFit, FineTuningNames.HeadOnly })
        {
            foreach (int n in new[] { 4, 12 })
            {
                var c = new StrategyCell(n, Enumerable.Range(0, n).ToArray(), seeds.Child(name), null, CancellationToken.None);
                double a = classical.Strategies.Find(name)!.Run(created, c).Values["accuracy"];
                Assert.Equal(a, classical.Strategies.Find(name)!.Run(created, c).Values["accuracy"]);
                Assert.InRange(a, 0.0, 1.0);
            }
        }
    }
}
