namespace SciTransfer.Transfer.Errors;

/// <summary>A bad config or bad usage (exit code 1). The message names the file, the JSON path and the problem.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the error; the message reads "FILE: PATH: problem".</summary>
    public ConfigException(string file, string jsonPath, string problem)
        : base($"{file}: {jsonPath}: {problem}")
    {
        File = file;
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>Config file (or "command line").</summary>
    public string File { get; }

    /// <summary>JSON path of the bad field, e.g. "$.problems[0].sizes".</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
