using System.Diagnostics;
using System.Globalization;
using SciTransfer.Epidemiology.Data;
using SciTransfer.Transfer.Bench;

namespace SciTransfer.Epidemiology.Bench;

/// <summary>
/// <c>scitransfer bench nyt-load [--file us-counties.csv] [--counties 3200] [--days 345] [--seed S]</c>: loads a
/// whole-US-sized file in the NYT layout (by default a generated one, 3,200 counties and about 1 M rows, written to a
/// temporary file and deleted afterwards) and prints
/// <c>nyt-load rows=... counties=... days=... mb=... write_s=... load_s=... load_cpu_s=... panel_s=...</c>
/// (panel_s: active cases, rolling means and logs of every county, as the small-area problem builds them).
/// </summary>
public sealed class NytLoadWorkload : IBenchWorkload
{
    /// <inheritdoc />
    public string Name => "nyt-load";

    /// <inheritdoc />
    public string Description => "load a whole-US-sized NYT us-counties file (generated, ~1 M rows, or --file) and build the case panel";

    /// <inheritdoc />
    public IReadOnlyList<string> OptionKeys { get; } = ["file", "counties", "days", "seed"];

    /// <inheritdoc />
    public void Run(BenchArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        string given = arguments.GetString("file", "");
        string path = given.Length > 0 ? given : Path.Combine(Path.GetTempPath(), $"scitransfer-nyt-bench-{Environment.ProcessId}.csv");
        try
        {
            double writeSeconds = 0;
            if (given.Length == 0)
            {
                var w = Stopwatch.StartNew();
                ExampleCounties.WriteLarge(path, arguments.GetInt("counties", 3200), arguments.GetInt("days", 345), (ulong)arguments.GetInt("seed", 20261121));
                writeSeconds = w.Elapsed.TotalSeconds;
            }

            cancellationToken.ThrowIfCancellationRequested();
            // CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var data = NytLoader.Load(path);
            double loadSeconds = sw.Elapsed.TotalSeconds;
            double loadCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            sw.Restart();
            var panel = data.ToPanel();
            double panelSeconds = sw.Elapsed.TotalSeconds;
            long rows = File.ReadLines(path).LongCount() - 1;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"nyt-load rows={rows} counties={panel.Counties} days={panel.Days} mb={new FileInfo(path).Length / 1e6:F1} write_s={writeSeconds:F3} load_s={loadSeconds:F3} load_cpu_s={loadCpuSeconds:F3} panel_s={panelSeconds:F3}"));
        }
        finally
        {
            if (given.Length == 0 && File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}
