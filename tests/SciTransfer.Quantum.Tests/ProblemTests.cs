using System.Text.Json;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Problems;
using SciTransfer.Quantum.Tests.Support;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Options;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Quantum.Tests;

public sealed class ProblemTests
{
    private const string TinyOptions = "\"source_samples\": 16, \"pool_size\": 12, \"test_size\": 20, \"steps\": 4, \"source_steps\": 6, \"conv\": \"ttn\"";

    [Trait("Category", "Slow")]

    [Theory]
    [InlineData("qcnn")]
    [InlineData("classical")]
    public void Ising_to_xxz_cells_report_accuracy_and_repeat_identically(string model)
    {
        var a = RunCells("quantum/ising-to-xxz", "{" + TinyOptions + $", \"model\": \"{model}\"}}", "managed");
        var b = RunCells("quantum/ising-to-xxz", "{" + TinyOptions + $", \"model\": \"{model}\"}}", "managed");
        Assert.Equal(a, b);
        Assert.All(a, v => Assert.InRange(v, 0.0, 1.0));
    }

    [Theory]
    [Trait("Category", "Slow")] // fast tier < 1 min: this test alone takes 7-30 s on 2 cores
    [IlgpuCpuBackend]
    [GpuBackend]
    public void Qcnn_cells_give_the_same_accuracies_on_the_ilgpu_backend_as_on_managed(string backendName)
    {
        var managed = RunCells("quantum/ising-to-xxz", "{" + TinyOptions + "}", "managed");
        var other = RunCells("quantum/ising-to-xxz", "{" + TinyOptions + "}", backendName);
        Assert.Equal(managed, other);
    }

    [FashionMnistFact]
    public void Fashion_to_digits_runs_every_strategy_for_both_models()
    {
        foreach (string model in new[] { "qcnn", "classical" })
        {
            var acc = RunCells("quantum/fashion-to-digits", "{" + TinyOptions + $", \"model\": \"{model}\"}}", "managed");
            Assert.All(acc, v => Assert.InRange(v, 0.0, 1.0));
        }
    }

    [Fact]
    public void Both_model_kinds_share_one_comparison_group_and_unknown_options_are_rejected()
    {
        var f = new IsingToXxzFactory();
        var q = f.Create(Options(f, "{\"model\": \"qcnn\"}", quick: true), new ProblemSettings(Quick: true));
        var c = f.Create(Options(f, "{\"model\": \"classical\"}", quick: true), new ProblemSettings(Quick: true));
        Assert.Equal(q.ComparisonGroup, c.ComparisonGroup);
        Assert.NotNull(q.ComparisonGroup);
        Assert.Equal([StrategyNames.Scratch, StrategyNames.SourceOnly, StrategyNames.FineTune, "freeze-conv", StrategyNames.Oracle, "logistic-regression", "l2-sp"], q.Strategies.Names());
        Assert.Equal(["logistic-regression"], q.Strategies.Where(s => s.IsBaseline).Select(s => s.Name));
        Assert.Throws<ConfigException>(() => Options(f, "{\"modle\": \"qcnn\"}", quick: true));
        Assert.Throws<ConfigException>(() => f.Create(Options(f, "{\"model\": \"tensor\"}", quick: false), new ProblemSettings()));
    }

    [Fact]
    public void Strategies_declare_what_they_need_so_the_source_is_trained_only_when_used()
    {
        var problem = new IsingToXxzFactory().Create(Options(new IsingToXxzFactory(), "{}", quick: true), new ProblemSettings(Quick: true));
        var needs = problem.Strategies.ToDictionary(s => s.Name, s => s.Needs);
        Assert.Equal(StrategyNeeds.TargetLabels, needs[StrategyNames.Scratch]);
        Assert.Equal(StrategyNeeds.Source, needs[StrategyNames.SourceOnly]);
        Assert.Equal(StrategyNeeds.Source | StrategyNeeds.TargetLabels, needs[StrategyNames.FineTune]);
        Assert.Equal(StrategyNeeds.Source | StrategyNeeds.TargetLabels, needs["freeze-conv"]);
        Assert.Equal(StrategyNeeds.WholePool, needs[StrategyNames.Oracle]);
        Assert.False(problem.Strategies.Where(s => s.Name is StrategyNames.Scratch or StrategyNames.Oracle).AnyNeedsSource());
    }

    [Fact]
    public void Quick_mode_shrinks_steps_and_sets_and_the_pool_bounds_the_sizes()
    {
        var f = new IsingToXxzFactory();
        var quick = ProblemOptions.Defaults(f.Options, quick: true);
        var full = ProblemOptions.Defaults(f.Options);
        Assert.Equal((60, 30, 100, 64, 100), (quick.Int("source_steps"), quick.Int("steps"), quick.Int("source_samples"), quick.Int("pool_size"), quick.Int("test_size")));
        Assert.Equal((300, 150, 200, 160, 150), (full.Int("source_steps"), full.Int("steps"), full.Int("source_samples"), full.Int("pool_size"), full.Int("test_size")));
        Assert.Equal(400, ProblemOptions.Defaults(new FashionToDigitsFactory().Options).Int("source_samples"));
        Assert.Equal(64, f.Create(quick, new ProblemSettings(Quick: true)).MaxTargetSize);
    }

    [Fact]
    public void Cross_option_checks_name_the_option()
    {
        var f = new IsingToXxzFactory();
        var e = Assert.Throws<ConfigException>(() => f.Create(Options(f, "{\"g_min\": 1.2}", quick: true), new ProblemSettings(Quick: true)));
        Assert.EndsWith("g_max", e.JsonPath, StringComparison.Ordinal);
        var fashion = new FashionToDigitsFactory();
        e = Assert.Throws<ConfigException>(() => fashion.Create(Options(fashion, "{\"target_classes\": [3, 3]}", quick: true), new ProblemSettings(Quick: true)));
        Assert.EndsWith("target_classes", e.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Shots_and_noise_options_name_themselves_in_errors_and_apply_to_the_qcnn_only()
    {
        var f = new IsingToXxzFactory();
        var e = Assert.Throws<ConfigException>(() => f.Create(Options(f, "{\"model\": \"classical\", \"shots\": 100}", quick: true), new ProblemSettings(Quick: true)));
        Assert.EndsWith("shots", e.JsonPath, StringComparison.Ordinal);
        e = Assert.Throws<ConfigException>(() => f.Create(Options(f, "{\"model\": \"classical\", \"noise_amplitude_damping\": 0.1}", quick: true), new ProblemSettings(Quick: true)));
        Assert.EndsWith("noise_amplitude_damping", e.JsonPath, StringComparison.Ordinal);
        Assert.Throws<ConfigException>(() => Options(f, "{\"noise_depolarizing\": 1.5}", quick: true));
        var q = f.Create(Options(f, "{\"shots\": 100, \"noise_depolarizing\": 0.01}", quick: true), new ProblemSettings(Quick: true));
        Assert.Contains("100 shots", q.Description, StringComparison.Ordinal);
        Assert.Contains("depolarizing 0.01", q.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptions_state_both_parameter_counts_and_capacity_doubles_the_classical_budget()
    {
        var f = new IsingToXxzFactory();
        var q = f.Create(Options(f, "{\"conv\": \"su4\"}", quick: true), new ProblemSettings(Quick: true));
        var one = f.Create(Options(f, "{\"model\": \"classical\", \"conv\": \"su4\"}", quick: true), new ProblemSettings(Quick: true));
        var two = f.Create(Options(f, "{\"model\": \"classical\", \"conv\": \"su4\", \"capacity\": 2}", quick: true), new ProblemSettings(Quick: true));
        Assert.Contains("U_SU4, 51 parameters", q.Description, StringComparison.Ordinal);
        int matched = int.Parse(System.Text.RegularExpressions.Regex.Match(q.Description, @"the matched classical MLP has (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"MLP, {matched} parameters = 1x budget of the U_SU4 QCNN's 51", one.Description, StringComparison.Ordinal);
        var doubled = System.Text.RegularExpressions.Regex.Match(two.Description, @"MLP, (\d+) parameters = 2x budget of the U_SU4 QCNN's 51");
        Assert.True(doubled.Success, two.Description);
        int p2 = int.Parse(doubled.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // The MLP rounds its hidden width, so counts are near (not exactly) 51 and 102.
        Assert.InRange(matched, 40, 62);
        Assert.InRange(p2, 90, 114);
        var e = Assert.Throws<ConfigException>(() => f.Create(Options(f, "{\"capacity\": 2}", quick: true), new ProblemSettings(Quick: true)));
        Assert.EndsWith("capacity", e.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Paired_entries_share_a_seed_key_and_state_their_parameter_counts_for_every_block_and_pooling()
    {
        var f = new IsingToXxzFactory();
        ITransferProblem Make(string json) => f.Create(Options(f, json, quick: true), new ProblemSettings(Quick: true));
        var q = Make("{\"paired\": true}");
        var c = Make("{\"paired\": true, \"model\": \"classical\"}");
        var c2 = Make("{\"paired\": true, \"model\": \"classical\", \"capacity\": 2}");
        Assert.NotNull(q.SeedKey);
        Assert.Equal(q.SeedKey, c.SeedKey);
        Assert.Equal(q.SeedKey, c2.SeedKey);
        Assert.Null(Make("{}").SeedKey);
        Assert.Equal(51, q.ParameterCount);
        Assert.Contains($"MLP, {c.ParameterCount} parameters = 1x", c.Description, StringComparison.Ordinal);
        Assert.Contains($"MLP, {c2.ParameterCount} parameters = 2x", c2.Description, StringComparison.Ordinal);

        // Other blocks and poolings: L (|U| + |V|) with L = 3 layers at 8 qubits.
        var u5crot = Make("{\"conv\": \"u5\", \"pooling\": \"crot\"}");
        Assert.Equal(3 * (10 + 3), u5crot.ParameterCount);
        Assert.Contains("U_5 with crot pooling, 39 parameters", u5crot.Description, StringComparison.Ordinal);
        Assert.Equal(3 * 2, Make("{\"conv\": \"u9\", \"pooling\": \"cz\"}").ParameterCount);
        var e = Assert.Throws<ConfigException>(() => Make("{\"pooling\": \"max\"}"));
        Assert.EndsWith("pooling", e.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_with_shots_is_deterministic_and_differs_from_exact_training()
    {
        const string Shots = "\"conv\": \"ttn\", \"source_samples\": 8, \"pool_size\": 12, \"test_size\": 16, \"source_steps\": 2, \"steps\": 2, \"batch_size\": 4";
        var a = RunCells("quantum/ising-to-xxz", "{" + Shots + ", \"shots\": 64}", "managed");
        var b = RunCells("quantum/ising-to-xxz", "{" + Shots + ", \"shots\": 64}", "managed");
        var other = RunCells("quantum/ising-to-xxz", "{" + Shots + ", \"shots\": 64, \"shot_seed\": 9}", "managed");
        Assert.Equal(a, b);
        Assert.All(a, v => Assert.InRange(v, 0.0, 1.0));
        Assert.NotEqual(a, other);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Training_with_gate_noise_is_deterministic()
    {
        const string Noisy = "\"conv\": \"ttn\", \"source_samples\": 4, \"pool_size\": 12, \"test_size\": 4, \"source_steps\": 1, \"steps\": 1, \"batch_size\": 2, \"noise_depolarizing\": 0.02, \"noise_amplitude_damping\": 0.01, \"shots\": 50";
        // One strategy at one size: a noisy 8-qubit parameter-shift gradient costs ~116 density-matrix runs per sample.
        var first = RunCells("quantum/ising-to-xxz", "{" + Noisy + "}", "managed", "fine-tune", [4]);
        Assert.Equal(2, first.Length); // accuracy and iw_source_accuracy
        Assert.Equal(first, RunCells("quantum/ising-to-xxz", "{" + Noisy + "}", "managed", "fine-tune", [4]));
    }

    internal static ProblemOptions Options(IProblemFactory factory, string json, bool quick, string file = "test.json")
    {
        var reader = new OptionsReader(file, "$.problems[0].options", JsonDocument.Parse(json).RootElement);
        var options = factory.Options.Read(reader, quick);
        reader.EnsureAllKeysUsed();
        return options;
    }

    internal static double[] RunCells(string name, string json, string backend, string? onlyStrategy = null, int[]? sizes = null)
    {
        var module = new QuantumModule();
        var settings = new ProblemSettings(Quick: true, Backend: backend);
        var factory = module.Problems.Single(p => p.Name == name);
        var problem = factory.Create(Options(factory, json, quick: true), settings);
        var seeds = new SeedTree(7).Child(name).Child(0);
        var instance = Assert.IsAssignableFrom<ProblemInstance<double[]>>(problem.Create(new ProblemContext(0, seeds, settings)));
        instance.UseSource(instance.PretrainSource(new SourceRequest(seeds.Child("source"), null, default)));
        var perm = seeds.Child("perm").CreateRng().Permutation(instance.TargetPoolSize);
        var result = new List<double>();
        foreach (var s in problem.Strategies.Where(s => onlyStrategy is null || s.Name == onlyStrategy))
        {
            foreach (int n in sizes ?? [0, 4, 12])
            {
                var cell = s.Run(instance, new StrategyCell(n, perm.AsMemory(0, n), seeds.Child(s.Name).Child(n), null, default));
                Assert.Equal(problem.Metrics.Select(m => m.Name), cell.Values.Keys);
                result.AddRange(problem.Metrics.Select(m => cell.Values[m.Name]));
            }
        }

        return [.. result];
    }
}
