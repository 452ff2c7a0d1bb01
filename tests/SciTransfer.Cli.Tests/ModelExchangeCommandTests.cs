using System.Text.Json;
using SciTransfer.HeatSink.Nn;
using SciTransfer.Torch.Exchange;
using SciTransfer.Transfer.Running;

namespace SciTransfer.Cli.Tests;

/// <summary>
/// <c>scitransfer export</c> and the <c>source_model</c> option from the command line, and that a plain study loads
/// neither libtorch nor the TorchSharp / SciTransfer.Torch assemblies (child processes under glibc's LD_DEBUG=files
/// and the <see cref="Commands.ListAssembliesVariable"/> hook, which lists the managed assemblies at exit).
/// </summary>
[Trait("Category", "Slow")] // child processes that run small studies
public sealed class ModelExchangeCommandTests
{
    private static readonly Dictionary<string, string> Trace = new() { ["LD_DEBUG"] = "files", [Commands.ListAssembliesVariable] = "1" };

    [Fact]
    public void A_plain_run_that_pre_trains_a_source_model_loads_no_torch_and_export_writes_it_exactly()
    {
        using var dir = new TempDir();
        string run = Path.Combine(dir.Path, "run");
        var (code, _, err) = CliProcess.Run(Trace, "run", TinyNusseltConfig(dir.Path, null), "--out", run, "--threads", "1");
        Assert.True(code == 0, Tail(err));
        Assert.Contains("loaded-assembly SciTransfer.Transfer", err, StringComparison.Ordinal); // the hook works
        Assert.Contains("libcoreclr.so", err, StringComparison.Ordinal);                       // the loader trace works
        Assert.DoesNotContain("loaded-assembly SciTransfer.Torch", err, StringComparison.Ordinal);
        Assert.DoesNotContain("loaded-assembly TorchSharp", err, StringComparison.Ordinal);
        Assert.DoesNotContain("libtorch", err, StringComparison.Ordinal);
        Assert.DoesNotContain("libLibTorchSharp", err, StringComparison.Ordinal);

        // export, in process: the written safetensors + card read back to the cached network, bit for bit.
        string outDir = Path.Combine(dir.Path, "models");
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(ExitCodes.Ok, new Commands(o, e).Export(run, null, null, "safetensors", outDir));
        string weights = Path.Combine(outDir, "heat-sink_nusselt-water-to-sodium.r0.safetensors");
        Assert.True(File.Exists(weights), o.ToString() + e);
        Assert.True(File.Exists(Path.ChangeExtension(weights, ".json")));
        var cached = (FieldMlp)Assert.Single(CachedSourceModels.Read(run, Catalog.Create()).Models).Model.Model;
        var back = (FieldMlp)ModelFiles.Read(weights).Model;
        Assert.Equal(cached.Sizes, back.Sizes);
        Assert.Equal(cached.InputCentre, back.InputCentre);
        Assert.Equal(cached.InputScale, back.InputScale);
        var a = new double[cached.ParameterCount];
        var b = new double[back.ParameterCount];
        cached.CopyValuesTo(a);
        back.CopyValuesTo(b);
        Assert.Equal(a, b);
        Assert.Contains(a, v => v != 0);

        // A second export into the same place would overwrite: refused.
        e = new StringWriter();
        Assert.Equal(ExitCodes.BadConfig, new Commands(new StringWriter(), e).Export(run, null, null, "safetensors", outDir));
        Assert.Contains("exists", e.ToString(), StringComparison.Ordinal);

        // The exported file as source_model: the run loads SciTransfer.Torch (safetensors needs no libtorch).
        string run2 = Path.Combine(dir.Path, "run2");
        (code, _, err) = CliProcess.Run(Trace, "run", TinyNusseltConfig(dir.Path, weights), "--out", run2, "--threads", "1");
        Assert.True(code == 0, Tail(err));
        Assert.Contains("loaded-assembly SciTransfer.Torch", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run2, "sources")) && Directory.EnumerateFiles(Path.Combine(run2, "sources")).Any(), "an imported model is not cached");

        // Same source model => the same source-only scores in both runs.
        Assert.Equal(SourceOnlyScores(run), SourceOnlyScores(run2));
    }

    [Fact]
    public void Export_usage_errors_exit_1_and_say_what_is_wrong()
    {
        using var dir = new TempDir();
        (string Format, string Out, string? Problem, int? Repeat, string Expect)[] cases =
        [
            ("onnx", Path.Combine(dir.Path, "m"), null, null, "expected pt or safetensors"),
            ("safetensors", Path.Combine(dir.Path, "m.pt"), null, null, "does not match --format"),
        ];
        foreach (var c in cases)
        {
            var e = new StringWriter();
            Assert.Equal(ExitCodes.BadConfig, new Commands(new StringWriter(), e).Export(dir.Path, c.Problem, c.Repeat, c.Format, c.Out));
            Assert.Contains(c.Expect, e.ToString(), StringComparison.Ordinal);
        }

        var missing = new StringWriter();
        Assert.Equal(ExitCodes.BadConfig, new Commands(new StringWriter(), missing).Export(Path.Combine(dir.Path, "nope"), null, null, "pt", Path.Combine(dir.Path, "out")));
        Assert.Contains("no such output folder", missing.ToString(), StringComparison.Ordinal);

        var notRun = new StringWriter();
        Assert.Equal(ExitCodes.BadData, new Commands(new StringWriter(), notRun).Export(dir.Path, null, null, "pt", Path.Combine(dir.Path, "out")));
        Assert.Contains("run.json", notRun.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_source_model_study_runs_from_its_safetensors_file()
    {
        using var dir = new TempDir();
        string config = Path.Combine(QuickstartDeterminismTests.RepositoryRoot(), "experiments", "nusselt-source-model.json");
        var (code, output, err) = CliProcess.Run(Trace, "run", config, "--quick", "--out", Path.Combine(dir.Path, "run"), "--threads", "2", "--set", "problems[0].options.steps=5");
        Assert.True(code == 0, output + Tail(err));
        Assert.Contains("loaded-assembly SciTransfer.Torch", err, StringComparison.Ordinal);
        Assert.DoesNotContain("libtorch_cpu", err, StringComparison.Ordinal); // safetensors is read in managed code
        Assert.NotEmpty(SourceOnlyScores(Path.Combine(dir.Path, "run")));
    }

    private static string TinyNusseltConfig(string dir, string? sourceModel)
    {
        var options = new Dictionary<string, object> { ["hidden_layers"] = new[] { 8, 8 }, ["source_steps"] = 30, ["steps"] = 3, ["test_size"] = 40 };
        if (sourceModel is not null)
        {
            options["source_model"] = sourceModel;
        }

        string path = Path.Combine(dir, sourceModel is null ? "plain.json" : "imported.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            study = "tiny-nusselt",
            seed = 3,
            repeats = 1,
            problems = new[] { new { problem = "heat-sink/nusselt-water-to-sodium", strategies = new[] { "source-only", "correlation" }, sizes = new[] { 0, 2 }, options } },
        }));
        return path;
    }

    /// <summary>(n, metric, value) of the source-only rows of results.csv, sorted.</summary>
    private static List<string> SourceOnlyScores(string run) =>
        [.. File.ReadAllLines(Path.Combine(run, "results.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f[2] == "source-only")
            .Select(f => $"{f[3]} {f[6]} {f[7]}")
            .Order(StringComparer.Ordinal)];

    private static string Tail(string s) => s.Length > 4000 ? s[^4000..] : s;
}
