using SciTransfer.Core.Random;
using SciTransfer.Quantum.Data;
using SciTransfer.Quantum.Models;
using SciTransfer.Quantum.Problems;
using SciTransfer.Quantum.Strategies;
using SciTransfer.Quantum.Tests.Support;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Tests;

/// <summary>quantum/image-files on the shipped files: encodings' shapes, the shipped subset, config errors, determinism.</summary>
public sealed class ImageFilesTests
{
    private const string Tiny = "\"source_samples\": 16, \"pool_size\": 12, \"test_size\": 20, \"steps\": 4, \"source_steps\": 6, \"conv\": \"ttn\"";

    private static readonly string Subset = RepoPaths.Find("datasets/fashion-mnist-subset")!;
    private static readonly string DigitsCsvFile = RepoPaths.Find(ImageFilesFactory.DefaultTarget)!;

    private static string Files =>
        $"\"source_images\": \"{Subset}/train-images-idx3-ubyte.gz\", \"source_labels\": \"{Subset}/train-labels-idx1-ubyte.gz\", \"target_images\": \"{DigitsCsvFile}\"";

    [Fact]
    public void The_shipped_subset_holds_250_training_and_50_test_images_per_class_of_28_by_28()
    {
        var train = IdxFile.LoadPair(Path.Combine(Subset, "train-images-idx3-ubyte.gz"), Path.Combine(Subset, "train-labels-idx1-ubyte.gz"));
        var test = IdxFile.LoadPair(Path.Combine(Subset, "t10k-images-idx3-ubyte.gz"), Path.Combine(Subset, "t10k-labels-idx1-ubyte.gz"));
        Assert.Equal((28, 28), (train.Height, train.Width));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(250, train.Labels.Count(l => l == c)));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(50, test.Labels.Count(l => l == c)));
    }

    [Fact]
    public void Pca_angles_give_k_angles_in_range_and_zero_on_the_unused_wires()
    {
        var instance = Instance("{" + Tiny + ", " + Files + ", \"components\": 3}");
        var pool = instance.Pool;
        Assert.Equal(8, pool.FeatureCount);
        Assert.Null(pool.States);
        for (int i = 0; i < pool.Count; i++)
        {
            var row = pool.Features.AsSpan(i * 8, 8);
            Assert.All(row[..3].ToArray(), a => Assert.InRange(a, 0, Math.PI));
            Assert.All(row[3..].ToArray(), a => Assert.Equal(0, a));
        }
    }

    [Fact]
    public void Amplitude_encoding_gives_unit_norm_256_amplitude_states_and_pca8_features()
    {
        var instance = Instance("{" + Tiny + ", " + Files + ", \"encoding\": \"amplitude\"}");
        var test = instance.Test;
        Assert.Equal(512, test.StateDoubles);
        for (int i = 0; i < test.Count; i++)
        {
            double norm = 0;
            foreach (double v in test.States!.AsSpan(i * 512, 512))
            {
                norm += v * v;
            }

            Assert.Equal(1, norm, 1e-12);
        }

        Assert.Contains(test.Features, a => a > 0 && a < Math.PI);
    }

    [Fact]
    public void Resizing_keeps_a_16_by_16_image_and_a_constant_image_of_any_size()
    {
        var grid = Enumerable.Range(0, 256).Select(i => i / 255f).ToArray();
        var v = new double[256];
        SampleVectors.Write(new ImageTable("g", 16, 16, grid, [0], true), 0, v);
        Assert.Equal(grid.Select(g => (double)g), v);
        // Bilinear weights sum to one, so a constant 5x7 image stays constant.
        SampleVectors.Write(new ImageTable("c", 5, 7, Enumerable.Repeat(0.25f, 35).ToArray(), [0], true), 0, v);
        Assert.All(v, x => Assert.Equal(0.25, x, 12));
        Assert.Equal(3, SampleVectors.Length(new ImageTable("f", 1, 3, [1, 2, 3], [0], false)));
    }

    [Fact]
    public void Pca_maps_the_fitting_mean_to_half_pi_and_orders_points_along_the_leading_direction()
    {
        // Rows t * u + c for t = -2..2 with u = (1, 2, -1): one principal direction; the mean (t = 0) projects to 0,
        // i.e. z = 0 and angle pi/2; other t map monotonically (the sign is fixed by u's largest entry, +2).
        double[] u = [1, 2, -1], c = [0.5, 0, 3];
        var rows = Enumerable.Range(-2, 5).SelectMany(t => u.Select((ui, j) => (t * ui) + c[j])).ToArray();
        var map = PcaAngles.Fit(rows, 3, 1);
        var a = new double[5];
        for (int t = 0; t < 5; t++)
        {
            map.Transform(rows.AsSpan(t * 3, 3), a.AsSpan(t, 1));
        }

        Assert.Equal(Math.PI / 2, a[2], 12);
        Assert.True(a[0] < a[1] && a[1] < a[2] && a[2] < a[3] && a[3] < a[4], string.Join(", ", a));
    }

    [Fact]
    public void Every_strategy_runs_and_a_problem_repeats_identically_with_logistic_regression_as_its_baseline()
    {
        var a = Run("{" + Tiny + ", " + Files + ", \"model\": \"classical\"}");
        var b = Run("{" + Tiny + ", " + Files + ", \"model\": \"classical\"}");
        Assert.Equal(a, b);
        Assert.All(a.Values, v => Assert.InRange(v, 0.0, 1.0));
        Assert.Contains("logistic-regression/12", a.Keys);
        var problem = Problem("{" + Tiny + ", " + Files + "}");
        Assert.Equal(["logistic-regression"], problem.Strategies.Where(s => s.IsBaseline).Select(s => s.Name));
        Assert.Contains(Subset, problem.Description, StringComparison.Ordinal);
        Assert.Contains("(CSV)", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Held_out_source_samples_are_balanced_unseen_in_training_and_weighted_into_the_label_free_accuracy()
    {
        var problem = Problem("{" + Tiny + ", " + Files + ", \"model\": \"classical\"}");
        var metric = Assert.Single(problem.Metrics, m => m.EstimateOf is not null);
        Assert.Equal(("iw_source_accuracy", "accuracy"), (metric.Name, metric.EstimateOf));
        var instance = Create(problem);
        var features = Assert.IsAssignableFrom<IEncodedFeaturesInstance>(instance);
        LabelledSet? held = null;
        Assert.Equal(1.0, features.LabelFreeMetrics(set => (held = set).Labels)["iw_source_accuracy"]);
        Assert.Equal(0.0, features.LabelFreeMetrics(set => [.. set.Labels.Select(y => 1 - y)])["iw_source_accuracy"]);
        double allZero = features.LabelFreeMetrics(set => new int[set.Count])["iw_source_accuracy"];
        Assert.InRange(allZero, 1e-3, 1 - 1e-3); // a weighted share of class 0, neither extreme

        // test_size 20: 10 per class, none of them among the source training samples (distinct images, distinct features).
        Assert.NotNull(held);
        Assert.Equal(20, held.Count);
        Assert.Equal(10, held.Labels.Count(y => y == 1));
        var xs = Assert.IsAssignableFrom<SciTransfer.Transfer.Adaptation.IInputAdaptationInstance>(instance).SourceInputs;
        var trained = Enumerable.Range(0, xs.RowCount).Select(i => string.Join(",", xs.Row(i))).ToHashSet();
        int d = held.FeatureCount;
        Assert.DoesNotContain(Enumerable.Range(0, held.Count), i => trained.Contains(string.Join(",", held.Features.Skip(i * d).Take(d))));
    }

    [Fact]
    public void Logistic_regression_ignores_the_seed()
    {
        var instance = Instance("{" + Tiny + ", " + Files + "}");
        var strategy = new ImageFilesFactory().Create(ProblemTests.Options(new ImageFilesFactory(), "{" + Tiny + ", " + Files + "}", quick: true), new ProblemSettings(Quick: true))
            .Strategies.Single(s => s.Name == "logistic-regression");
        int[] subset = [0, 1, 2, 3, 4, 5];
        double Acc(ulong seed) => strategy.Run((ProblemInstance)instance, new StrategyCell(6, subset, new SeedTree(seed), null, default)).Values["accuracy"];
        Assert.Equal(Acc(1), Acc(2));
    }

    [Fact]
    public void A_class_absent_from_the_file_names_the_file_and_the_labels_present()
    {
        var problem = Problem("{" + Tiny + ", " + Files + ", \"target_classes\": [0, 42]}");
        var e = Assert.Throws<DataFormatException>(() => Create(problem));
        Assert.Equal(DigitsCsvFile, e.File);
        Assert.Contains("target class 42 has 0 samples", e.Problem, StringComparison.Ordinal);
        Assert.Contains("labels present: 0, 1, 2", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_errors_name_the_option()
    {
        var f = new ImageFilesFactory();
        var settings = new ProblemSettings(Quick: true);
        // IDX images without their label file.
        var e = Assert.Throws<ConfigException>(() => f.Create(ProblemTests.Options(f, "{" + $"\"target_images\": \"{Subset}/t10k-images-idx3-ubyte.gz\"" + "}", quick: true), settings));
        Assert.EndsWith("target_labels", e.JsonPath, StringComparison.Ordinal);
        e = Assert.Throws<ConfigException>(() => f.Create(ProblemTests.Options(f, "{\"source_classes\": [2, 2]}", quick: true), settings));
        Assert.EndsWith("source_classes", e.JsonPath, StringComparison.Ordinal);
        Assert.Throws<ConfigException>(() => ProblemTests.Options(f, "{\"components\": 9}", quick: true));
        // A missing target file: the problem lists, the repeat's data fails naming the option and the paths tried.
        var problem = f.Create(ProblemTests.Options(f, "{" + Tiny + ", " + Files.Replace(DigitsCsvFile, "/nonexistent/x.csv", StringComparison.Ordinal) + "}", quick: true), settings);
        e = Assert.Throws<ConfigException>(() => Create(problem));
        Assert.EndsWith("target_images", e.JsonPath, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/x.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feature_csvs_must_match_the_source_length_and_fit_amplitude_encoding()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"img-files-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string Write(string name, int features)
            {
                var rng = new Rng(3);
                var lines = new List<string> { "y," + string.Join(",", Enumerable.Range(0, features).Select(j => $"f{j}")) };
                lines.AddRange(Enumerable.Range(0, 40).Select(i => $"{i % 2}," + string.Join(",", Enumerable.Range(0, features).Select(_ => rng.Normal().ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));
                string p = Path.Combine(dir, name);
                File.WriteAllLines(p, lines);
                return p;
            }

            string s5 = Write("s5.csv", 5), t5 = Write("t5.csv", 5), t6 = Write("t6.csv", 6), s300 = Write("s300.csv", 300);
            string Opts(string s, string t, string extra = "") => "{" + Tiny + $", \"source_images\": \"{s}\", \"target_images\": \"{t}\", \"label_column\": \"y\", \"csv_layout\": \"features\"{extra}" + "}";
            Assert.Equal(8, Instance(Opts(s5, t5, ", \"components\": 5")).Pool.FeatureCount);
            var e = Assert.Throws<ConfigException>(() => Create(Problem(Opts(s5, t6, ", \"components\": 5"))));
            Assert.EndsWith("target_images", e.JsonPath, StringComparison.Ordinal);
            e = Assert.Throws<ConfigException>(() => Create(Problem(Opts(s5, t5, ", \"components\": 6"))));
            Assert.EndsWith("components", e.JsonPath, StringComparison.Ordinal);
            e = Assert.Throws<ConfigException>(() => Create(Problem(Opts(s300, s300, ", \"encoding\": \"amplitude\""))));
            Assert.EndsWith("encoding", e.JsonPath, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Fashion_to_digits_and_image_files_say_which_fashion_files_they_used()
    {
        var f = new FashionToDigitsFactory();
        var problem = f.Create(ProblemTests.Options(f, "{}", quick: true), new ProblemSettings(Quick: true));
        // Full files installed: their folder; absent: the shipped subset, said as such.
        string expected = FashionMnistIdx.IsAvailable(FashionMnistIdx.DefaultDirectory)
            ? "Fashion-MNIST from " + FashionMnistIdx.DefaultDirectory
            : "the shipped Fashion-MNIST subset";
        Assert.Contains(expected, problem.Description, StringComparison.Ordinal);
        var images = new ImageFilesFactory();
        var defaults = images.Create(ProblemTests.Options(images, "{}", quick: true), new ProblemSettings(Quick: true));
        Assert.Contains(
            FashionMnistIdx.IsAvailable(FashionMnistIdx.DefaultDirectory) ? FashionMnistIdx.DefaultDirectory + "/train-images-idx3-ubyte.gz" : "the shipped Fashion-MNIST subset",
            defaults.Description,
            StringComparison.Ordinal);
    }

    private static ITransferProblem Problem(string json)
    {
        var f = new ImageFilesFactory();
        return f.Create(ProblemTests.Options(f, json, quick: true), new ProblemSettings(Quick: true, Backend: "managed"));
    }

    private static ProblemInstance Create(ITransferProblem problem) =>
        problem.Create(new ProblemContext(0, new SeedTree(7).Child("image-files").Child(0), new ProblemSettings(Quick: true, Backend: "managed")));

    private static IEncodedFeaturesInstance Instance(string json) => Assert.IsAssignableFrom<IEncodedFeaturesInstance>(Create(Problem(json)));

    private static Dictionary<string, double> Run(string json)
    {
        var problem = Problem(json);
        var seeds = new SeedTree(7).Child("image-files").Child(0);
        var instance = Assert.IsAssignableFrom<ProblemInstance<double[]>>(problem.Create(new ProblemContext(0, seeds, new ProblemSettings(Quick: true, Backend: "managed"))));
        instance.UseSource(instance.PretrainSource(new SourceRequest(seeds.Child("source"), null, default)));
        var perm = seeds.Child("perm").CreateRng().Permutation(instance.TargetPoolSize);
        var result = new Dictionary<string, double>();
        foreach (var s in problem.Strategies)
        {
            foreach (int n in new[] { 4, 12 })
            {
                result[$"{s.Name}/{n}"] = s.Run(instance, new StrategyCell(n, perm.AsMemory(0, n), seeds.Child(s.Name).Child(n), null, default)).Values["accuracy"];
            }
        }

        return result;
    }
}
