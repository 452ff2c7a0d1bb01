using SciTransfer.Transfer.Results;

namespace SciTransfer.Transfer.Running;

/// <summary>Progress of a sweep, reported after each cell.</summary>
/// <param name="Done">Cells finished in this run (failed ones included).</param>
/// <param name="Total">Cells to run in this run (finished cells of an earlier run excluded).</param>
/// <param name="Skipped">Cells skipped because an earlier run finished them.</param>
/// <param name="Last">The cell that just finished (null for the initial report).</param>
/// <param name="Elapsed">Time since the sweep started.</param>
/// <param name="Detail">Training progress inside a cell or source pre-training (null for cell-finished reports).</param>
/// <param name="Remaining">
/// Estimated time left, from measured per-(problem, strategy) cell times (<see cref="EtaEstimator"/>); null until a
/// cell finished.
/// </param>
/// <param name="Warning">A line the user must see (a damaged source cache moved aside, a failed cell); null otherwise.</param>
public sealed record RunProgress(int Done, int Total, int Skipped, CellKey? Last, TimeSpan Elapsed, string? Detail = null, TimeSpan? Remaining = null, string? Warning = null);
