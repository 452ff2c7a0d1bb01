using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Running;

/// <summary>
/// Writes a run's figures and report from its summary. The report code lives in the Reporting layer, which registers
/// itself here; until it does, runs write only the CSV files.
/// </summary>
public static class ReportWriter
{
    /// <summary>The report writer: (output folder, report input) -> files written.</summary>
    public static Func<string, StudyReportInput, IReadOnlyList<string>>? Writer { get; set; }

    /// <summary>Writes the report with <see cref="Writer"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string dir, StudyReportInput input) => Writer?.Invoke(dir, input) ?? [];
}
