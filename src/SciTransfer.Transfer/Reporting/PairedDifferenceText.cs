using System.Globalization;
using System.Text;
using SciTransfer.Core.Statistics;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Reporting;

/// <summary>
/// The report section "Paired differences": per comparison-group pair, the two models' parameter counts, whether the
/// repeats were identical, one table row per (strategy, n) with the retention and degradation differences and their
/// Student-t intervals in words ("retains 0.05 more [-0.02, 0.12]: not significant at n = 5"), and whether the
/// intervals reach the +-0.05 the claim needs (if not, about how many repeats would).
/// </summary>
public static class PairedDifferenceText
{
    /// <summary>Half-width of the retention-difference interval a study should reach.</summary>
    public const double TargetHalfWidth = 0.05;

    /// <summary>Appends the section (nothing when the study has no pair).</summary>
    public static void Append(StringBuilder md, IReadOnlyList<ProblemManifest> problems, IReadOnlyList<PairedDifference> differences)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(differences);
        if (differences.Count == 0)
        {
            return;
        }

        md.Append("\n## Paired differences\n\n")
          .Append("Per repeat r: retention m_r(n)/m_r(n_max) and degradation m_r(n_max) - m_r(n) of each problem (its own largest n), ")
          .Append("their difference (first problem of the group minus the other), and the mean with a Student-t 95 % interval over repeats. ")
          .Append("Also in summary.csv (problem \"A vs B\", metric \"<metric>:rpr_difference\" / \"<metric>:degradation_difference\").\n");
        var byProblem = problems.ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (var pair in differences.GroupBy(d => (d.Group, d.Reference, d.Other)))
        {
            ProblemManifest a = byProblem[pair.Key.Reference];
            ProblemManifest b = byProblem[pair.Key.Other];
            md.Append("\n### ").Append(MdText.Escape(pair.Key.Reference)).Append(" vs ").Append(MdText.Escape(pair.Key.Other)).Append("\n\n");
            md.Append("Capacity: ").Append(MdText.Escape(Capacity(a))).Append(" vs ").Append(MdText.Escape(Capacity(b))).Append(". ");
            bool paired = a.SeedKey is not null && a.SeedKey == b.SeedKey;
            md.Append(paired
                ? "Repeats identical for both (same data, target subsets and seeds): the differences are paired.\n\n"
                : "Repeats drawn independently for each problem (no shared seed key, e.g. the quantum option `paired`): differences are matched by repeat index only, so the intervals are those of independent samples.\n\n");
            md.Append("| strategy | n | metric | retention difference [95 % CI] | degradation difference [95 % CI] | repeats |\n|---|---:|---|---|---|---:|\n");
            var rows = pair.ToList();
            foreach (var rpr in rows.Where(d => d.Quantity == PairedDifferences.Rpr))
            {
                PairedDifference? deg = rows.FirstOrDefault(d => d.Quantity == PairedDifferences.Degradation && d.Strategy == rpr.Strategy && d.NTarget == rpr.NTarget && d.Metric == rpr.Metric);
                md.Append("| ").Append(MdText.Escape(rpr.Strategy))
                  .Append(" | ").Append(rpr.NTarget.ToString(CultureInfo.InvariantCulture))
                  .Append(" | ").Append(MdText.Escape(rpr.Metric))
                  .Append(" | ").Append(MdText.Escape(Sentence(a.Id, rpr, "retains", "more", "less")))
                  .Append(" | ").Append(deg is null ? "" : MdText.Escape(Sentence(a.Id, deg, "degrades", "more", "less")))
                  .Append(" | ").Append(rpr.Count.ToString(CultureInfo.InvariantCulture)).Append(" |\n");
            }

            // Label-free estimates (MetricInfo.EstimateOf) are listed above but left out of the verdict: their retention
            // ratios need not lie near 1, and the claim is about the test metric.
            var estimates = a.Metrics.Where(m => m.EstimateOf is not null).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            md.Append('\n').Append(MdText.Escape(Verdict(rows.Where(d => d.Quantity == PairedDifferences.Rpr && !estimates.Contains(d.Metric)).ToList())));
            md.Append(rows.Any(d => estimates.Contains(d.Metric)) ? " (Label-free estimate metrics are left out of this verdict.)\n" : "\n");
        }
    }

    /// <summary>"51 parameters" or "parameters not stated", with the id's last segment.</summary>
    public static string Capacity(ProblemManifest p)
    {
        ArgumentNullException.ThrowIfNull(p);
        string name = p.Id.Split('/')[^1];
        return p.Parameters is { } k ? $"{name} {k.ToString(CultureInfo.InvariantCulture)} parameters" : $"{name} (parameters not stated)";
    }

    /// <summary>"qcnn retains 0.05 more [-0.02, 0.12]: not significant at n = 5" (n is the target size; the repeats are in the table).</summary>
    public static string Sentence(string referenceId, PairedDifference d, string verb, string more, string less)
    {
        ArgumentNullException.ThrowIfNull(referenceId);
        ArgumentNullException.ThrowIfNull(d);
        string name = referenceId.Split('/')[^1];
        if (!double.IsFinite(d.Mean))
        {
            return "no paired repeats";
        }

        string head = $"{name} {verb} {F(Math.Abs(d.Mean))} {(d.Mean >= 0 ? more : less)}";
        if (!double.IsFinite(d.Ci95Low))
        {
            return head + $" (fewer than 2 repeats: no interval)";
        }

        string n = d.NTarget.ToString(CultureInfo.InvariantCulture);
        return $"{head} [{F(d.Ci95Low)}, {F(d.Ci95High)}]: {(d.Significant ? "significant" : "not significant")} at n = {n}";
    }

    /// <summary>
    /// Which retention differences are significant, the widest half-width, and, when it exceeds
    /// <see cref="TargetHalfWidth"/>, the repeats that would reach it (Student-t, from each row's observed spread).
    /// </summary>
    public static string Verdict(IReadOnlyList<PairedDifference> rpr)
    {
        ArgumentNullException.ThrowIfNull(rpr);
        var withCi = rpr.Where(d => double.IsFinite(d.HalfWidth)).ToList();
        if (withCi.Count == 0)
        {
            return "No retention difference has an interval (fewer than 2 paired repeats).";
        }

        var sig = withCi.Where(d => d.Significant).Select(d => $"{d.Strategy} at n = {d.NTarget.ToString(CultureInfo.InvariantCulture)} ({F(d.Mean)})").ToList();
        var sb = new StringBuilder();
        sb.Append(sig.Count == 0 ? "No retention difference is significant. " : $"Significant retention differences: {string.Join(", ", sig)}. ");
        double widest = withCi.Max(d => d.HalfWidth);
        int repeats = withCi.Max(d => d.Count);
        if (widest <= TargetHalfWidth)
        {
            sb.Append($"Every interval is within +-{F(TargetHalfWidth)} (widest +-{widest.ToString("0.000", CultureInfo.InvariantCulture)}, {repeats} repeats).");
        }
        else
        {
            var needed = withCi.Select(d => RepeatsFor(d.Std, TargetHalfWidth)).Where(k => k > 0).Order().ToList();
            int within = withCi.Count(d => d.HalfWidth <= TargetHalfWidth);
            sb.Append($"These repeats cannot resolve +-{F(TargetHalfWidth)}: intervals reach +-{widest.ToString("0.000", CultureInfo.InvariantCulture)} with {repeats} repeats ({within} of {withCi.Count} rows within +-{F(TargetHalfWidth)}).");
            if (needed.Count > 0)
            {
                sb.Append($" From the observed spreads, +-{F(TargetHalfWidth)} needs about {needed[needed.Count / 2]} repeats for the median row and {needed[^1]} for the widest.");
            }
        }

        return sb.ToString();
    }

    /// <summary>Smallest repeat count k whose Student-t 95 % half-width t(k-1) s / sqrt(k) is at most <paramref name="halfWidth"/> (0 when s is not finite).</summary>
    public static int RepeatsFor(double std, double halfWidth)
    {
        if (!double.IsFinite(std) || halfWidth <= 0)
        {
            return 0;
        }

        for (int k = 2; k < 100_000; k++)
        {
            if (Descriptive.StudentTQuantile(0.975, k - 1) * std / Math.Sqrt(k) <= halfWidth)
            {
                return k;
            }
        }

        return 100_000;
    }

    private static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
}
