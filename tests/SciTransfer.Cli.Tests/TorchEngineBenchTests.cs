using System.Text.RegularExpressions;
using SciTransfer.Torch;

namespace SciTransfer.Cli.Tests;

/// <summary><c>bench ... --engine torchsharp</c>, and that nothing else loads libtorch (checked with glibc's LD_DEBUG=files).</summary>
public sealed class TorchEngineBenchTests
{
    private static readonly Dictionary<string, string> LoaderTrace = new() { ["LD_DEBUG"] = "files" };

    [Fact]
    public void A_plain_command_and_a_core_engine_bench_never_load_libtorch()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var args in new[] { new[] { "list" }, ["bench", "pinn-step", "--points", "64", "--reps", "1"] })
        {
            var (code, _, err) = CliProcess.Run(LoaderTrace, args);
            Assert.Equal(0, code);
            Assert.Contains("libcoreclr.so", err, StringComparison.Ordinal);  // the trace works
            Assert.DoesNotContain("libtorch", err, StringComparison.Ordinal);
            Assert.DoesNotContain("libLibTorchSharp", err, StringComparison.Ordinal);
        }
    }

    [TorchFact]
    public void Bench_pinn_step_with_the_torchsharp_engine_loads_libtorch_and_prints_the_peer_line()
    {
        var (code, output, err) = CliProcess.Run(LoaderTrace, "bench", "pinn-step", "--engine", "torchsharp", "--points", "64", "--reps", "1");
        Assert.True(code == 0, err.Length > 4000 ? err[^4000..] : err);
        Assert.Matches(new Regex(@"^pinn_poisson_step_mlp4x50 float64 threads=1 engine=torchsharp N=64 ms=\d+\.\d\d points_per_s=\d+$", RegexOptions.Multiline), output);
        Assert.Contains("libtorch_cpu.so", err, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_engine_or_a_workload_without_a_torchsharp_version_is_a_usage_error()
    {
        var e = new StringWriter();
        Assert.Equal(ExitCodes.BadConfig, new Commands(new StringWriter(), e).Bench("pinn-step", ["--engine", "jax"]));
        Assert.Contains("core or torchsharp", e.ToString(), StringComparison.Ordinal);
        e = new StringWriter();
        Assert.Equal(ExitCodes.BadConfig, new Commands(new StringWriter(), e).Bench("rf-fit", ["--engine", "torchsharp"]));
        Assert.Contains("no TorchSharp version", e.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>A fact that needs libtorch through TorchSharp; skipped with the loader's reason when it cannot load.</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute()
    {
        if (!TorchRuntime.TryLoad(out var reason))
        {
            Skip = "needs libtorch (TorchSharp-cpu): " + reason;
        }
    }
}
