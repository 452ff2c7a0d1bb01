using System.Text.Json;
using SciTransfer.Core.Autodiff;
using SciTransfer.Core.Random;
using SciTransfer.FuelMoisture.Model;
using SciTransfer.FuelMoisture.Problems;
using SciTransfer.HeatSink.Nn;
using SciTransfer.Torch.Exchange;
using SciTransfer.Transfer.Config;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Running;
using static SciTransfer.TorchInterop.Tests.Agreement;
using Tensor = SciTransfer.Core.Tensors.Tensor;

namespace SciTransfer.TorchInterop.Tests;

/// <summary>
/// The problems' own source models through PyTorch, both ways: a tiny study pre-trains and caches the source model,
/// <see cref="CachedSourceModels"/> + <see cref="ModelFiles"/> export it (what <c>scitransfer export</c> does) and
/// python3-torch predicts the same to 1e-12; and a model made and saved by PyTorch, given to the problem as its
/// <c>source_model</c>, predicts in the problem what PyTorch predicts (for fuel moisture through the problem's own
/// prediction path, with the PyTorch model's scaling folded into the scenario's).
/// </summary>
[Trait("Category", "Slow")] // tiny studies and Python (seconds each)
public sealed class SourceModelRoundTripTests
{
    private const double Tol = 1e-12;

    private static readonly ProblemCatalog Catalog = new([new SciTransfer.FuelMoisture.FuelMoistureModule(), new SciTransfer.HeatSink.HeatSinkModule()]);

    public static TheoryData<string, string> Cases => new()
    {
        { "fuel-moisture/10h-to-100h", ".pt" },
        { "fuel-moisture/10h-to-100h", ".safetensors" },
        { "heat-sink/water-to-sodium", ".pt" },
        { "heat-sink/water-to-sodium", ".safetensors" },
        { "heat-sink/nusselt-water-to-sodium", ".pt" },
        { "heat-sink/nusselt-water-to-sodium", ".safetensors" },
    };

    [PythonTorchTheory]
    [MemberData(nameof(Cases))]
    public void A_runs_cached_source_model_exported_for_PyTorch_predicts_the_same_there(string problem, string extension)
    {
        using var dir = new TempDir();
        string config = WriteConfig(dir.Path, problem, sourceModel: null);
        var study = StudyConfigLoader.Load(config, Catalog, new ProblemSettings(Quick: true));
        StudyRunner.Run(study, new RunOptions(Path.Combine(dir.Path, "run"), Quick: true, WriteReport: false));

        var found = CachedSourceModels.Read(Path.Combine(dir.Path, "run"), Catalog);
        var cached = Assert.Single(found.Models);
        Assert.Equal((problem, 0), (cached.ProblemId, cached.Repeat));
        string weights = Path.Combine(dir.Path, "model" + extension);
        ModelFiles.Write(cached.Model, weights);

        var x = Inputs(cached.Model, new Rng(3));
        double[] ours = Predict(cached.Model, x);
        double[] theirs = PythonPredict(dir.Path, weights, x);
        Assert.Contains(theirs, v => v != 0);
        double err = RelativeError(ours, theirs);
        Assert.True(err <= Tol, $"{problem}{extension}: exported source model, SciTransfer vs PyTorch predictions differ by {err:E2} relative");
    }

    [PythonTorchTheory]
    [MemberData(nameof(Cases))]
    public void A_model_saved_by_PyTorch_and_given_as_source_model_predicts_the_same_in_the_problem(string problem, string extension)
    {
        using var dir = new TempDir();
        string weights = Path.Combine(dir.Path, "torch-source" + extension);
        string dummy = Path.Combine(dir.Path, "dummy.safetensors");
        var (arch, spec, width) = problem switch
        {
            "fuel-moisture/10h-to-100h" => ("moisture-lstm", new { widths = new[] { Features.Count, 8, 32, 16, 1 }, features = Features.Names, input_mirror_period = 0.0 }, Features.Count),
            "heat-sink/water-to-sodium" => ("field-mlp", new { widths = new[] { 2, 8, 8, 1 }, features = HeatSinkExchange.FieldFeatures, input_mirror_period = 1.0 }, 2),
            _ => ("nusselt-mlp", new { widths = new[] { 6, 8, 8, 1 }, features = HeatSinkExchange.NusseltFeatures, input_mirror_period = 0.0 }, 6),
        };
        SafetensorsFile.Write(dummy, [("x", Random(new Rng(1), 2, width))]);
        PythonTorch.Exchange(Path.Combine(dir.Path, "y0.json"), "make", arch, weights, dummy, Path.Combine(dir.Path, "y0.json"), JsonSerializer.Serialize(spec));

        var study = StudyConfigLoader.Load(WriteConfig(dir.Path, problem, weights), Catalog, new ProblemSettings(Quick: true));
        var entry = Assert.Single(study.Problems);
        Assert.Equal(Path.GetFullPath(weights), entry.SourceModel?.Path);
        ModelFiles.Install();
        var instance = entry.Problem.Create(new ProblemContext(0, new SeedTree(5), new ProblemSettings(Quick: true), entry.Data));
        instance.UseSourceModel(SourceModelFiles.Read(entry.SourceModel!));
        var model = instance.ExportedSource()!;

        if (instance is FuelMoistureInstance fuel)
        {
            // The problem's own path: its scaler, its test sequences, the folded network.
            var scaler = fuel.Scenario.Scaler;
            int b = fuel.Scenario.TestInputs.Count, t = fuel.Scenario.TargetLength;
            var raw = new Tensor(b, t, Features.Count);
            for (int k = 0; k < b; k++)
            {
                fuel.Scenario.TestInputs[k].CopyTo(raw.Span.Slice(k * t * Features.Count, t * Features.Count));
            }

            var span = raw.Span;
            for (int i = 0; i < span.Length; i++)
            {
                int j = i % Features.Count;
                span[i] = (span[i] * scaler.Std[j]) + scaler.Mean[j];
            }

            double[] problemOwn = [.. fuel.Predict(fuel.Source).SelectMany(r => r)];
            double[] torchOwn = PythonPredict(dir.Path, weights, raw);
            double errOwn = RelativeError(problemOwn, torchOwn);
            Assert.True(errOwn <= Tol, $"{problem}{extension}: the problem's predictions with the imported model vs PyTorch differ by {errOwn:E2} relative");
        }

        var x = Inputs(model, new Rng(4));
        double[] ours = Predict(model, x);
        double[] theirs = PythonPredict(dir.Path, weights, x);
        Assert.Contains(theirs, v => v != 0);
        double err = RelativeError(ours, theirs);
        Assert.True(err <= Tol, $"{problem}{extension}: imported source model, SciTransfer vs PyTorch predictions differ by {err:E2} relative");
    }

    [Fact]
    public void A_source_model_of_other_sizes_is_a_config_error_naming_the_option_and_the_file()
    {
        using var dir = new TempDir();
        var net = new FieldMlp([6, 5, 1], [0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1]);
        net.Initialise(new Rng(2));
        string weights = Path.Combine(dir.Path, "small.safetensors");
        ModelFiles.Write(new ExchangeModel(HeatSinkExchange.NusseltArchitecture, net, HeatSinkExchange.NusseltFeatures), weights);
        var study = StudyConfigLoader.Load(WriteConfig(dir.Path, "heat-sink/nusselt-water-to-sodium", weights), Catalog, new ProblemSettings(Quick: true));
        var entry = study.Problems[0];
        ModelFiles.Install();
        var instance = entry.Problem.Create(new ProblemContext(0, new SeedTree(5), new ProblemSettings(Quick: true), entry.Data));
        var e = Assert.Throws<SciTransfer.Transfer.Errors.ConfigException>(() => instance.UseSourceModel(SourceModelFiles.Read(entry.SourceModel!)));
        Assert.Contains("$.problems[0].options.source_model", e.Message, StringComparison.Ordinal);
        Assert.Contains("small.safetensors", e.Message, StringComparison.Ordinal);
        Assert.Contains("[6, 5, 1]", e.Message, StringComparison.Ordinal);
        Assert.Contains("hidden_layers", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A one-cell study (source-only, smallest size, one repeat) with tiny training; with source_model when given.</summary>
    private static string WriteConfig(string dir, string problem, string? sourceModel)
    {
        var options = new Dictionary<string, object>(StringComparer.Ordinal);
        switch (problem)
        {
            case "fuel-moisture/10h-to-100h":
                options["hidden"] = 8;
                options["source_epochs"] = 1;
                options["source_windows_per_epoch"] = 32;
                break;
            case "heat-sink/water-to-sodium":
                options["hidden_layers"] = new[] { 8, 8 };
                options["source_steps"] = 20;
                options["steps"] = 2;
                break;
            default:
                options["hidden_layers"] = new[] { 8, 8 };
                options["source_steps"] = 20;
                options["steps"] = 2;
                break;
        }

        if (sourceModel is not null)
        {
            options["source_model"] = sourceModel;
        }

        var config = new
        {
            study = "source-model-round-trip",
            seed = 11,
            repeats = 1,
            problems = new[] { new { problem, strategies = new[] { "source-only" }, sizes = new[] { problem.StartsWith("fuel", StringComparison.Ordinal) ? 1 : 0 }, options } },
        };
        string path = Path.Combine(dir, "study.json");
        File.WriteAllText(path, JsonSerializer.Serialize(config));
        return path;
    }

    /// <summary>Random raw inputs in the model's feature units: [3, 9, I] sequences (LSTM) or [17, D] points, around the card's centres.</summary>
    private static Tensor Inputs(ExchangeModel model, Rng rng)
    {
        if (model.Model is ValueTuple<MoistureNet, FeatureScaler> m)
        {
            var x = Random(rng, 3, 9, m.Item1.Inputs);
            var s = x.Span;
            for (int i = 0; i < s.Length; i++)
            {
                int j = i % m.Item1.Inputs;
                s[i] = m.Item2.Mean[j] + (2 * s[i] * m.Item2.Std[j]);
            }

            return x;
        }

        var net = (FieldMlp)model.Model;
        var p = Random(rng, 17, net.InputDim);
        var ps = p.Span;
        for (int i = 0; i < ps.Length; i++)
        {
            int j = i % net.InputDim;
            ps[i] = net.InputCentre[j] + (1.5 * ps[i] * net.InputScale[j]);
        }

        return p;
    }

    /// <summary>What the model predicts at raw inputs x: moisture (%), the field, or Nu.</summary>
    private static double[] Predict(ExchangeModel model, Tensor x)
    {
        if (model.Model is ValueTuple<MoistureNet, FeatureScaler> m)
        {
            var xs = x.Clone();
            m.Item2.Transform(xs.Span);
            var tape = new Tape();
            return [.. m.Item1.Forward(tape, tape.Constant(xs)).Value.Span.ToArray().Select(m.Item2.UnscaleOutput)];
        }

        var net = (FieldMlp)model.Model;
        double[] y = FieldMlpExchange.Predict(net, x.Span, x.Dim(0));
        return model.Architecture == HeatSinkExchange.NusseltArchitecture ? [.. y.Select(Math.Exp)] : y;
    }

    private static double[] PythonPredict(string dir, string weights, Tensor x)
    {
        string inputs = Path.Combine(dir, "x-" + Guid.NewGuid().ToString("N") + ".safetensors");
        string output = Path.ChangeExtension(inputs, ".json");
        SafetensorsFile.Write(inputs, [("x", x)]);
        return PythonTorch.Exchange(output, "predict", weights, inputs, output);
    }
}
