using SciTransfer.Transfer.Tables;

namespace SciTransfer.Transfer.Results;

/// <summary>
/// results.parquet: the rows of results.csv with typed columns (study, problem, strategy, metric: string; n_target,
/// repeat: int32; seed: uint64; value, fit_seconds: double). Written at the end of a run, report or merge, in a
/// fixed order (the caller's problem order, then repeat, strategy, n_target, metric) rather than completion order.
/// </summary>
public static class ResultsParquet
{
    /// <summary>File name next to results.csv.</summary>
    public const string FileName = "results.parquet";

    /// <summary>Writes <paramref name="rows"/> (already in the order wanted) to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IReadOnlyList<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        new ParquetTable(rows.Count)
            .Text("study", [.. rows.Select(r => r.Study)])
            .Text("problem", [.. rows.Select(r => r.Problem)])
            .Text("strategy", [.. rows.Select(r => r.Strategy)])
            .Values("n_target", rows.Select(r => r.NTarget).ToArray())
            .Values("repeat", rows.Select(r => r.Repeat).ToArray())
            .Values("seed", rows.Select(r => r.Seed).ToArray())
            .Text("metric", [.. rows.Select(r => r.Metric)])
            .Values("value", rows.Select(r => r.Value).ToArray())
            .Values("fit_seconds", rows.Select(r => r.FitSeconds).ToArray())
            .Write(path);
    }

    /// <summary>
    /// <paramref name="rows"/> in the file order of results.parquet: problems as <paramref name="problemOrder"/> lists
    /// them (others last), then repeat, strategy, n_target and metric (ordinal), so the file does not depend on which
    /// cell finished first.
    /// </summary>
    public static List<ResultRow> Ordered(IEnumerable<ResultRow> rows, IReadOnlyList<string> problemOrder)
    {
        var rank = problemOrder.Select((p, i) => (p, i)).GroupBy(x => x.p, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        return [.. rows
            .OrderBy(r => rank.GetValueOrDefault(r.Problem, int.MaxValue))
            .ThenBy(r => r.Problem, StringComparer.Ordinal)
            .ThenBy(r => r.Repeat)
            .ThenBy(r => r.Strategy, StringComparer.Ordinal)
            .ThenBy(r => r.NTarget)
            .ThenBy(r => r.Metric, StringComparer.Ordinal)];
    }
}
