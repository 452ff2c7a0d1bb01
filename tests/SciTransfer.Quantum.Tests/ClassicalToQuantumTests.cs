using SciTransfer.Core.Nn;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Data;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Problems;
using SciTransfer.Quantum.Tests.Support;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Tests;

public sealed class ClassicalToQuantumTests
{
    private const string Tiny = "\"source_samples\": 16, \"pool_size\": 12, \"test_size\": 20, \"steps\": 4, \"source_steps\": 6, \"conv\": \"ttn\", \"cnn_samples\": 120, \"cnn_epochs\": 1";

    // The repository ships this subset (2 500 images), as it ships the digits other tests read.
    private static ImageSet ShippedFashion() => FashionMnistIdx.LoadTrain(RepoPaths.Find("datasets/fashion-mnist-subset")!);

    [Fact]
    public void Upsampling_reproduces_an_affine_ramp_exactly_away_from_the_border()
    {
        // Bilinear interpolation is exact for affine images; only the clamped border pixels may differ.
        var raw = new byte[64];
        for (int r = 0; r < 8; r++)
        {
            for (int c = 0; c < 8; c++)
            {
                raw[(r * 8) + c] = (byte)(r + (2 * c));
            }
        }

        var set = new ImageSet(8, 8, raw, 1f / 16, [3]);
        var x = Images28.Of(set, [0]);
        Assert.Equal(784, x.Length);
        for (int r = 2; r < 26; r++)
        {
            for (int c = 2; c < 26; c++)
            {
                double sy = ((r + 0.5) * 8 / 28) - 0.5, sx = ((c + 0.5) * 8 / 28) - 0.5;
                Assert.Equal((sy + (2 * sx)) / 16, x[(r * 28) + c], 1e-12);
            }
        }
    }

    [Fact]
    public void The_cnn_has_the_lenet_parameter_count_and_a_256_wide_cut()
    {
        var cnn = new FeatureCnn(new Rng(1));
        int expected = (6 * 25) + 6 + (16 * 6 * 25) + 16 + (256 * 120) + 120 + (120 * 84) + 84 + (84 * 10) + 10;
        Assert.Equal(expected, cnn.ParameterCount());
        Assert.Equal(44426, expected);
        var pixels = new double[3 * 784];
        new Rng(2).FillUniform(pixels, 0, 1);
        var f = cnn.Extract(pixels);
        Assert.Equal(3 * 256, f.Length);
        Assert.All(f, v => Assert.True(v >= 0, "the cut follows a ReLU and a max-pool"));
    }

    [Fact]
    public void The_cnn_learns_ten_fashion_classes_far_above_chance_from_the_shipped_subset()
    {
        var fashion = ShippedFashion();
        var seeds = new SeedTree(3);
        var cnn = C2qFeatures.TrainCnn(fashion, 1500, 2, 32, 1e-3, seeds, default);
        var trainRows = seeds.Child("cnn-data").CreateRng().Permutation(fashion.Count).AsSpan(0, 1500).ToArray();
        var held = Enumerable.Range(0, fashion.Count).Except(trainRows).Take(500).ToArray();
        double acc = cnn.Accuracy(Images28.Of(fashion, held), [.. held.Select(r => fashion.Labels[r])], [.. Enumerable.Range(0, held.Length)]);
        Assert.True(acc > 0.6, $"held-out 10-class accuracy {acc:F3} (chance 0.1)");
    }

    [Fact]
    public void Encoded_samples_are_unit_states_proportional_to_the_cut_and_carry_its_channel_means()
    {
        var fashion = ShippedFashion();
        var cnn = new FeatureCnn(new Rng(4));
        int[] rows = [.. Enumerable.Range(0, fashion.Count).Where(i => fashion.Labels[i] is 0 or 1).Take(10)];
        var set = C2qFeatures.Encode(cnn, fashion, rows, [0, 1]);
        var f = cnn.Extract(Images28.Of(fashion, rows));
        Assert.Equal(16, set.FeatureCount);
        for (int i = 0; i < rows.Length; i++)
        {
            var state = set.States!.AsSpan(i * 512, 512);
            double norm = 0, fn = 0;
            for (int k = 0; k < 256; k++)
            {
                norm += (state[2 * k] * state[2 * k]) + (state[(2 * k) + 1] * state[(2 * k) + 1]);
                fn += f[(i * 256) + k] * f[(i * 256) + k];
            }

            Assert.Equal(1.0, norm, 1e-12);
            for (int k = 0; k < 256; k++)
            {
                Assert.Equal(f[(i * 256) + k] / Math.Sqrt(fn), state[2 * k], 1e-12);
                Assert.Equal(0.0, state[(2 * k) + 1]);
            }

            Assert.Equal(f.AsSpan((i * 256) + 32, 16).ToArray().Average(), set.Features[(i * 16) + 2], 1e-12);
            Assert.Equal(fashion.Labels[rows[i]] == 1 ? 1 : 0, set.Labels[i]);
        }
    }

    [Theory]
    [InlineData("qcnn")]
    [InlineData("classical")]
    public void C2q_cells_report_accuracy_for_every_strategy_and_repeat_identically(string model)
    {
        var a = RunCells("{" + Tiny + $", \"model\": \"{model}\"}}");
        Assert.All(a, v => Assert.InRange(v, 0.0, 1.0));
        Assert.Equal(a, RunCells("{" + Tiny + $", \"model\": \"{model}\"}}"));
    }

    [Fact]
    public void Descriptions_state_the_qcnn_count_and_the_matched_and_doubled_classical_heads()
    {
        var f = new ClassicalToQuantumFactory();
        var q = f.Create(ProblemTests.Options(f, "{\"conv\": \"su4\"}", quick: true), new ProblemSettings(Quick: true));
        var one = f.Create(ProblemTests.Options(f, "{\"model\": \"classical\", \"conv\": \"su4\"}", quick: true), new ProblemSettings(Quick: true));
        var two = f.Create(ProblemTests.Options(f, "{\"model\": \"classical\", \"conv\": \"su4\", \"capacity\": 2}", quick: true), new ProblemSettings(Quick: true));
        // QCNN: 3 * 15 + 6 = 51. Head on 16 channel means: (16 + 2) h + 1 with h = round(50 / 18) = 3 and round(101 / 18) = 6.
        Assert.Contains("51 parameters", q.Description);
        Assert.Contains("the matched classical MLP has 55", q.Description);
        Assert.Contains("MLP, 55 parameters = 1x budget", one.Description);
        Assert.Contains("MLP, 109 parameters = 2x budget", two.Description);
        Assert.Equal(q.ComparisonGroup, one.ComparisonGroup);
    }

    [Fact]
    public void A_missing_mnist_folder_is_a_config_error_naming_the_option()
    {
        var f = new ClassicalToQuantumFactory();
        var p = f.Create(ProblemTests.Options(f, "{" + Tiny + ", \"mnist_dir\": \"no/such/mnist\"}", quick: true), new ProblemSettings(Quick: true));
        var e = Assert.Throws<ConfigException>(() => p.Create(new ProblemContext(0, new SeedTree(1), new ProblemSettings(Quick: true))));
        Assert.Contains("mnist_dir", e.JsonPath + e.Message);
        var bad = Assert.Throws<ConfigException>(() => f.Create(ProblemTests.Options(f, "{\"target_classes\": [4, 4]}", quick: true), new ProblemSettings(Quick: true)));
        Assert.Contains("target_classes", bad.JsonPath + bad.Message);
    }

    private static double[] RunCells(string json)
    {
        var settings = new ProblemSettings(Quick: true, Backend: "managed");
        var factory = new ClassicalToQuantumFactory();
        var problem = factory.Create(ProblemTests.Options(factory, json, quick: true), settings);
        var seeds = new SeedTree(7).Child(factory.Name).Child(0);
        var instance = Assert.IsAssignableFrom<ProblemInstance<double[]>>(problem.Create(new ProblemContext(0, seeds, settings)));
        instance.UseSource(instance.PretrainSource(new SourceRequest(seeds.Child("source"), null, default)));
        var perm = seeds.Child("perm").CreateRng().Permutation(instance.TargetPoolSize);
        var result = new List<double>();
        foreach (var s in problem.Strategies)
        {
            foreach (int n in new[] { 0, 4, 12 })
            {
                var cell = s.Run(instance, new StrategyCell(n, perm.AsMemory(0, n), seeds.Child(s.Name).Child(n), null, default));
                result.Add(cell.Values["accuracy"]);
            }
        }

        return [.. result];
    }
}
