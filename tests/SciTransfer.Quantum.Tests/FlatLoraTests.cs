using MathNet.Numerics.LinearAlgebra;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Problems;
using SciTransfer.Quantum.Strategies;
using SciTransfer.Transfer.FineTuning;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Tests;

/// <summary>lora on the classical MLP's flat parameter vector (<see cref="FlatLora"/>, <see cref="LoraModel"/>, <see cref="FlatLoraStrategy"/>).</summary>
public sealed class FlatLoraTests
{
    private const string Tiny = "\"source_samples\": 24, \"pool_size\": 16, \"test_size\": 20, \"steps\": 6, \"source_steps\": 8, \"conv\": \"ttn\"";

    [Fact]
    public void Merge_adds_alpha_over_r_times_A_B_to_the_block_only_as_written_out_by_hand()
    {
        // One 2 x 3 block at offset 1 of a 9-vector, rank 2 (capped at 2), alpha 4: s = 2.
        var lora = new FlatLora([new FlatMatrixBlock(1, 2, 3)], 5, 4.0);
        Assert.Equal([2], lora.Ranks);
        Assert.Equal(2 * (2 + 3), lora.AdapterCount);
        double[] source = [10, 11, 12, 13, 14, 15, 16, 17, 18];
        double[] phi = [1, 2, 3, 4, /* A = [[1, 2], [3, 4]] */ 1, 0, -1, 0.5, 2, 1 /* B = [[1, 0, -1], [0.5, 2, 1]] */];
        // A B = [[2, 4, 1], [5, 8, 1]].
        double[] expected = [10, 11 + 4, 12 + 8, 13 + 2, 14 + 10, 15 + 16, 16 + 2, 17, 18];
        Assert.Equal(expected, lora.Merge(source, phi));
        var start = lora.InitialAdapters(new Rng(1));
        Assert.Equal(source, lora.Merge(source, start)); // B = 0 at start: the source exactly
        Assert.Contains(start.Take(4), v => v != 0);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void The_adapter_gradient_matches_central_differences_of_the_loss_of_the_merged_mlp(int classes)
    {
        var model = new ClassicalModel(4, 40, classes);
        var rng = new Rng(11);
        var data = new LabelledSet(4, [.. Enumerable.Range(0, 40).Select(_ => rng.Normal())], [.. Enumerable.Range(0, 10).Select(i => i % classes)], classes: classes);
        var source = model.Initialize(new Rng(2));
        var lora = new FlatLora(model.WeightMatrices, 2, 4.0);
        var wrapped = new LoraModel(model, source, lora);
        var phi = new double[lora.AdapterCount];
        new Rng(3).FillNormal(phi, 0.3); // B non-zero, so dL/dA is not trivially zero
        var grad = new double[phi.Length];
        wrapped.LossAndGradient(phi, data, grad);
        double L(double[] p) => model.LossAndGradient(lora.Merge(source, p), data, new double[source.Length]);
        for (int k = 0; k < phi.Length; k++)
        {
            var up = (double[])phi.Clone();
            var down = (double[])phi.Clone();
            up[k] += 1e-6;
            down[k] -= 1e-6;
            double fd = (L(up) - L(down)) / 2e-6;
            Assert.True(Math.Abs(fd - grad[k]) < 1e-6 * (1 + Math.Abs(fd)), $"phi[{k}]: finite difference {fd}, gradient {grad[k]}");
        }

        Assert.Contains(grad, g => Math.Abs(g) > 1e-4);
    }

    [Trait("Category", "Slow")] // ~4 s: pre-trains the source MLP and trains three cells
    [Fact]
    public void Lora_is_offered_for_the_mlp_only_keeps_biases_and_moves_each_weight_by_a_rank_two_update()
    {
        var f = new IsingToXxzFactory();
        var settings = new ProblemSettings(Quick: true, Backend: "managed");
        Assert.DoesNotContain(FineTuningNames.Lora, f.Create(ProblemTests.Options(f, "{" + Tiny + ", \"model\": \"qcnn\"}", quick: true), settings).Strategies.Names());
        // conv su4 (the default): the matched MLP is wide enough (8 inputs, h > 2) for a rank-2 update to be a restriction.
        var classical = f.Create(ProblemTests.Options(f, "{" + Tiny.Replace("ttn", "su4", StringComparison.Ordinal) + ", \"model\": \"classical\"}", quick: true), settings);
        Assert.Contains(FineTuningNames.Lora, classical.Strategies.Names());

        var seeds = new SeedTree(3).Child("lora");
        var created = (ProblemInstance<double[]>)classical.Create(new ProblemContext(0, seeds, settings));
        created.UseSource(created.PretrainSource(new SourceRequest(seeds.Child("source"), null, CancellationToken.None)));
        var instance = Assert.IsAssignableFrom<IFlatParameterInstance>(created);
        var blocks = instance.WeightMatrices!;
        var trained = instance.TrainLora(instance.Source, [0, 1, 2, 3, 4, 5, 6, 7], new FlatLora(blocks, 2, 4.0), new Rng(4), new Rng(5), CancellationToken.None);
        var biases = instance.BiasParameters!;
        for (int k = 0; k < trained.Length; k++)
        {
            if (biases[k])
            {
                Assert.Equal(instance.Source[k], trained[k]);
            }
        }

        var w1 = blocks[0];
        Assert.True(Math.Min(w1.Rows, w1.Columns) >= 3, $"hidden weight {w1.Rows} x {w1.Columns}");
        var delta = Matrix<double>.Build.Dense(w1.Rows, w1.Columns, (i, j) => trained[w1.Offset + (i * w1.Columns) + j] - instance.Source[w1.Offset + (i * w1.Columns) + j]);
        var sv = delta.Svd(false).S;
        Assert.True(sv[0] > 1e-4, $"the hidden weights moved by {sv[0]}");
        Assert.True(sv[2] < 1e-10 * sv[0], $"third singular value {sv[2]} of the update (rank 2 expected)");

        // n = 0 is the source model; cells repeat exactly.
        var lora = classical.Strategies.Find(FineTuningNames.Lora)!;
        var empty = new StrategyCell(0, ReadOnlyMemory<int>.Empty, seeds.Child("cell0"), null, CancellationToken.None);
        Assert.Equal(classical.Strategies.Find(StrategyNames.SourceOnly)!.Run(created, empty).Values["accuracy"], lora.Run(created, empty).Values["accuracy"]);
        var cell = new StrategyCell(6, new[] { 0, 1, 2, 3, 4, 5 }, seeds.Child("cell"), null, CancellationToken.None);
        Assert.Equal(lora.Run(created, cell).Values, lora.Run(created, cell).Values);
    }
}
