using System.Globalization;
using System.Text.Json.Nodes;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Results;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Running;

/// <summary>Reads an output folder back: rebuilds summary.csv from results.csv and gathers the report input.</summary>
public static class OutputFolder
{
    /// <summary>Recomputes summary.csv from results.csv and run.json; returns the report input.</summary>
    public static StudyReportInput Rebuild(string dir)
    {
        using var folderLock = OutputLock.Acquire(dir, "report", create: false);
        var record = RunRecord.Read(dir);
        var manifests = RunRecord.Problems(record, dir);
        string resultsPath = Path.Combine(dir, "results.csv");
        if (!File.Exists(resultsPath))
        {
            throw new DataFormatException(resultsPath, 0, "results.csv", "missing");
        }

        var rows = ResultsFile.Read(resultsPath, allowCutOffTail: true);
        var summary = SummaryBuilder.Build(manifests, rows);
        try
        {
            StudyTables.Write(dir, manifests, rows, summary);
        }
        catch (Exception e) when (OutputException.IsIoFault(e))
        {
            throw OutputException.From(Path.GetFullPath(dir), e);
        }

        return new StudyReportInput(
            RunRecord.Text(record, "study"),
            RunRecord.Text(record, "description"),
            manifests,
            summary,
            FigureStore.ReadAll(dir),
            Facts(record),
            rows);
    }

    /// <summary>The "what ran" facts of a run record, in a fixed order.</summary>
    public static List<KeyValuePair<string, string>> Facts(JsonObject record)
    {
        var facts = new List<KeyValuePair<string, string>>();
        foreach (string key in new[] { "study", "config_file", "seed", "quick", "threads", "shard", "backend", "version", "runtime", "processors", "started_utc", "ended_utc", "wall_seconds", "cells_run", "cells_skipped", "cells_failed", "status", "partial" })
        {
            if (record[key] is JsonNode n)
            {
                string text = n is JsonValue v && v.TryGetValue(out string? s) ? s : n.ToJsonString();
                facts.Add(new(key, text));
            }
        }

        return facts;
    }
}
