using System.Text.Json.Nodes;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Running;

/// <summary>Joins shard output folders of one study into one folder whose summary equals an unsharded run's.</summary>
public static class ShardMerger
{
    /// <summary>Merges <paramref name="shardDirectories"/> into <paramref name="outputDirectory"/>; returns the merged row count.</summary>
    public static int Merge(IReadOnlyList<string> shardDirectories, string outputDirectory)
    {
        if (shardDirectories.Count == 0)
        {
            throw new ConfigException("command line", "merge", "name at least one shard folder");
        }

        JsonObject? first = null;
        string? firstConfig = null;
        var rows = new List<ResultRow>();
        var seen = new HashSet<(CellKey, string)>();
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
                throw new ConfigException(Path.Combine(dir, RunRecord.FileName), "$.config", $"is a different study or config than {shardDirectories[0]}");
            }

            foreach (var r in ResultsFile.Read(Path.Combine(dir, "results.csv"), allowCutOffTail: true))
            {
                if (seen.Add((r.Cell, r.Metric)))
                {
                    rows.Add(r);
                }
            }

            FigureStore.CopyAll(dir, outputDirectory);
        }

        var manifests = RunRecord.Problems(first!, shardDirectories[0]);
        var order = manifests.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var sorted = rows
            .OrderBy(r => order.GetValueOrDefault(r.Problem, int.MaxValue))
            .ThenBy(r => r.Repeat)
            .ThenBy(r => r.Strategy, StringComparer.Ordinal)
            .ThenBy(r => r.NTarget)
            .ThenBy(r => r.Metric, StringComparer.Ordinal)
            .ToList();

        Directory.CreateDirectory(outputDirectory);
        ResultsFile.Rewrite(Path.Combine(outputDirectory, "results.csv"), sorted);
        var merged = (JsonObject)first!.DeepClone();
        merged["shard"] = null;
        merged["merged_from"] = new JsonArray([.. shardDirectories.Select(d => (JsonNode?)JsonValue.Create(Path.GetFullPath(d)))]);
        RunRecord.Write(outputDirectory, merged);
        SummaryCsv.Write(Path.Combine(outputDirectory, "summary.csv"), SummaryBuilder.Build(manifests, sorted));
        SummaryCsv.Write(Path.Combine(outputDirectory, "timings.csv"), SummaryBuilder.BuildTimings(manifests, sorted));
        return sorted.Count;
    }
}
