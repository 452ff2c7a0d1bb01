using System.Text.Json.Nodes;

namespace SciTransfer.Transfer.Data;

/// <summary>A problem entry's resolved data block: absolute file paths and the parsed split.</summary>
/// <param name="Files">File key -> absolute path (only the files the config named).</param>
/// <param name="Split">The split, or null when none was given.</param>
/// <param name="ConfigFile">The config file, for error messages.</param>
/// <param name="JsonPath">JSON path of the block, e.g. "$.problems[2].data".</param>
public sealed record DataBlock(IReadOnlyDictionary<string, string> Files, SplitSpec? Split, string ConfigFile, string JsonPath)
{
    /// <summary>The absolute path of file <paramref name="key"/>, or null when the config did not name it.</summary>
    public string? FileOrNull(string key) => Files.TryGetValue(key, out var p) ? p : null;

    /// <summary>The absolute path of a required file (the loader's declaration guarantees it is present).</summary>
    public string File(string key) => FileOrNull(key) ?? throw new InvalidOperationException($"data file '{key}' was not given");

    /// <summary>A config error about the data block (file and JSON path in the message).</summary>
    public Errors.ConfigException Error(string relativePath, string problem) =>
        new(ConfigFile, relativePath.Length == 0 ? JsonPath : $"{JsonPath}.{relativePath}", problem);

    /// <summary>For run.json: files and split.</summary>
    public JsonObject Describe()
    {
        var files = new JsonObject();
        foreach (var kv in Files.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            files[kv.Key] = kv.Value;
        }

        return new JsonObject { ["files"] = files, ["split"] = Split?.Describe() };
    }
}
