using System.Globalization;
using System.Text.Json.Nodes;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Running;

/// <summary>Joins shard output folders of one study into one folder whose summary equals an unsharded run's.</summary>
public static class ShardMerger
{
    /// <summary>
    /// Merges <paramref name="shardDirectories"/> into <paramref name="outputDirectory"/>; returns the merged row count.
    /// Shards must come from one study and one shard count, and end in whole lines (a cut-off line means the shard
    /// was interrupted: rerun it). The union must hold every cell of the study's plan, or the missing cells are an
    /// error listing them; with <paramref name="allowPartial"/> the merge goes on and run.json and the report say
    /// "partial: N of M cells". A non-empty output folder must be an earlier merge of the same study.
    /// </summary>
    public static int Merge(IReadOnlyList<string> shardDirectories, string outputDirectory, bool allowPartial = false)
    {
        ArgumentNullException.ThrowIfNull(shardDirectories);
        if (shardDirectories.Count == 0)
        {
            throw new ConfigException("command line", "merge", "name at least one shard folder");
        }

        JsonObject? first = null;
        string? firstConfig = null;
        var records = new List<(string Dir, JsonObject Record)>();
        foreach (string dir in shardDirectories)
        {
            var record = RunRecord.Read(dir);
            string config = record["config"]?.ToJsonString() ?? "";
            if (first is null)
            {
                first = record;
                firstConfig = config;
            }
            else if (config != firstConfig)
            {
                throw new ConfigException(Path.Combine(dir, RunRecord.FileName), "$.config", $"is a different study or config ('{RunRecord.Text(record, "study")}') than {shardDirectories[0]} ('{RunRecord.Text(first, "study")}')");
            }

            records.Add((dir, record));
        }

        var shardOf = CheckShardCounts(records);
        using var folderLock = OutputLock.Acquire(outputDirectory, "merge");
        CheckOutputFolder(outputDirectory, firstConfig!, shardDirectories);

        var rows = new List<ResultRow>();
        var seen = new HashSet<(CellKey, string)>();
        foreach (string dir in shardDirectories)
        {
            string path = Path.Combine(dir, "results.csv");
            if (!File.Exists(path))
            {
                throw new DataFormatException(path, 0, "results.csv", "missing: the shard has not run yet");
            }

            if (!EndsInWholeLine(path))
            {
                throw new DataFormatException(path, File.ReadAllLines(path).Length, "(line)", "the last line is cut off (the shard was interrupted); rerun that shard into the same folder to repair it, then merge");
            }

            foreach (var r in ResultsFile.Read(path))
            {
                if (seen.Add((r.Cell, r.Metric)))
                {
                    rows.Add(r);
                }
            }
        }

        var manifests = RunRecord.Problems(first!, shardDirectories[0]);
        var (planned, complete) = CheckPlan(first!, shardDirectories[0], manifests, rows);
        var missing = planned.Where(c => !complete.Contains(c)).ToList();
        if (missing.Count > 0 && !allowPartial)
        {
            int total = shardOf.Values.FirstOrDefault()?.Count ?? 0;
            var present = shardOf.Values.Where(s => s is not null).Select(s => s!.Index).ToHashSet();
            string shards = total > 0 && present.Count < total
                ? $" (shards {string.Join(", ", Enumerable.Range(1, total).Where(k => !present.Contains(k)).Select(k => $"{k}/{total}"))} not given)"
                : "";
            throw new ConfigException(
                "command line",
                "merge",
                $"{missing.Count} of {planned.Count} cells of study '{RunRecord.Text(first!, "study")}' are missing{shards}: {string.Join(", ", missing.Take(20))}{(missing.Count > 20 ? $", and {missing.Count - 20} more" : "")}; run the missing shards, or pass --allow-partial to merge what there is");
        }

        var order = manifests.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var sorted = rows
            .Where(r => complete.Contains(r.Cell))
            .OrderBy(r => order.GetValueOrDefault(r.Problem, int.MaxValue))
            .ThenBy(r => r.Repeat)
            .ThenBy(r => r.Strategy, StringComparer.Ordinal)
            .ThenBy(r => r.NTarget)
            .ThenBy(r => r.Metric, StringComparer.Ordinal)
            .ToList();

        Write(outputDirectory, () =>
        {
            foreach (string dir in shardDirectories)
            {
                FigureStore.CopyAll(dir, outputDirectory);
            }

            ResultsFile.Rewrite(Path.Combine(outputDirectory, "results.csv"), sorted);
            var merged = (JsonObject)first!.DeepClone();
            merged["shard"] = null;
            merged["merged_from"] = new JsonArray([.. shardDirectories.Select(d => (JsonNode?)JsonValue.Create(Path.GetFullPath(d)))]);
            merged["cells_planned"] = planned.Count;
            merged["cells_merged"] = planned.Count - missing.Count;
            merged["partial"] = missing.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"partial: {planned.Count - missing.Count} of {planned.Count} cells") : null;
            merged["status"] = missing.Count > 0 ? "partial" : "finished";
            RunRecord.Write(outputDirectory, merged);
            StudyTables.Write(outputDirectory, manifests, sorted, SummaryBuilder.Build(manifests, sorted));
        });
        return sorted.Count;
    }

    /// <summary>Every shard must be K/N of one N (or all unsharded); returns each folder's shard.</summary>
    private static Dictionary<string, ShardSpec?> CheckShardCounts(List<(string Dir, JsonObject Record)> records)
    {
        var result = new Dictionary<string, ShardSpec?>(StringComparer.Ordinal);
        foreach (var (dir, record) in records)
        {
            string text = RunRecord.Text(record, "shard");
            ShardSpec? shard;
            try
            {
                shard = text.Length == 0 ? null : ShardSpec.Parse(text);
            }
            catch (ConfigException)
            {
                throw new DataFormatException(Path.Combine(dir, RunRecord.FileName), 0, "shard", $"'{text}' is not K/N");
            }

            result[dir] = shard;
        }

        var counts = result.Values.Select(s => s?.Count ?? 0).Distinct().ToList();
        if (counts.Count > 1)
        {
            throw new ConfigException(
                "command line",
                "merge",
                "the folders come from different shard counts: " + string.Join(", ", result.Select(kv => $"{kv.Key} ({(kv.Value is null ? "unsharded" : kv.Value.ToString())})")) + "; merge the shards of one --shard K/N split");
        }

        return result;
    }

    /// <summary>A non-empty output folder must be an earlier merge of the same study (never a shard or another study).</summary>
    private static void CheckOutputFolder(string outputDirectory, string config, IReadOnlyList<string> shardDirectories)
    {
        string full = Path.GetFullPath(outputDirectory).TrimEnd(Path.DirectorySeparatorChar);
        if (shardDirectories.Any(d => Path.GetFullPath(d).TrimEnd(Path.DirectorySeparatorChar) == full))
        {
            throw new ConfigException("command line", "--out", $"{outputDirectory} is one of the shard folders; merge into a new folder");
        }

        bool empty = !Directory.EnumerateFileSystemEntries(outputDirectory).Any(p => Path.GetFileName(p) != OutputLock.FileName);
        if (empty)
        {
            return;
        }

        string why;
        if (!File.Exists(Path.Combine(outputDirectory, RunRecord.FileName)))
        {
            why = "is not empty and holds no run.json";
        }
        else
        {
            JsonObject old;
            try
            {
                old = RunRecord.Read(outputDirectory);
            }
            catch (DataFormatException)
            {
                old = [];
            }

            if (old["merged_from"] is null)
            {
                why = "holds a run, not a merge";
            }
            else if ((old["config"]?.ToJsonString() ?? "") != config)
            {
                why = $"holds a merge of another study or config ('{RunRecord.Text(old, "study")}')";
            }
            else
            {
                return;
            }
        }

        throw new ConfigException("command line", "--out", $"{Path.GetFullPath(outputDirectory)} {why}; merge into an empty or new folder");
    }

    /// <summary>The study's planned cells (from run.json: problems, their repeats, strategies, sizes) and the complete ones.</summary>
    private static (List<CellKey> Planned, HashSet<CellKey> Complete) CheckPlan(JsonObject record, string dir, List<ProblemManifest> manifests, List<ResultRow> rows)
    {
        var repeats = new Dictionary<string, int>(StringComparer.Ordinal);
        if (record["seeds"] is JsonArray seeds)
        {
            foreach (var s in seeds)
            {
                if (s?["problem"] is JsonValue p && p.TryGetValue(out string? id))
                {
                    repeats[id] = repeats.GetValueOrDefault(id) + 1;
                }
            }
        }

        var planned = new List<CellKey>();
        foreach (var m in manifests)
        {
            if (!repeats.TryGetValue(m.Id, out int count))
            {
                throw new DataFormatException(Path.Combine(dir, RunRecord.FileName), 0, "seeds", $"no repeats recorded for problem '{m.Id}'");
            }

            for (int r = 0; r < count; r++)
            {
                foreach (string s in m.Strategies)
                {
                    foreach (int n in m.Sizes)
                    {
                        planned.Add(new CellKey(m.Id, s, n, r));
                    }
                }
            }
        }

        var metrics = manifests.ToDictionary(m => m.Id, m => m.Metrics.Select(x => x.Name).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var complete = rows.GroupBy(r => r.Cell)
            .Where(g => metrics.TryGetValue(g.Key.Problem, out var want) && want.SetEquals(g.Select(r => r.Metric)))
            .Select(g => g.Key)
            .ToHashSet();
        complete.IntersectWith(planned);
        return (planned, complete);
    }

    private static bool EndsInWholeLine(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length == 0)
        {
            return true;
        }

        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }

    private static void Write(string outputDirectory, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (OutputException.IsIoFault(e))
        {
            throw OutputException.From(Path.GetFullPath(outputDirectory), e);
        }
    }
}
