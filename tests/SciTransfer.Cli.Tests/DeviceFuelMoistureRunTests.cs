using System.Globalization;
using SciTransfer.Cli;

namespace SciTransfer.Cli.Tests;

/// <summary>
/// A tiny fuel-moisture study run with <c>--device ilgpu-cpu</c> (the device LSTM trainer on ILGPU's CPU accelerator)
/// against the same study on the CPU engine: the same summary within 1e-9 relative (the trainings agree to rounding),
/// run.json naming the device, the accelerator and what ran where.
/// </summary>
public class DeviceFuelMoistureRunTests
{
    private const string Study = """
        { "study": "fm-device-tiny", "seed": 7, "repeats": 1,
          "problems": [ { "problem": "fuel-moisture/10h-to-100h", "strategies": ["scratch", "fine-tune", "freeze-lstm", "l2-sp"], "sizes": [4],
            "options": { "hidden": 4, "spin_up_days": 10, "source_stations": 1, "validation_stations": 1, "source_days": 3,
              "target_stations": 1, "test_stations": 1, "observation_days": 2, "lead_in_days": 1, "source_epochs": 2,
              "source_windows_per_epoch": 16, "fine_tune_epochs": 3, "scratch_epochs": 3, "grid_points": 3, "figure_n": 0 } } ] }
        """;

    [Trait("Category", "Slow")]
    [Fact]
    public void A_device_run_gives_the_cpu_summary_and_records_the_device()
    {
        using var dir = new TempDir();
        string cfg = dir.File("s.json", Study);
        var (cpuCode, _, cpuErr) = Invoke(c => c.Run(cfg, dir.Sub("cpu"), false, 1, null, "managed"));
        Assert.True(cpuCode == ExitCodes.Ok, cpuErr);
        var (devCode, _, devErr) = Invoke(c => c.Run(cfg, dir.Sub("dev"), false, 2, null, "managed", device: "ilgpu-cpu"));
        Assert.True(devCode == ExitCodes.Ok, devErr);

        string[] cpu = File.ReadAllLines(Path.Combine(dir.Sub("cpu"), "summary.csv"));
        string[] dev = File.ReadAllLines(Path.Combine(dir.Sub("dev"), "summary.csv"));
        Assert.Equal(5, cpu.Length);
        Assert.Equal(cpu.Length, dev.Length);
        for (int i = 1; i < cpu.Length; i++)
        {
            string[] a = cpu[i].Split(','), b = dev[i].Split(',');
            Assert.Equal(a[..4], b[..4]);
            double x = double.Parse(a[5], CultureInfo.InvariantCulture), y = double.Parse(b[5], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Abs(x), $"{a[1]}: cpu rmse {x:R}, device {y:R}");
        }

        // The device really trained the source: its cached parameters differ from the CPU's in the last bits.
        byte[] cpuSource = File.ReadAllBytes(Directory.GetFiles(Path.Combine(dir.Sub("cpu"), "sources"))[0]);
        byte[] devSource = File.ReadAllBytes(Directory.GetFiles(Path.Combine(dir.Sub("dev"), "sources"))[0]);
        Assert.NotEqual(cpuSource, devSource);

        string record = File.ReadAllText(Path.Combine(dir.Sub("dev"), "run.json"));
        Assert.Contains("\"device\": \"ilgpu-cpu\"", record, StringComparison.Ordinal);
        Assert.Contains("ilgpu-cpu: CPU", record, StringComparison.Ordinal);
        Assert.Contains("run on the device", record, StringComparison.Ordinal);
    }

    private static (int Code, string Out, string Err) Invoke(Func<Commands, int> action)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = action(new Commands(o, e));
        return (code, o.ToString(), e.ToString());
    }
}
