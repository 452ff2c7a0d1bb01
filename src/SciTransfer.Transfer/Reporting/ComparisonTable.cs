using System.Globalization;
using System.Text;

namespace SciTransfer.Transfer.Reporting;

/// <summary>The report's table for one (problem, metric): per n the best strategy beside scratch and the simple baseline.</summary>
public static class ComparisonTable
{
    /// <summary>GitHub-flavoured Markdown (ends with a newline); every name escaped.</summary>
    public static string ToMarkdown(ProblemAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var sb = new StringBuilder();
        sb.Append("| n (").Append(MdText.Escape(analysis.Problem.ScarcityAxis)).Append(") | best | best mean [95 % CI] | scratch | simple baseline | best - scratch, paired [95 % CI] | negative transfer |\n");
        sb.Append("|---:|---|---|---|---|---|---|\n");
        foreach (ComparisonRow r in analysis.Rows)
        {
            string best = r.Best is null ? "n/a"
                : r.Indistinguishable.Count == 0 ? MdText.Escape(r.Best)
                : MdText.Escape(r.Best) + " (indistinguishable from " + MdText.Escape(string.Join(", ", r.Indistinguishable)) + ")";
            sb.Append("| ").Append(r.N.ToString(CultureInfo.InvariantCulture))
              .Append(" | ").Append(best)
              .Append(" | ").Append(MdText.Escape(ProblemAnalysis.Fmt(r.BestMean)))
              .Append(" | ").Append(MdText.Escape(ProblemAnalysis.Fmt(r.Scratch)))
              .Append(" | ").Append(r.Baseline is null ? "none run" : MdText.Escape(r.Baseline) + ": " + MdText.Escape(ProblemAnalysis.Fmt(r.BaselineMean)))
              .Append(" | ").Append(r.BestVsScratch is null ? "n/a" : MdText.Escape(ProblemAnalysis.Fmt(r.BestVsScratch)))
              .Append(" | ").Append(r.NegativeTransfer.Count == 0 ? "none" : MdText.Escape(string.Join(", ", r.NegativeTransfer)))
              .Append(" |\n");
        }

        if (analysis.Repeats < PairedStatistics.MinRepeats)
        {
            sb.Append("\nn/i: no interval (").Append(MdText.Escape(PairedStatistics.NoIntervalReason)).Append(").\n");
        }

        return sb.ToString();
    }
}
