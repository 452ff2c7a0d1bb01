using SciTransfer.Cli;
using SciTransfer.Core.Gpu;

namespace SciTransfer.Cli.Tests;

/// <summary><c>bench lstm-step --device</c>: bad names and an absent GPU are clear errors with exit code 1.</summary>
public class DeviceLstmBenchTests
{
    [Fact]
    public void An_unknown_device_is_a_config_error_naming_the_choices()
    {
        var (code, _, err) = Invoke(c => c.Bench("lstm-step", ["--device", "tpu"]));
        Assert.Equal(ExitCodes.BadConfig, code);
        Assert.Contains("--device: expected cpu, gpu or ilgpu-cpu, found 'tpu'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Gpu_without_a_gpu_says_so_and_exits_non_zero()
    {
        var probe = IlgpuDevices.TryOpen(IlgpuDeviceKind.Gpu, out _);
        if (probe is { } opened)
        {
            // On a machine with a GPU this case cannot occur; the device bench itself is run there by hand.
            opened.Accelerator.Dispose();
            opened.Context.Dispose();
            return;
        }

        var (code, output, err) = Invoke(c => c.Bench("lstm-step", ["--device", "gpu", "--reps", "1"]));
        Assert.Equal(ExitCodes.BadConfig, code);
        Assert.Contains("--device: gpu: no such device here (", err, StringComparison.Ordinal);
        Assert.DoesNotContain("lstm_train_step", output, StringComparison.Ordinal);
    }

    private static (int Code, string Out, string Err) Invoke(Func<Commands, int> action)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = action(new Commands(o, e));
        return (code, o.ToString(), e.ToString());
    }
}
