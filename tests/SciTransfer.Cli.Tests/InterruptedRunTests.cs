using System.Diagnostics;

namespace SciTransfer.Cli.Tests;

public class InterruptedRunTests
{
    // 5 sizes x 2 repeats x the problem's strategies: small cells (the pause hook, not their size, makes the kill
    // land mid-sweep), enough of them that a run paused after 3 still has most left.
    private const string Study = """
        { "study": "kill", "seed": 5, "repeats": 2,
          "problems": [ { "problem": "reference/linear-shift", "sizes": [8, 16, 32, 64, 128],
                          "options": { "dimension": 20, "pool_size": 128, "test_size": 200, "source_samples": 300 } } ] }
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

        // The run pauses for good after its 3rd finished cell (runner test hook: the marker appears once that
        // cell's rows are in results.csv, and no new cell starts), so the kill always lands mid-sweep, whatever the
        // machine's speed. With 2 threads at most one more cell finishes before its worker blocks too.
        string marker = Path.Combine(killed, SciTransfer.Transfer.Running.StudyRunner.PausedMarker);
        var hook = new Dictionary<string, string> { ["SCITRANSFER_TEST_PAUSE_AFTER_CELLS"] = "3" };
        using (var p = CliProcess.Start(hook, "run", cfg, "--out", killed, "--threads", "2"))
        {
            _ = p.StandardOutput.ReadToEndAsync(); // drained so the child never blocks on a full pipe
            var sw = Stopwatch.StartNew();
            while (!File.Exists(marker) && !p.HasExited && sw.Elapsed < TimeSpan.FromMinutes(5))
            {
                Thread.Sleep(10);
            }

            Assert.True(File.Exists(marker), $"no pause marker (exited: {p.HasExited}): {(p.HasExited ? p.StandardError.ReadToEnd() : "")}");
            Assert.False(p.HasExited, "a paused run must not exit");
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }

        int partialRows = File.ReadAllLines(Path.Combine(killed, "results.csv")).Length - 1;
        Assert.InRange(partialRows, 1, totalRows - 1);
        Assert.True(partialRows < totalRows / 2, $"{partialRows} of {totalRows} rows were written before the kill");

        var (code2, out2, err2) = CliProcess.Run("run", cfg, "--out", killed, "--threads", "2");
        Assert.True(code2 == 0, err2);
        Assert.Contains("skipped", out2, StringComparison.Ordinal);
        string[] rows = RowsWithoutTimings(killed);
        Assert.Equal(RowsWithoutTimings(full), rows);
        Assert.Equal(rows.Length, rows.Distinct().Count());
        Assert.Equal(File.ReadAllBytes(Path.Combine(full, "summary.csv")), File.ReadAllBytes(Path.Combine(killed, "summary.csv")));
    }
}
