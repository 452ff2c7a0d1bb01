using System.Globalization;

namespace SciTransfer.Transfer.Cluster;

/// <summary>
/// The folders and files of a cluster run DIR: slurm/ (plan.json, the batch scripts, logs/, app/, submissions.json,
/// missing.csv), sources/ (the shared source-model cache), pretrain/pair-K/ (stage a), shards/shard-K/ (stage b, each
/// a run output folder) and merged/ (stage c: the study's final output).
/// </summary>
/// <param name="Root">DIR, as an absolute path.</param>
public sealed record ClusterLayout(string Root)
{
    /// <summary>The layout of <paramref name="dir"/> (made absolute: jobs run elsewhere).</summary>
    public static ClusterLayout Of(string dir) => new(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>DIR/slurm: scripts and records.</summary>
    public string Slurm => Path.Combine(Root, "slurm");

    /// <summary>DIR/slurm/plan.json.</summary>
    public string Plan => Path.Combine(Slurm, ShardPlan.FileName);

    /// <summary>DIR/slurm/app: the self-contained build the jobs run.</summary>
    public string App => Path.Combine(Slurm, "app");

    /// <summary>DIR/slurm/logs: one log per job (array task).</summary>
    public string Logs => Path.Combine(Slurm, "logs");

    /// <summary>DIR/slurm/submissions.json: every sbatch call with its job id.</summary>
    public string Submissions => Path.Combine(Slurm, "submissions.json");

    /// <summary>DIR/slurm/missing.csv: cells missing at the last finish.</summary>
    public string Missing => Path.Combine(Slurm, "missing.csv");

    /// <summary>DIR/slurm/app-path: the executable the jobs run (one line), for the printed resubmit command.</summary>
    public string AppPathFile => Path.Combine(Slurm, "app-path");

    /// <summary>DIR/sources: the shared source-model cache.</summary>
    public string Sources => Path.Combine(Root, "sources");

    /// <summary>DIR/merged: the merged study output (final report).</summary>
    public string Merged => Path.Combine(Root, "merged");

    /// <summary>DIR/slurm/NAME.sbatch.</summary>
    public string Script(string name) => Path.Combine(Slurm, name + ".sbatch");

    /// <summary>DIR/shards/shard-K (K 1-based).</summary>
    public string Shard(int k) => Path.Combine(Root, "shards", string.Create(CultureInfo.InvariantCulture, $"shard-{k}"));

    /// <summary>DIR/pretrain/pair-K (K 1-based, the pre-training array task).</summary>
    public string Pretrain(int k) => Path.Combine(Root, "pretrain", string.Create(CultureInfo.InvariantCulture, $"pair-{k}"));
}
