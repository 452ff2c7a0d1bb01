namespace SciTransfer.Cli;

/// <summary>Exit codes of <c>scitransfer</c> (contract in docs/architecture.md and docs/harness.md).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>
    /// Bad usage or bad config: the message names the file, the JSON path and what is wrong. Also: an output folder
    /// in use by another process, a merge with cells missing.
    /// </summary>
    public const int BadConfig = 1;

    /// <summary>Bad input data: the message names the file, row and column.</summary>
    public const int BadData = 2;

    /// <summary>Cells failed (the others ran and are saved): the message names the cells; failures.csv lists them.</summary>
    public const int RunFailed = 3;

    /// <summary>An output file could not be written (read-only folder, permission denied, full disk): the message names the path and the reason.</summary>
    public const int IoFailed = 4;

    /// <summary>Interrupted by SIGINT (Ctrl-C): 128 + 2, as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (Slurm's time limit, `kill`): 128 + 15.</summary>
    public const int Terminated = 143;
}
