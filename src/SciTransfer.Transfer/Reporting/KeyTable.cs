using System.Globalization;
using System.Text;
using SciTransfer.Plotting.Axes;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Reporting;

/// <summary>One row of the key table: what wins at one target size.</summary>
/// <param name="N">Target size.</param>
/// <param name="BestStrategy">Strategy with the best mean (oracle excluded unless alone), or null when no finite mean.</param>
/// <param name="BestMean">Its mean.</param>
/// <param name="BestLow">Its 95 % interval, low end (NaN when undefined).</param>
/// <param name="BestHigh">Its 95 % interval, high end.</param>
/// <param name="BestTransfer">Best strategy other than scratch and oracle, or null.</param>
/// <param name="DataEfficiency">Data-efficiency multiplier of <paramref name="BestTransfer"/> over scratch (NaN when undefined).</param>
/// <param name="DataEfficiencyBound">"exact", "lower" or "" as in summary.csv.</param>
/// <param name="NegativeTransfer">Strategies flagged as negative transfer at this n, ordinal order.</param>
public sealed record KeyTableRow(
    int N,
    string? BestStrategy,
    double BestMean,
    double BestLow,
    double BestHigh,
    string? BestTransfer,
    double DataEfficiency,
    string DataEfficiencyBound,
    IReadOnlyList<string> NegativeTransfer);

/// <summary>
/// The report's key table for one (problem, metric): per target size the best strategy by mean, the
/// data-efficiency multiplier of the best transfer strategy over scratch, and negative-transfer flags.
/// </summary>
/// <remarks>
/// <c>oracle</c> trains on the whole target pool, so it is left out of "best" (it would always win);
/// transfer strategies are all except <c>scratch</c> and <c>oracle</c> (<c>source-only</c> counts).
/// Ties go to the ordinally first name.
/// </remarks>
public static class KeyTable
{
    /// <summary>Builds the rows in increasing n.</summary>
    public static IReadOnlyList<KeyTableRow> Build(ProblemManifest problem, MetricInfo metric, IEnumerable<SummaryRow> summary)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(summary);
        var rows = summary.Where(r => r.Problem == problem.Id && r.Metric == metric.Name).ToList();
        var table = new List<KeyTableRow>();
        foreach (int n in rows.Select(r => r.NTarget).Distinct().Order())
        {
            var atN = rows.Where(r => r.NTarget == n && double.IsFinite(r.Mean)).ToList();
            var contenders = atN.Where(r => r.Strategy != "oracle").ToList();
            SummaryRow? best = Best(contenders.Count > 0 ? contenders : atN, metric.LowerIsBetter);
            SummaryRow? transfer = Best(atN.Where(r => r.Strategy is not "scratch" and not "oracle"), metric.LowerIsBetter);
            var negative = rows.Where(r => r.NTarget == n && r.NegativeTransfer).Select(r => r.Strategy).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            table.Add(new KeyTableRow(
                n,
                best?.Strategy,
                best?.Mean ?? double.NaN,
                best?.Ci95Low ?? double.NaN,
                best?.Ci95High ?? double.NaN,
                transfer?.Strategy,
                transfer?.DataEfficiency ?? double.NaN,
                transfer?.DataEfficiencyBound ?? "",
                negative));
        }

        return table;
    }

    /// <summary>The table as GitHub-flavoured Markdown (ends with a newline).</summary>
    public static string ToMarkdown(IReadOnlyList<KeyTableRow> rows, string axisName)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.Append("| n (").Append(Markdown.Cell(axisName)).Append(") | best strategy | mean [95 % CI] | best transfer strategy | data efficiency vs scratch | negative transfer |\n");
        sb.Append("|---:|---|---|---|---:|---|\n");
        foreach (KeyTableRow r in rows)
        {
            sb.Append("| ").Append(r.N.ToString(CultureInfo.InvariantCulture))
              .Append(" | ").Append(r.BestStrategy is null ? "n/a" : Markdown.Cell(r.BestStrategy))
              .Append(" | ").Append(r.BestStrategy is null ? "n/a" : MeanWithCi(r.BestMean, r.BestLow, r.BestHigh))
              .Append(" | ").Append(r.BestTransfer is null ? "n/a" : Markdown.Cell(r.BestTransfer))
              .Append(" | ").Append(Efficiency(r.DataEfficiency, r.DataEfficiencyBound))
              .Append(" | ").Append(r.NegativeTransfer.Count == 0 ? "none" : Markdown.Cell(string.Join(", ", r.NegativeTransfer)))
              .Append(" |\n");
        }

        return sb.ToString();
    }

    /// <summary>"0.1234 [0.1, 0.15]", or the mean alone when the interval is undefined.</summary>
    public static string MeanWithCi(double mean, double low, double high) =>
        double.IsFinite(low) && double.IsFinite(high)
            ? $"{TickFormat.Significant(mean)} [{TickFormat.Significant(low)}, {TickFormat.Significant(high)}]"
            : TickFormat.Significant(mean);

    /// <summary>"3.2x", "&gt;= 8x" for a lower bound, "n/a" when undefined.</summary>
    public static string Efficiency(double value, string bound)
    {
        if (!double.IsFinite(value))
        {
            return "n/a";
        }

        string x = TickFormat.Significant(value, 3) + "x";
        return bound == "lower" ? ">= " + x : x;
    }

    private static SummaryRow? Best(IEnumerable<SummaryRow> rows, bool lowerIsBetter) =>
        rows.OrderBy(r => lowerIsBetter ? r.Mean : -r.Mean).ThenBy(r => r.Strategy, StringComparer.Ordinal).FirstOrDefault();
}
