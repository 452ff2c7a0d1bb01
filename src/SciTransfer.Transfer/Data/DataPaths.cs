using SciTransfer.Transfer.Errors;

namespace SciTransfer.Transfer.Data;

/// <summary>
/// Resolves the paths of a config: relative to the config file's folder first, then the working directory, so a
/// study runs from any working directory. Errors list the absolute paths tried.
/// </summary>
public static class DataPaths
{
    /// <summary>The absolute path of <paramref name="path"/> (a file or folder that exists).</summary>
    /// <param name="path">As written in the config.</param>
    /// <param name="configFile">The config file.</param>
    /// <param name="jsonPath">Where the path was written, for the error.</param>
    /// <param name="folder">True for a folder, false for a file.</param>
    public static string Resolve(string path, string configFile, string jsonPath, bool folder = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new ConfigException(configFile, jsonPath, "empty path");
        }

        var tried = Candidates(path, configFile).ToList();
        foreach (string candidate in tried)
        {
            if (folder ? Directory.Exists(candidate) : File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new ConfigException(configFile, jsonPath, $"{(folder ? "folder" : "file")} '{path}' not found; tried {string.Join(" and ", tried.Distinct(StringComparer.Ordinal))}");
    }

    /// <summary>Where <paramref name="path"/> is looked for, in order.</summary>
    public static IEnumerable<string> Candidates(string path, string configFile)
    {
        if (Path.IsPathRooted(path))
        {
            yield return Path.GetFullPath(path);
            yield break;
        }

        string? configDir = Path.GetDirectoryName(Path.GetFullPath(configFile));
        if (configDir is not null && File.Exists(configFile))
        {
            yield return Path.GetFullPath(Path.Combine(configDir, path));
        }

        yield return Path.GetFullPath(path);
    }
}
