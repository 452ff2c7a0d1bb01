using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SciTransfer.Cli.Tests;

/// <summary>
/// A fact that needs a one-node Slurm cluster on this machine: root (to start the daemons with
/// scripts/slurm-local-cluster.sh) and the Debian packages slurm-wlm and munge (scripts/setup.sh --tests installs
/// them as root). Skipped with the missing one named otherwise.
/// </summary>
public sealed class SlurmClusterFactAttribute : FactAttribute
{
    public SlurmClusterFactAttribute()
    {
        if (!IsRoot())
        {
            Skip = "needs root to start a one-node Slurm cluster (scripts/slurm-local-cluster.sh)";
        }
        else if (!File.Exists("/usr/sbin/slurmctld") || !File.Exists("/usr/sbin/slurmd") || !File.Exists("/usr/sbin/munged") || !File.Exists("/usr/bin/sbatch"))
        {
            Skip = "needs the Debian packages slurm-wlm and munge (scripts/setup.sh --tests installs them as root)";
        }
    }

    private static bool IsRoot()
    {
        // /proc/self/status: "Uid:\treal\teffective\t..."
        string? line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal)) : null;
        return line is not null && line.Split('\t', StringSplitOptions.RemoveEmptyEntries) is [_, _, "0", ..];
    }
}

public class SlurmClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "SciTransfer.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("no SciTransfer.sln above " + AppContext.BaseDirectory);
    }

    private static (int Code, string Out) Shell(string command)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + err.Result);
    }

    /// <summary>Waits until none of <paramref name="jobs"/> is pending or running.</summary>
    private static void WaitForJobs(IEnumerable<string> jobs)
    {
        string list = string.Join(',', jobs);
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < Patience)
        {
            var (code, output) = Shell($"squeue -h -o %i -j {list}");
            if (code == 0 && output.Trim().Length == 0)
            {
                return;
            }

            Thread.Sleep(1000);
        }

        throw new TimeoutException($"jobs {list} still queued after {Patience}: {Shell("squeue").Out}");
    }

    private static List<string> JobIds(string submitOutput) =>
        [.. Regex.Matches(submitOutput, @"submitted \w+: job (\d+)").Select(m => m.Groups[1].Value)];

    [Trait("Category", "Slow")]
    [SlurmClusterFact]
    public void A_study_submitted_in_3_shards_survives_a_killed_shard_and_merges_to_the_unsharded_summary()
    {
        var (started, log) = Shell($"'{RepositoryRoot()}/scripts/slurm-local-cluster.sh'");
        Assert.True(started == 0, "scripts/slurm-local-cluster.sh failed: " + log);

        using var dir = new TempDir();
        string cfg = dir.File("tiny.json", ClusterStudy.Json);
        string single = dir.Sub("single"), run = dir.Sub("cluster run");
        var (code, _, err) = CliProcess.Run("run", cfg, "--out", single, "--threads", "1");
        Assert.True(code == 0, err);

        // The jobs run the apphost next to the built scitransfer.dll (the node is this machine, which has the .NET
        // runtime), or a published build given in SCITRANSFER_TEST_SLURM_APP; `slurm submit` without --app
        // publishes a self-contained one (minutes), which this test skips to stay within CI time.
        string app = Environment.GetEnvironmentVariable("SCITRANSFER_TEST_SLURM_APP") ?? Path.GetDirectoryName(CliProcess.Dll)!;
        Assert.True(File.Exists(Path.Combine(app, "scitransfer")), $"no scitransfer executable in {app}");

        // Shard 2 pauses after its first cell (test hook, inherited by the jobs through sbatch's --export=ALL).
        var hook = new Dictionary<string, string> { ["SCITRANSFER_TEST_PAUSE_SHARD"] = "2:1" };
        var (submitted, output, submitErr) = CliProcess.Run(hook, "slurm", "submit", cfg, "--out", run, "--shards", "3", "--app", app, "--time", "00:10:00");
        Assert.True(submitted == 0, submitErr + output);
        var jobs = JobIds(output);
        Assert.Equal(3, jobs.Count); // pretrain, cells, finish

        string marker = Path.Combine(run, "shards", "shard-2", ".paused");
        var sw = Stopwatch.StartNew();
        while (!File.Exists(marker) && sw.Elapsed < Patience)
        {
            Thread.Sleep(500);
        }

        Assert.True(File.Exists(marker), "shard 2 never paused: " + Shell($"cat '{run}'/slurm/logs/*").Out);

        // What Slurm does at the time limit (--signal=B:TERM): SIGTERM to the batch shell, which is the app (exec).
        var (cancelled, cancelLog) = Shell($"scancel --batch --signal=TERM {jobs[1]}_2");
        Assert.True(cancelled == 0, cancelLog);
        WaitForJobs(jobs);

        string finishLog = File.ReadAllText(Path.Combine(run, "slurm", "logs", "finish.out"));
        Assert.Contains("shard 2: 1/", finishLog, StringComparison.Ordinal);
        Assert.Contains("(interrupted)", finishLog, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run, "merged", "summary.csv")));
        string shard2Log = File.ReadAllText(Path.Combine(run, "slurm", "logs", "cells-2.out"));
        Assert.Contains("SIGTERM", shard2Log, StringComparison.Ordinal);

        var (statusCode, status, _) = CliProcess.Run("status", run);
        Assert.Equal(0, statusCode);
        Assert.Matches(@"shard 2: 1/\d+ done, 0 failed, [1-9]\d* missing \(interrupted\)", status);
        Assert.Contains("stage a (source models): 2 of 2 cached", status, StringComparison.Ordinal);

        // The printed command, run as printed, resubmits only shard 2 and a finish job.
        string[] lines = finishLog.Split('\n');
        int at = Array.FindLastIndex(lines, l => l.StartsWith("resubmit only these with:", StringComparison.Ordinal));
        Assert.True(at >= 0 && at + 1 < lines.Length, finishLog);
        var (resubmitted, resubmitLog) = Shell(lines[at + 1].Trim());
        Assert.True(resubmitted == 0, resubmitLog);
        Assert.Contains("--array=2 ", resubmitLog, StringComparison.Ordinal);
        WaitForJobs(JobIds(resubmitLog));

        Assert.Equal(File.ReadAllBytes(Path.Combine(single, "summary.csv")), File.ReadAllBytes(Path.Combine(run, "merged", "summary.csv")));

        // Each source model was trained exactly once over all jobs, and they are the ones the unsharded run trained.
        var trained = Directory.GetFiles(run, "run.json", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(run, "merged"), StringComparison.Ordinal))
            .SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!["sources_trained"]!.AsArray().Select(n => (string)n!))
            .Order(StringComparer.Ordinal).ToList();
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(single, "run.json")))!["sources_trained"]!.AsArray().Select(n => (string)n!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, trained);
    }
}
