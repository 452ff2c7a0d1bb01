using System.Globalization;
using System.Text;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Reporting;

/// <summary>The report's "Label-free selection" table of one problem (<see cref="LabelFreeSelection"/>).</summary>
public static class LabelFreeTable
{
    /// <summary>Markdown: one row per (estimate, n) and a line of how often the label-free pick was the test-best; empty when there are no rows.</summary>
    public static string ToMarkdown(IReadOnlyList<LabelFreeStatRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return "";
        }

        var md = new StringBuilder();
        md.Append("\n### Label-free selection\n\n")
          .Append("Strategies (oracle excluded) ranked without target labels by a label-free estimate, beside the test ranking; ")
          .Append("regret = test metric of the label-free pick minus the test-best's (0 = picked the best). Per strategy: ")
          .Append(LabelFreeCsv.RankingFile).Append(".\n\n")
          .Append("| estimate of metric | n | strategies | Spearman rho | label-free pick | test-best | regret |\n|---|---|---|---|---|---|---|\n");
        foreach (var r in rows)
        {
            md.Append("| ").Append(MdText.Escape(r.Estimate)).Append(" of ").Append(MdText.Escape(r.Metric))
              .Append(" | ").Append(r.NTarget.ToString(CultureInfo.InvariantCulture))
              .Append(" | ").Append(r.Strategies.ToString(CultureInfo.InvariantCulture))
              .Append(" | ").Append(Num(r.Spearman))
              .Append(" | ").Append(MdText.Escape(r.Pick))
              .Append(" | ").Append(MdText.Escape(r.TestBest))
              .Append(" | ").Append(Num(r.Regret)).Append(" |\n");
        }

        int hits = rows.Count(r => r.PickedBest);
        var rhos = rows.Select(r => r.Spearman).Where(double.IsFinite).ToArray();
        md.Append("\nThe label-free pick was the test-best at ").Append(hits.ToString(CultureInfo.InvariantCulture)).Append(" of ")
          .Append(rows.Count.ToString(CultureInfo.InvariantCulture)).Append(" sizes; mean Spearman rho ")
          .Append(rhos.Length == 0 ? "n/a" : Num(rhos.Average())).Append("; mean regret ").Append(Num(rows.Average(r => r.Regret))).Append(".\n");
        return md.ToString();
    }

    private static string Num(double v) => double.IsFinite(v) ? v.ToString("G3", CultureInfo.InvariantCulture) : "n/a";
}
