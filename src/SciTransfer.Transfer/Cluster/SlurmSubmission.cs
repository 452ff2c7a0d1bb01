using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SciTransfer.Transfer.Running;

namespace SciTransfer.Transfer.Cluster;

/// <summary>One sbatch call of a submission: which stage, its arguments and the job id (null in a dry run).</summary>
public sealed record SubmittedJob(string Stage, IReadOnlyList<string> Arguments, string? JobId)
{
    /// <summary>The call as a command line to paste into bash.</summary>
    public string CommandLine => "sbatch --parsable " + ShellQuote.Join(Arguments);
}

/// <summary>
/// Submits the stages of a cluster run in order: (a) the pre-training array (when the plan has cacheable sources),
/// (b) the shard array, after a succeeded (<c>afterok</c>; <c>--kill-on-invalid-dep=yes</c> cancels it when a failed,
/// instead of leaving it pending forever), (c) the finish job after both ended in any state (<c>afterany</c>), so a
/// failed or timed-out shard is reported, never waited on. A resubmission passes the subset of tasks to run again;
/// the shards resume into their folders. Every call is appended to DIR/slurm/submissions.json.
/// </summary>
public static class SlurmSubmission
{
    /// <summary>Submits (or, with a null <paramref name="sbatch"/>, only lists) the jobs.</summary>
    /// <param name="layout">The cluster run's folders (the scripts must be written).</param>
    /// <param name="pretrainTasks">Pre-training array tasks (1-based); empty: no stage a.</param>
    /// <param name="shardTasks">Shard array tasks (1-based); empty: no stage b.</param>
    /// <param name="sbatch">The submitter; null for a dry run.</param>
    public static IReadOnlyList<SubmittedJob> Submit(ClusterLayout layout, IReadOnlyCollection<int> pretrainTasks, IReadOnlyCollection<int> shardTasks, ISbatch? sbatch)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(pretrainTasks);
        ArgumentNullException.ThrowIfNull(shardTasks);
        var jobs = new List<SubmittedJob>();
        if (sbatch is not null)
        {
            Directory.CreateDirectory(layout.Logs); // sbatch does not create the folder of --output
        }

        string? Run(string stage, List<string> args)
        {
            string? id = sbatch?.Submit(args);
            jobs.Add(new SubmittedJob(stage, args, id));
            return id ?? $"<{stage} job id>";
        }

        string? a = null, b = null;
        if (pretrainTasks.Count > 0)
        {
            a = Run(SlurmScripts.Pretrain, [$"--array={Ranges(pretrainTasks)}", $"--output={Path.Combine(layout.Logs, "pretrain-%a.out")}", layout.Script(SlurmScripts.Pretrain)]);
        }

        if (shardTasks.Count > 0)
        {
            var args = new List<string> { $"--array={Ranges(shardTasks)}", $"--output={Path.Combine(layout.Logs, "cells-%a.out")}" };
            if (a is not null)
            {
                args.AddRange([$"--dependency=afterok:{a}", "--kill-on-invalid-dep=yes"]);
            }

            args.Add(layout.Script(SlurmScripts.Cells));
            b = Run(SlurmScripts.Cells, args);
        }

        string after = string.Join(':', new[] { a, b }.Where(x => x is not null));
        var finish = new List<string>();
        if (after.Length > 0)
        {
            finish.Add($"--dependency=afterany:{after}");
        }

        finish.AddRange([$"--output={Path.Combine(layout.Logs, "finish.out")}", layout.Script(SlurmScripts.Finish)]);
        Run(SlurmScripts.Finish, finish);
        if (sbatch is not null)
        {
            Record(layout, jobs);
        }

        return jobs;
    }

    /// <summary>Task numbers as an sbatch array spec: "1-3,5".</summary>
    public static string Ranges(IEnumerable<int> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var sorted = tasks.Distinct().Order().ToList();
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? sorted[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }

        return string.Join(',', parts);
    }

    private static void Record(ClusterLayout layout, List<SubmittedJob> jobs)
    {
        Directory.CreateDirectory(layout.Slurm);
        var all = File.Exists(layout.Submissions) ? JsonNode.Parse(File.ReadAllText(layout.Submissions)) as JsonArray ?? [] : [];
        string now = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        foreach (var j in jobs)
        {
            all.Add(new JsonObject { ["submitted_utc"] = now, ["stage"] = j.Stage, ["job_id"] = j.JobId, ["command"] = j.CommandLine });
        }

        File.WriteAllText(layout.Submissions + ".tmp", all.ToJsonString(RunRecord.JsonOptions) + "\n", new UTF8Encoding(false));
        File.Move(layout.Submissions + ".tmp", layout.Submissions, overwrite: true);
    }
}
