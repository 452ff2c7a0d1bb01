namespace SciTransfer.Transfer.Errors;

/// <summary>
/// Training diverged (a non-finite loss, or a loss above a domain's bound). Thrown by a strategy, or by the runner when a
/// cell returns a non-finite metric; the cell is recorded in failures.csv with reason "diverged" and the run goes on.
/// </summary>
public sealed class DivergedException : Exception
{
    /// <summary>Creates the error; <paramref name="message"/> says what diverged ("loss is NaN at epoch 12").</summary>
    public DivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    public DivergedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
