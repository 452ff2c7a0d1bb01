namespace SciTransfer.Cli;

/// <summary>Exit codes of <c>scitransfer</c> (contract in ARCHITECTURE.md).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Bad usage or bad config: the message names the file, the JSON path and what is wrong.</summary>
    public const int BadConfig = 1;

    /// <summary>Bad input data: the message names the file, row and column.</summary>
    public const int BadData = 2;

    /// <summary>A run failed: the message names the cell.</summary>
    public const int RunFailed = 3;
}
