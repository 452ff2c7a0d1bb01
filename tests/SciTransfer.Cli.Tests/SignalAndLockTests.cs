using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SciTransfer.Cli.Tests;

/// <summary>
/// Issue 14 items 1, 3 and 4 with real processes: a run paused by the test hook SCITRANSFER_TEST_PAUSE_AFTER_CELLS
/// (it writes .paused and waits) holds its folder against a second process, then a real SIGTERM / SIGINT stops it
/// cleanly; a full disk (SCITRANSFER_TEST_DISK_FULL_AFTER_CELLS) exits with code 4. No timing races: the test waits
/// for the marker file before acting.
/// </summary>
[Trait("Category", "Slow")]
public class SignalAndLockTests
{
    // 4 strategies x 2 sizes x 2 repeats = 16 small cells.
    private const string Study = """
        { "study": "signals", "seed": 11, "repeats": 2,
          "problems": [ { "problem": "reference/linear-shift", "strategies": ["scratch", "source-only", "fine-tune", "oracle"], "sizes": [4, 16], "options": { "test_size": 200, "source_samples": 200 } } ] }
        """;

    private static string[] Rows(string dir) =>
        [.. File.ReadAllLines(Path.Combine(dir, "results.csv")).Skip(1).Select(l => l[..l.LastIndexOf(',')]).Order(StringComparer.Ordinal)];

    private static Process StartPaused(string cfg, string outDir, int cells)
    {
        var p = CliProcess.Start(new Dictionary<string, string> { ["SCITRANSFER_TEST_PAUSE_AFTER_CELLS"] = cells.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "run", cfg, "--out", outDir, "--threads", "1");
        string marker = Path.Combine(outDir, ".paused");
        var sw = Stopwatch.StartNew();
        while (!File.Exists(marker) && !p.HasExited && sw.Elapsed < TimeSpan.FromMinutes(3))
        {
            Thread.Sleep(20);
        }

        Assert.True(File.Exists(marker), "the run never reached the pause point: " + (p.HasExited ? p.StandardError.ReadToEnd() : "timed out"));
        return p;
    }

    private static void Signal(Process p, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static (int Code, string Out, string Err) Finish(Process p)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "the run did not stop after the signal");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void A_second_process_is_refused_while_a_run_holds_the_folder_and_SIGTERM_saves_and_exits_143()
    {
        using var dir = new TempDir();
        string cfg = dir.File("signals.json", Study);
        string full = dir.Sub("full"), outDir = dir.Sub("out");
        Assert.Equal(0, CliProcess.Run("run", cfg, "--out", full, "--threads", "1").ExitCode);

        using var first = StartPaused(cfg, outDir, 3);
        var (code2, _, err2) = CliProcess.Run("run", cfg, "--out", outDir, "--threads", "1");
        Assert.Equal(ExitCodes.BadConfig, code2);
        Assert.Contains($"pid {first.Id}", err2, StringComparison.Ordinal);
        Assert.Contains("scitransfer run", err2, StringComparison.Ordinal);
        var report = new Commands(new StringWriter(), new StringWriter()).Report(outDir);
        Assert.Equal(ExitCodes.BadConfig, report);

        Signal(first, "TERM");
        var (code, _, err) = Finish(first);
        Assert.Equal(ExitCodes.Terminated, code);
        Assert.Contains("interrupted: 3 of 16 cells saved; rerun the same command to resume", err, StringComparison.Ordinal);
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")))!;
        Assert.Equal("interrupted", (string?)record["status"]);
        Assert.Equal(6, Rows(outDir).Length);

        var (code3, out3, err3) = CliProcess.Run("run", cfg, "--out", outDir, "--threads", "2");
        Assert.True(code3 == 0, err3);
        Assert.Contains("13 cells run, 3 skipped", out3, StringComparison.Ordinal);
        Assert.Equal(Rows(full), Rows(outDir));
        Assert.Equal(File.ReadAllBytes(Path.Combine(full, "summary.csv")), File.ReadAllBytes(Path.Combine(outDir, "summary.csv")));
    }

    [SigintFact]
    public void SIGINT_saves_the_finished_cells_and_exits_130()
    {
        using var dir = new TempDir();
        string cfg = dir.File("signals.json", Study);
        string outDir = dir.Sub("out");
        using var p = StartPaused(cfg, outDir, 5);
        Signal(p, "INT");
        var (code, _, err) = Finish(p);
        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("interrupted: 5 of 16 cells saved", err, StringComparison.Ordinal);
        Assert.Equal("interrupted", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")))!["status"]);
    }

    [Fact]
    public void A_full_disk_exits_with_code_4_naming_the_file_and_the_reason_and_a_rerun_recovers_exactly()
    {
        using var dir = new TempDir();
        string cfg = dir.File("signals.json", Study);
        string full = dir.Sub("full"), outDir = dir.Sub("out");
        Assert.Equal(0, CliProcess.Run("run", cfg, "--out", full, "--threads", "1").ExitCode);
        var (code, _, err) = CliProcess.Run(new Dictionary<string, string> { ["SCITRANSFER_TEST_DISK_FULL_AFTER_CELLS"] = "4" }, "run", cfg, "--out", outDir, "--threads", "2");
        Assert.Equal(ExitCodes.IoFailed, code);
        Assert.Equal($"error: cannot write {Path.Combine(outDir, "results.csv")}: No space left on device", err.Trim());

        var (code2, _, err2) = CliProcess.Run("run", cfg, "--out", outDir, "--threads", "2");
        Assert.True(code2 == 0, err2);
        Assert.Equal(Rows(full), Rows(outDir));
        Assert.Equal(File.ReadAllBytes(Path.Combine(full, "summary.csv")), File.ReadAllBytes(Path.Combine(outDir, "summary.csv")));
    }

    [Fact]
    public void Merge_refuses_missing_cells_and_with_allow_partial_says_partial_in_the_report()
    {
        using var dir = new TempDir();
        string cfg = dir.File("signals.json", Study);
        var commands = new Commands(new StringWriter(), new StringWriter());
        Assert.Equal(0, commands.Run(cfg, dir.Sub("s1"), false, 1, "1/2", "managed"));
        var err = new StringWriter();
        Assert.Equal(ExitCodes.BadConfig, new Commands(new StringWriter(), err).Merge([dir.Sub("s1")], dir.Sub("m")));
        Assert.Contains("8 of 16 cells", err.ToString(), StringComparison.Ordinal);
        Assert.Contains("2/2", err.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, commands.Merge([dir.Sub("s1")], dir.Sub("m"), allowPartial: true));
        Assert.Contains("partial: 8 of 16 cells", File.ReadAllText(Path.Combine(dir.Sub("m"), "report.md")), StringComparison.Ordinal);
    }
}
