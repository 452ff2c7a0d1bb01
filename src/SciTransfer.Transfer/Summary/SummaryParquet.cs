using SciTransfer.Transfer.Tables;

namespace SciTransfer.Transfer.Summary;

/// <summary>
/// summary.parquet: the rows of summary.csv, same columns and order, typed (problem, strategy, metric,
/// data_efficiency_bound: string; n_target, count: int32; the statistics: double, NaN where undefined;
/// negative_transfer: boolean).
/// </summary>
public static class SummaryParquet
{
    /// <summary>File name next to summary.csv.</summary>
    public const string FileName = "summary.parquet";

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IReadOnlyList<SummaryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        double[] D(Func<SummaryRow, double> f) => [.. rows.Select(f)];
        new ParquetTable(rows.Count)
            .Text("problem", [.. rows.Select(r => r.Problem)])
            .Text("strategy", [.. rows.Select(r => r.Strategy)])
            .Values("n_target", rows.Select(r => r.NTarget).ToArray())
            .Text("metric", [.. rows.Select(r => r.Metric)])
            .Values("count", rows.Select(r => r.Count).ToArray())
            .Values("mean", D(r => r.Mean))
            .Values("std", D(r => r.Std))
            .Values("ci95_low", D(r => r.Ci95Low))
            .Values("ci95_high", D(r => r.Ci95High))
            .Values("rpr", D(r => r.Rpr))
            .Values("degradation", D(r => r.Degradation))
            .Values("data_efficiency", D(r => r.DataEfficiency))
            .Text("data_efficiency_bound", [.. rows.Select(r => r.DataEfficiencyBound)])
            .Values("negative_transfer", rows.Select(r => r.NegativeTransfer).ToArray())
            .Write(path);
    }
}
