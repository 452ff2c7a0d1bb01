using System.Globalization;
using System.Text;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Running;
using SciTransfer.Transfer.Tables;

namespace SciTransfer.Transfer.Cluster;

/// <summary>A pre-training task: its 1-based array task, the source it trains and whether its cache file exists.</summary>
public sealed record PretrainProgress(int Task, SourcePair Pair, bool Done);

/// <summary>
/// A shard's cells: planned, done (every metric in results.csv), failed (in failures.csv, not done) and missing (not
/// run, cut off or abandoned), and the status its run.json gives ("not started" without one).
/// </summary>
public sealed record ShardProgress(int Shard, int Planned, int Done, int Failed, int Missing, string State);

/// <summary>
/// Where a cluster run stands, read only from the files on disk (no Slurm query, so it works after the jobs are gone
/// and on any machine that sees DIR): plan.json, the sources/ cache, each shard's run.json, results.csv and
/// failures.csv, and merged/run.json.
/// </summary>
public sealed class ClusterProgress
{
    private ClusterProgress(ShardPlan plan, IReadOnlyList<PretrainProgress> pretrain, IReadOnlyList<ShardProgress> shards, IReadOnlyList<(int Shard, CellKey Cell, string Why)> incomplete, string mergedState)
    {
        Plan = plan;
        Pretrain = pretrain;
        Shards = shards;
        Incomplete = incomplete;
        MergedState = mergedState;
    }

    /// <summary>The plan the run follows.</summary>
    public ShardPlan Plan { get; }

    /// <summary>Stage a, per task.</summary>
    public IReadOnlyList<PretrainProgress> Pretrain { get; }

    /// <summary>Stage b, per shard.</summary>
    public IReadOnlyList<ShardProgress> Shards { get; }

    /// <summary>Every cell not done, with its shard and "failed" or "missing".</summary>
    public IReadOnlyList<(int Shard, CellKey Cell, string Why)> Incomplete { get; }

    /// <summary>Stage c: merged/run.json's status, or "not merged".</summary>
    public string MergedState { get; }

    /// <summary>True when every planned cell is done.</summary>
    public bool Complete => Incomplete.Count == 0;

    /// <summary>Reads the state of the cluster run in <paramref name="layout"/>.</summary>
    /// <exception cref="DataFormatException">No plan.json (not a cluster run folder), or a malformed file (named).</exception>
    public static ClusterProgress Read(ClusterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var plan = ShardPlan.Read(layout.Plan);
        var pretrain = plan.Pretrain.Select((p, i) => new PretrainProgress(i + 1, p, File.Exists(StudyRunner.SourceCacheFile(layout.Sources, p.Problem, p.Repeat)))).ToList();
        var shards = new List<ShardProgress>();
        var incomplete = new List<(int, CellKey, string)>();
        foreach (var s in plan.Shards)
        {
            string dir = layout.Shard(s.Index);
            string state = "not started";
            var done = new HashSet<CellKey>();
            var failed = new HashSet<CellKey>();
            if (File.Exists(Path.Combine(dir, RunRecord.FileName)))
            {
                var record = RunRecord.Read(dir);
                state = RunRecord.Text(record, "status");
                var metrics = RunRecord.Problems(record, dir).ToDictionary(m => m.Id, m => m.Metrics.Select(x => x.Name).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
                string results = Path.Combine(dir, "results.csv");
                if (File.Exists(results))
                {
                    foreach (var g in ResultsFile.Read(results, allowCutOffTail: true).GroupBy(r => r.Cell))
                    {
                        if (metrics.TryGetValue(g.Key.Problem, out var want) && want.SetEquals(g.Select(r => r.Metric)))
                        {
                            done.Add(g.Key);
                        }
                    }
                }

                failed = ReadFailures(Path.Combine(dir, FailureLog.FileName));
            }

            int nDone = 0, nFailed = 0, nMissing = 0;
            foreach (var c in s.Cells)
            {
                if (done.Contains(c))
                {
                    nDone++;
                }
                else if (failed.Contains(c))
                {
                    nFailed++;
                    incomplete.Add((s.Index, c, "failed"));
                }
                else
                {
                    nMissing++;
                    incomplete.Add((s.Index, c, "missing"));
                }
            }

            shards.Add(new ShardProgress(s.Index, s.Cells.Count, nDone, nFailed, nMissing, state));
        }

        string merged = File.Exists(Path.Combine(layout.Merged, RunRecord.FileName)) ? RunRecord.Text(RunRecord.Read(layout.Merged), "status") : "not merged";
        return new ClusterProgress(plan, pretrain, shards, incomplete, merged);
    }

    /// <summary>The status table `scitransfer status DIR` prints.</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        int cells = Shards.Sum(s => s.Planned), done = Shards.Sum(s => s.Done);
        sb.Append(CultureInfo.InvariantCulture, $"study {Plan.Study}: {done} of {cells} cells done, {Shards.Sum(s => s.Failed)} failed, {Shards.Sum(s => s.Missing)} missing\n");
        sb.Append(CultureInfo.InvariantCulture, $"stage a (source models): {Pretrain.Count(p => p.Done)} of {Pretrain.Count} cached\n");
        foreach (var p in Pretrain)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  task {p.Task} {p.Pair}: {(p.Done ? "cached" : "missing")}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"stage b (shards): {Shards.Count(s => s.Done == s.Planned)} of {Shards.Count} complete\n");
        foreach (var s in Shards)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  shard {s.Shard}: {s.Done}/{s.Planned} done, {s.Failed} failed, {s.Missing} missing ({s.State})\n");
        }

        sb.Append("stage c (merge): ").Append(MergedState).Append('\n');
        return sb.ToString();
    }

    private static HashSet<CellKey> ReadFailures(string path)
    {
        var cells = new HashSet<CellKey>();
        if (!File.Exists(path))
        {
            return cells;
        }

        string[] required = ["problem", "strategy", "n_target", "repeat"];
        using var reader = CsvTableReader.Open(path, required, [.. FailureLog.Header.Split(',').Except(required)]);
        while (reader.Next())
        {
            cells.Add(new CellKey(SpreadsheetSafety.Restore(reader.Text("problem")), SpreadsheetSafety.Restore(reader.Text("strategy")), reader.Integer("n_target", 0, int.MaxValue), reader.Integer("repeat", 0, int.MaxValue)));
        }

        return cells;
    }
}
