namespace SciTransfer.Transfer.Errors;

/// <summary>A cell of a sweep failed (exit code 3). The message names the cell.</summary>
public sealed class CellFailedException : Exception
{
    /// <summary>Wraps the failure of the named cell.</summary>
    public CellFailedException(string cell, Exception inner)
        : base($"cell {cell} failed: {inner?.Message}", inner)
    {
        Cell = cell;
    }

    /// <summary>"problem/strategy/n=N/repeat=R".</summary>
    public string Cell { get; }
}
