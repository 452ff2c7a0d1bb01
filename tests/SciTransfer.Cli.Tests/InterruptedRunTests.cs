using System.Diagnostics;

namespace SciTransfer.Cli.Tests;

public class InterruptedRunTests
{
    // Cells large enough (d = 100, n up to 512 with leave-one-out selection) that a kill lands mid-sweep.
    private const string Study = """
        { "study": "kill", "seed": 5, "repeats": 2,
          "problems": [ { "problem": "reference/linear-shift", "sizes": [32, 64, 128, 256, 512],
                          "options": { "dimension": 100, "pool_size": 512, "test_size": 500, "source_samples": 1000 } } ] }
        """;

    private static string[] RowsWithoutTimings(string dir) =>
        [.. File.ReadAllLines(Path.Combine(dir, "results.csv")).Skip(1).Select(l => l[..l.LastIndexOf(',')]).Order(StringComparer.Ordinal)];

    [Trait("Category", "Slow")]

    [Fact]
    public void A_run_killed_mid_sweep_then_rerun_yields_exactly_the_rows_of_an_uninterrupted_run()
    {
        using var dir = new TempDir();
        string cfg = dir.File("kill.json", Study);
        string full = dir.Sub("full"), killed = dir.Sub("killed");
        var (code, _, err) = CliProcess.Run("run", cfg, "--out", full, "--threads", "1");
        Assert.True(code == 0, err);
        int totalRows = RowsWithoutTimings(full).Length;

        using (var p = CliProcess.Start("run", cfg, "--out", killed, "--threads", "2"))
        {
            string results = Path.Combine(killed, "results.csv");
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed < TimeSpan.FromMinutes(2) && !p.HasExited)
            {
                if (File.Exists(results) && File.ReadAllLines(results).Length >= 7)
                {
                    break;
                }

                Thread.Sleep(10);
            }

            Assert.False(p.HasExited, "the run finished before it could be killed; make its cells larger");
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }

        int partialRows = File.ReadAllLines(Path.Combine(killed, "results.csv")).Length - 1;
        Assert.InRange(partialRows, 1, totalRows - 1);

        var (code2, out2, err2) = CliProcess.Run("run", cfg, "--out", killed, "--threads", "2");
        Assert.True(code2 == 0, err2);
        Assert.Contains("skipped", out2, StringComparison.Ordinal);
        string[] rows = RowsWithoutTimings(killed);
        Assert.Equal(RowsWithoutTimings(full), rows);
        Assert.Equal(rows.Length, rows.Distinct().Count());
        Assert.Equal(File.ReadAllBytes(Path.Combine(full, "summary.csv")), File.ReadAllBytes(Path.Combine(killed, "summary.csv")));
    }
}
