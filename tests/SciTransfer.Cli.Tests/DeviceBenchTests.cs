using System.Text.RegularExpressions;
using SciTransfer.Core.Gpu;
using SciTransfer.Transfer.Bench.Engine;

namespace SciTransfer.Cli.Tests;

/// <summary><c>bench pinn-step --device</c>: the device step is the CPU step, and a missing GPU is a clear usage error.</summary>
public sealed class DeviceBenchTests
{
    private static (int Code, string Out, string Err) Invoke(Func<Commands, int> action)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = action(new Commands(o, e));
        return (code, o.ToString(), e.ToString());
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void The_device_pinn_step_on_the_cpu_accelerator_follows_the_cpu_fixture_to_1e_10()
    {
        // Same 4x50 network, seed, points and Adam; three steps, losses and then every parameter.
        var cpu = new PinnStepFixture(threads: 1, points: 24);
        using var device = new DevicePinnStepFixture(EngineDevices.IlgpuCpu, points: 24);
        for (int step = 0; step < 3; step++)
        {
            double a = cpu.Step(), b = device.Step();
            Assert.True(Math.Abs(a - b) <= 1e-10 * Math.Max(1, Math.Abs(a)), $"step {step}: cpu loss {a:R}, device {b:R}");
        }

        double[] expected = [.. cpu.Parameters.SelectMany(p => p.Value.Span.ToArray())];
        double[] actual = device.Parameters();
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(7_851, actual.Length);
        double worst = expected.Zip(actual, (x, y) => Math.Abs(x - y)).Max();
        Assert.True(worst <= 1e-10, $"largest parameter difference {worst:E2}");
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Bench_pinn_step_prints_the_device_and_the_peer_line()
    {
        var (code, output, err) = Invoke(c => c.Bench("pinn-step", ["--device", "ilgpu-cpu", "--points", "16", "--reps", "1"]));
        Assert.True(code == 0, err);
        Assert.Matches(new Regex(@"^device: ilgpu-cpu = CPU .+$", RegexOptions.Multiline), output);
        Assert.Matches(new Regex(@"^pinn_poisson_step_mlp4x50 float64 device=ilgpu-cpu N=16 ms=\d+\.\d{3} points_per_s=\d+$", RegexOptions.Multiline), output);
    }

    [Fact]
    public void A_bad_device_or_a_missing_gpu_is_a_usage_error_naming_the_option()
    {
        var (code, _, err) = Invoke(c => c.Bench("pinn-step", ["--device", "cuda", "--points", "16"]));
        Assert.Equal(ExitCodes.BadConfig, code);
        Assert.Contains("--device", err, StringComparison.Ordinal);

        if (IlgpuDevices.TryOpen(IlgpuDeviceKind.Gpu, out _) is { } gpu)
        {
            // A machine with a GPU: the gpu run itself is the check (in the device script), not this test.
            gpu.Accelerator.Dispose();
            gpu.Context.Dispose();
            return;
        }

        (code, _, err) = Invoke(c => c.Bench("pinn-step", ["--device", "gpu", "--points", "16", "--reps", "1"]));
        Assert.Equal(ExitCodes.BadConfig, code);
        Assert.Contains("--device", err, StringComparison.Ordinal);
        Assert.Contains("device 'gpu' asked for, but", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Models_without_a_device_or_below_one_are_a_usage_error_naming_the_option()
    {
        var (code, _, err) = Invoke(c => c.Bench("pinn-step", ["--models", "4", "--points", "16"]));
        Assert.Equal(ExitCodes.BadConfig, code);
        Assert.Contains("--models", err, StringComparison.Ordinal);
        Assert.Contains("4 models together need --device gpu or ilgpu-cpu", err, StringComparison.Ordinal);
        (code, _, err) = Invoke(c => c.Bench("pinn-step", ["--models", "0", "--device", "ilgpu-cpu", "--points", "16"]));
        Assert.Equal(ExitCodes.BadConfig, code);
        Assert.Contains("--models", err, StringComparison.Ordinal);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Bench_pinn_step_with_models_trains_copies_that_each_follow_the_single_fixture_and_prints_both_timings()
    {
        using var single = new DevicePinnStepFixture(EngineDevices.IlgpuCpu, points: 20);
        using var batch = new DevicePinnBatchStepFixture(EngineDevices.IlgpuCpu, models: 3, points: 20);
        for (int step = 0; step < 3; step++)
        {
            double a = single.Step();
            double[] b = batch.Step();
            Assert.All(b, x => Assert.True(Math.Abs(a - x) <= 1e-10 * Math.Max(1, Math.Abs(a)), $"step {step}: single {a:R}, batch {x:R}"));
        }

        for (int k = 0; k < 3; k++)
        {
            double worst = single.Parameters().Zip(batch.Parameters(k), (x, y) => Math.Abs(x - y)).Max();
            Assert.True(worst <= 1e-10, $"model {k}: largest parameter difference {worst:E2}");
        }

        var (code, output, err) = Invoke(c => c.Bench("pinn-step", ["--device", "ilgpu-cpu", "--points", "16", "--reps", "1", "--models", "3"]));
        Assert.True(code == 0, err);
        Assert.Matches(new Regex(@"^pinn_poisson_step_mlp4x50 float64 device=ilgpu-cpu N=16 models=3 batched ms=\d+\.\d{3} ms_per_model=\d+\.\d{3}$", RegexOptions.Multiline), output);
        Assert.Matches(new Regex(@"^pinn_poisson_step_mlp4x50 float64 device=ilgpu-cpu N=16 models=3 separate ms=\d+\.\d{3} ms_per_model=\d+\.\d{3}$", RegexOptions.Multiline), output);
        Assert.Matches(new Regex(@"^batching gain: \d+\.\d{2}x$", RegexOptions.Multiline), output);
    }
}
