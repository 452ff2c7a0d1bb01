using System.Text;
using SciTransfer.Transfer.Reporting;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Running;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.Transfer.Cluster;

/// <summary>What <see cref="ClusterFinish.Run"/> did.</summary>
/// <param name="Progress">The state it found.</param>
/// <param name="MergedRows">Rows merged into merged/results.csv (0 when incomplete).</param>
/// <param name="ResubmitCommand">When cells are missing: the command that resubmits only their shards; else null.</param>
public sealed record FinishOutcome(ClusterProgress Progress, int MergedRows, string? ResubmitCommand);

/// <summary>
/// Stage c of a cluster run. When every planned cell is done, merges the shards (<see cref="ShardMerger"/>) into
/// merged/ and writes the report there. Otherwise writes DIR/slurm/missing.csv (problem, strategy, n_target, repeat,
/// shard, why) and returns the command that resubmits the shards (and source models) still owing work; the shards
/// resume into their folders, so only the missing cells run again.
/// </summary>
public static class ClusterFinish
{
    /// <summary>Header of missing.csv.</summary>
    public const string MissingHeader = "problem,strategy,n_target,repeat,shard,why";

    /// <summary>Finishes the cluster run in <paramref name="layout"/>.</summary>
    public static FinishOutcome Run(ClusterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var progress = ClusterProgress.Read(layout);
        if (!progress.Complete)
        {
            string csv = CsvTableWriter.Format(MissingHeader.Split(','), w =>
            {
                foreach (var (shard, cell, why) in progress.Incomplete)
                {
                    w.Text(cell.Problem).Text(cell.Strategy).Integer(cell.NTarget).Integer(cell.Repeat).Integer(shard).Text(why);
                    w.EndRow();
                }
            });
            File.WriteAllText(layout.Missing, csv, new UTF8Encoding(false));
            return new FinishOutcome(progress, 0, ResubmitCommand(layout));
        }

        if (File.Exists(layout.Missing))
        {
            File.Delete(layout.Missing);
        }

        Directory.CreateDirectory(layout.Merged);
        int rows;
        using (OutputLock.Acquire(layout.Merged, "merge"))
        {
            rows = ShardMerger.Merge([.. progress.Plan.Shards.Select(s => layout.Shard(s.Index))], layout.Merged);
            StudyReport.Write(layout.Merged, OutputFolder.Rebuild(layout.Merged));
        }

        return new FinishOutcome(ClusterProgress.Read(layout), rows, null);
    }

    /// <summary>The shards (1-based) that owe cells.</summary>
    public static IReadOnlyList<int> ShardsToRerun(ClusterProgress progress) =>
        [.. (progress ?? throw new ArgumentNullException(nameof(progress))).Incomplete.Select(x => x.Shard).Distinct().Order()];

    /// <summary>The pre-training tasks (1-based) whose model is not cached.</summary>
    public static IReadOnlyList<int> PretrainToRerun(ClusterProgress progress) =>
        [.. (progress ?? throw new ArgumentNullException(nameof(progress))).Pretrain.Where(p => !p.Done).Select(p => p.Task)];

    /// <summary>`APP slurm resubmit DIR`, quoted for bash, with the app recorded at submission.</summary>
    public static string ResubmitCommand(ClusterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        string app = File.Exists(layout.AppPathFile) ? File.ReadAllText(layout.AppPathFile).Trim() : "scitransfer";
        return ShellQuote.Join([app, "slurm", "resubmit", layout.Root]);
    }
}
