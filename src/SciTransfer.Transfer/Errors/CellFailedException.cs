namespace SciTransfer.Transfer.Errors;

/// <summary>One failed cell as failures.csv records it.</summary>
/// <param name="Cell">"problem/strategy/n=N/repeat=R".</param>
/// <param name="Reason">"diverged" or "error".</param>
/// <param name="ExceptionType">The exception's type name.</param>
/// <param name="Message">The exception's message (one line).</param>
public sealed record CellFailure(string Cell, string Reason, string ExceptionType, string Message);

/// <summary>Cells of a sweep failed (exit code 3). The message names the cells; the other cells ran.</summary>
public sealed class CellFailedException : Exception
{
    /// <summary>Wraps the failure of the named cell.</summary>
    public CellFailedException(string cell, Exception inner)
        : base($"cell {cell} failed: {inner?.Message}", inner)
    {
        Cell = cell;
        Failures = [new CellFailure(cell, inner is DivergedException ? "diverged" : "error", inner?.GetType().Name ?? "", inner?.Message ?? "")];
    }

    /// <summary>Reports every failed cell of a run; <paramref name="first"/> is the first failure's exception.</summary>
    public CellFailedException(IReadOnlyList<CellFailure> failures, int cellsTotal, Exception? first)
        : base(Describe(failures, cellsTotal), first)
    {
        ArgumentNullException.ThrowIfNull(failures);
        Failures = failures;
        Cell = failures.Count > 0 ? failures[0].Cell : "";
    }

    /// <summary>The first failed cell, "problem/strategy/n=N/repeat=R".</summary>
    public string Cell { get; }

    /// <summary>Every failed cell.</summary>
    public IReadOnlyList<CellFailure> Failures { get; }

    private static string Describe(IReadOnlyList<CellFailure> failures, int total)
    {
        ArgumentNullException.ThrowIfNull(failures);
        const int Shown = 10;
        var named = failures.Take(Shown).Select(f => $"{f.Cell} ({(f.Reason == "diverged" ? "diverged: " : f.ExceptionType + ": ")}{f.Message})");
        string more = failures.Count > Shown ? $", and {failures.Count - Shown} more" : "";
        return $"{failures.Count} of {total} cells failed: {string.Join("; ", named)}{more}; the other cells ran and are saved, failures.csv lists the failed ones; rerun the same command to retry them";
    }
}
