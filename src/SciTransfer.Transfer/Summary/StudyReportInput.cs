using SciTransfer.Transfer.Figures;

namespace SciTransfer.Transfer.Summary;

/// <summary>Everything the report writer needs, read back from an output folder.</summary>
/// <param name="StudyName">Study name from the config.</param>
/// <param name="Description">Study description (may be empty).</param>
/// <param name="Problems">Problems of the study, in config order.</param>
/// <param name="Summary">summary.csv rows, sorted (problem, strategy, n, metric).</param>
/// <param name="Figures">Figure data from figures/*.json (parts not yet merged).</param>
/// <param name="RunFacts">Ordered facts for "what ran": seed, version, backend, threads, start, end, wall time.</param>
/// <param name="Results">The results.csv rows (per-repeat values for paired statistics).</param>
public sealed record StudyReportInput(
    string StudyName,
    string Description,
    IReadOnlyList<ProblemManifest> Problems,
    IReadOnlyList<SummaryRow> Summary,
    IReadOnlyList<FigureData> Figures,
    IReadOnlyList<KeyValuePair<string, string>> RunFacts,
    IReadOnlyList<Results.ResultRow> Results);
