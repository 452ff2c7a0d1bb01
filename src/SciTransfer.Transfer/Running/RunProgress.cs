using SciTransfer.Transfer.Results;

namespace SciTransfer.Transfer.Running;

/// <summary>Progress of a sweep, reported after each cell.</summary>
/// <param name="Done">Cells finished in this run.</param>
/// <param name="Total">Cells to run in this run (finished cells of an earlier run excluded).</param>
/// <param name="Skipped">Cells skipped because an earlier run finished them.</param>
/// <param name="Last">The cell that just finished (null for the initial report).</param>
/// <param name="Elapsed">Time since the sweep started.</param>
/// <param name="Detail">Training progress inside a cell or source pre-training (null for cell-finished reports).</param>
public sealed record RunProgress(int Done, int Total, int Skipped, CellKey? Last, TimeSpan Elapsed, string? Detail = null)
{
    /// <summary>Estimated time left, by the mean time per finished cell (null until one finished).</summary>
    public TimeSpan? Remaining => Done == 0 ? null : TimeSpan.FromSeconds(Elapsed.TotalSeconds / Done * (Total - Done));
}
