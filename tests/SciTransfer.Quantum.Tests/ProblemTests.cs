using System.Text.Json;
using SciTransfer.Core.Random;
using SciTransfer.Quantum.Problems;
using SciTransfer.Quantum.Tests.Support;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Quantum.Tests;

public sealed class ProblemTests
{
    private const string TinyOptions = "\"source_samples\": 16, \"pool_size\": 12, \"test_size\": 20, \"steps\": 4, \"source_steps\": 6, \"conv\": \"ttn\"";

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
        var q = f.Create(Reader("{\"model\": \"qcnn\"}"), new ProblemSettings(Quick: true));
        var c = f.Create(Reader("{\"model\": \"classical\"}"), new ProblemSettings(Quick: true));
        Assert.Equal(q.ComparisonGroup, c.ComparisonGroup);
        Assert.NotNull(q.ComparisonGroup);
        Assert.Equal(["scratch", "source-only", "fine-tune", "freeze-conv", "oracle"], q.Strategies);
        var bad = Reader("{\"modle\": \"qcnn\"}");
        f.Create(bad, new ProblemSettings(Quick: true));
        Assert.Throws<SciTransfer.Transfer.Errors.ConfigException>(bad.EnsureAllKeysUsed);
        Assert.Throws<SciTransfer.Transfer.Errors.ConfigException>(() => f.Create(Reader("{\"model\": \"tensor\"}"), new ProblemSettings()));
    }

    private static OptionsReader Reader(string json) => new("test.json", "$.options", JsonDocument.Parse(json).RootElement);

    private static double[] RunCells(string name, string json, string backend)
    {
        var module = new QuantumModule();
        var settings = new ProblemSettings(Quick: true, Backend: backend);
        var reader = Reader(json);
        var problem = module.Problems.Single(p => p.Name == name).Create(reader, settings);
        reader.EnsureAllKeysUsed();
        var seeds = new SeedTree(7).Child(name).Child(0);
        var instance = problem.Create(new ProblemContext(0, seeds, settings));
        var source = instance.PretrainSource(new SourceRequest(seeds.Child("source"), null, default));
        var perm = seeds.Child("perm").CreateRng().Permutation(instance.TargetPoolSize);
        var result = new List<double>();
        foreach (string s in problem.Strategies)
        {
            foreach (int n in new[] { 0, 4, 12 })
            {
                var cell = instance.Run(new CellRequest(s, n, perm.AsMemory(0, n), source, seeds.Child(s).Child(n), null, default));
                Assert.Equal(["accuracy"], cell.Values.Keys);
                result.Add(cell.Values["accuracy"]);
            }
        }

        return [.. result];
    }
}
