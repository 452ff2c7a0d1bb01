using SciTransfer.Transfer.Figures;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Reporting;

/// <summary>The outcome of a best-of selection on a time-series figure.</summary>
/// <param name="Figure">The figure with only the winning candidate's series (plus every non-candidate series).</param>
/// <param name="BestStrategy">The strategy kept, or null when nothing was dropped.</param>
/// <param name="Note">One line for the figure's subtitle saying what was kept and why ("" when no selection applied).</param>
public sealed record BestOfResult(TimeSeriesFigure Figure, string? BestStrategy, string Note);

/// <summary>
/// Applies <see cref="TimeSeriesFigure.BestOfMetric"/>: among candidate series, keep only the
/// strategy whose summary mean of that metric at <see cref="TimeSeriesFigure.AtN"/> is best
/// (respecting the metric's lower-is-better from the problem manifest; ties go to the ordinally
/// first name). Non-candidate series are always kept.
/// </summary>
public static class BestOfSelector
{
    /// <summary>Selects the best candidate strategy of <paramref name="figure"/>.</summary>
    /// <remarks>
    /// FigureData does not name its problem. The problem is the only one with summary rows for the
    /// candidates and metric at AtN or, when several have them, the one whose file-safe id is the
    /// longest prefix of the figure id. When AtN is null, the largest n with candidate rows is used.
    /// When no problem can be identified, every candidate is kept and the note says so.
    /// </remarks>
    public static BestOfResult Select(TimeSeriesFigure figure, IReadOnlyList<ProblemManifest> problems, IReadOnlyList<SummaryRow> summary)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(summary);
        if (figure.BestOfMetric is not string metric)
        {
            return new BestOfResult(figure, null, "");
        }

        var candidates = figure.Series.Where(s => s.Candidate && s.Strategy is not null).Select(s => s.Strategy!).ToHashSet(StringComparer.Ordinal);
        if (candidates.Count == 0)
        {
            return new BestOfResult(figure, null, "");
        }

        var rows = summary.Where(r => r.Metric == metric && candidates.Contains(r.Strategy) && double.IsFinite(r.Mean)).ToList();
        var problemIds = rows.Select(r => r.Problem).Distinct(StringComparer.Ordinal).ToList();
        string? problemId = problemIds.Count == 1
            ? problemIds[0]
            : problemIds.Where(p => figure.Id.StartsWith(SafeFileName.From(p), StringComparison.Ordinal))
                        .OrderByDescending(p => SafeFileName.From(p).Length).ThenBy(p => p, StringComparer.Ordinal).FirstOrDefault();
        ProblemManifest? manifest = problems.FirstOrDefault(p => p.Id == problemId);
        MetricInfo? info = manifest?.Metrics.FirstOrDefault(m => m.Name == metric);
        if (problemId is null || info is null)
        {
            return new BestOfResult(figure, null, $"all candidate strategies shown: no summary of '{metric}' could be matched to this figure");
        }

        rows = rows.Where(r => r.Problem == problemId).ToList();
        int atN = figure.AtN ?? rows.Max(r => r.NTarget);
        var atRows = rows.Where(r => r.NTarget == atN).ToList();
        if (atRows.Count == 0)
        {
            return new BestOfResult(figure, null, $"all candidate strategies shown: no summary of '{metric}' at n = {atN}");
        }

        SummaryRow best = atRows
            .OrderBy(r => info.LowerIsBetter ? r.Mean : -r.Mean)
            .ThenBy(r => r.Strategy, StringComparer.Ordinal)
            .First();
        var kept = figure.Series.Where(s => !(s.Candidate && s.Strategy is not null) || s.Strategy == best.Strategy).ToList();
        string direction = info.LowerIsBetter ? "lowest" : "highest";
        string note = $"strategy shown: {best.Strategy}, the {direction} mean {metric} at n = {atN} among {string.Join(", ", candidates.Order(StringComparer.Ordinal))}";
        return new BestOfResult(figure with { Series = kept }, best.Strategy, note);
    }
}
