using System.Globalization;
using System.Text;

namespace SciTransfer.Transfer.Cluster;

/// <summary>
/// The three batch scripts of a cluster run, written to DIR/slurm/ and kept for the record: pretrain.sbatch (stage
/// a, one array task per source model), cells.sbatch (stage b, one array task per shard) and finish.sbatch (stage c).
/// Each job execs the app binary, so Slurm's SIGTERM (<c>--signal=B:TERM@120</c>, two minutes before the time
/// limit) reaches the program itself, which stops starting cells, lets running ones finish for 60 s, saves and
/// exits; <c>--requeue</c> lets a preempted job start again, resuming into the same folder. Every path is quoted
/// (<see cref="ShellQuote"/>). The array range, dependencies and log files are given on the sbatch command line
/// (<see cref="SlurmSubmission"/>), so a resubmission reuses the same scripts for a subset of tasks.
/// </summary>
public static class SlurmScripts
{
    /// <summary>Script names (DIR/slurm/NAME.sbatch).</summary>
    public const string Pretrain = "pretrain", Cells = "cells", Finish = "finish";

    /// <summary>The scripts' text by name.</summary>
    /// <param name="layout">The cluster run's folders.</param>
    /// <param name="settings">Resource flags.</param>
    /// <param name="shardCount">N: shard K runs <c>--shard K/N</c> of the plan.</param>
    /// <param name="configFile">Absolute path of the study config.</param>
    /// <param name="app">The scitransfer executable the jobs run.</param>
    public static IReadOnlyDictionary<string, string> Build(ClusterLayout layout, SlurmSettings settings, int shardCount, string configFile, string app)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(settings);
        string q(string s) => ShellQuote.Quote(s);
        string task = "\"$SLURM_ARRAY_TASK_ID\"";
        string common = $"{q(app)} run {q(configFile)} --plan {q(layout.Plan)} --sources {q(layout.Sources)}";
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Pretrain] = Script(
                "stage a: trains one source model (array task K: the plan's pretrain entry K) into the shared sources/ cache",
                "scitransfer-sources",
                settings,
                1,
                $"exec {common} --pretrain-only {task} --out {q(layout.Pretrain(0)[..^1])}{task}"),
            [Cells] = Script(
                string.Create(CultureInfo.InvariantCulture, $"stage b: runs shard K of {shardCount} (array task K) into shards/shard-K, loading sources from the cache"),
                "scitransfer-cells",
                settings,
                settings.CpusPerTask,
                string.Create(CultureInfo.InvariantCulture, $"exec {common} --shard \"$SLURM_ARRAY_TASK_ID/{shardCount}\" --out {q(layout.Shard(0)[..^1])}{task} --threads {settings.CpusPerTask} --grace {SlurmSettings.GraceSeconds}")),
            [Finish] = Script(
                "stage c: merges the shards into merged/ and checks completeness; lists missing cells and the resubmit command",
                "scitransfer-finish",
                settings,
                1,
                $"exec {q(app)} slurm finish {q(layout.Root)}"),
        };
    }

    /// <summary>Writes the scripts into DIR/slurm/ (executable) and returns their paths by name.</summary>
    public static IReadOnlyDictionary<string, string> Write(ClusterLayout layout, IReadOnlyDictionary<string, string> scripts)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(scripts);
        Directory.CreateDirectory(layout.Slurm);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in scripts)
        {
            string path = layout.Script(name);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            paths[name] = path;
        }

        return paths;
    }

    private static string Script(string what, string jobName, SlurmSettings settings, int cpus, string command)
    {
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append("# SciTransfer ").Append(what).Append(".\n");
        sb.Append("# Written by `scitransfer slurm submit`; submitted with the array range, dependency and log file on the sbatch\n");
        sb.Append("# command line (see submissions.json beside this file).\n");
        sb.Append("#SBATCH --job-name=").Append(jobName).Append('\n');
        foreach (string line in settings.Directives(cpus))
        {
            sb.Append(line).Append('\n');
        }

        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --signal=B:TERM@{SlurmSettings.SignalLeadSeconds}\n");
        sb.Append("#SBATCH --requeue\n");
        sb.Append("#SBATCH --open-mode=append\n");
        sb.Append("set -euo pipefail\n");
        sb.Append(command).Append('\n');
        return sb.ToString();
    }
}
