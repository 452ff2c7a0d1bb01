namespace SciTransfer.Transfer.Errors;

/// <summary>
/// A run stopped because it was asked to (Ctrl-C, SIGTERM): the cells saved so far are in results.csv and run.json
/// says "interrupted"; rerunning the same command resumes.
/// </summary>
public sealed class RunInterruptedException : Exception
{
    /// <summary>Creates the error; the message reads "interrupted: K of N cells saved; rerun the same command to resume".</summary>
    public RunInterruptedException(int cellsSaved, int cellsTotal)
        : base($"interrupted: {cellsSaved} of {cellsTotal} cells saved; rerun the same command to resume")
    {
        CellsSaved = cellsSaved;
        CellsTotal = cellsTotal;
    }

    /// <summary>Cells of the plan (or shard) whose rows are in results.csv.</summary>
    public int CellsSaved { get; }

    /// <summary>Cells of the plan (or shard).</summary>
    public int CellsTotal { get; }
}
