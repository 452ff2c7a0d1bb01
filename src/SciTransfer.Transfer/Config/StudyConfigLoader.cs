using System.Text.Json;
using System.Text.Json.Nodes;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;

namespace SciTransfer.Transfer.Config;

/// <summary>
/// Reads a study config strictly: unknown keys, wrong types, unknown problems or strategies and empty
/// size lists are <see cref="ConfigException"/>s naming the file, the JSON path and what is wrong.
/// </summary>
public static class StudyConfigLoader
{
    /// <summary>Loads and validates <paramref name="path"/>.</summary>
    /// <param name="path">Config file.</param>
    /// <param name="catalog">Registered problems.</param>
    /// <param name="settings">Run settings (quick mode, backend) passed to every problem factory.</param>
    public static StudyConfig Load(string path, ProblemCatalog catalog, ProblemSettings settings)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException(path, "$", "file not found");
        }

        string text = File.ReadAllText(path);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new ConfigException(path, $"line {(e.LineNumber ?? 0) + 1}", "not valid JSON: " + e.Message);
        }

        using (doc)
        {
            return Parse(path, doc.RootElement, catalog, settings);
        }
    }

    /// <summary>Parses an already-read config element (used by tests and by <see cref="Load"/>).</summary>
    public static StudyConfig Parse(string file, JsonElement root, ProblemCatalog catalog, ProblemSettings settings)
    {
        var r = new OptionsReader(file, "$", root);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigException(file, "$", "the config must be a JSON object");
        }

        string name = r.GetString("study");
        if (name.Length == 0 || name.AsSpan().IndexOfAny("/\\:*?\"<>|") >= 0)
        {
            throw r.Error("study", $"'{name}' must be a non-empty name without path characters");
        }

        string description = r.GetString("description", "");
        double seedValue = r.GetDouble("seed");
        if (seedValue < 0 || seedValue != Math.Floor(seedValue) || seedValue > 9.0e15)
        {
            throw r.Error("seed", "must be a non-negative integer below 9e15");
        }

        int repeats = r.GetInt("repeats", 3, 1, 1000);
        var entries = r.GetObjectArray("problems");
        if (entries.Count == 0)
        {
            throw r.Error("problems", "must list at least one problem");
        }

        var problems = new List<StudyProblem>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var sp = ParseProblem(e, catalog, settings, repeats);
            if (!ids.Add(sp.Id))
            {
                throw e.Error("id", $"'{sp.Id}' appears twice in the study; give one entry an \"id\"");
            }

            problems.Add(sp);
        }

        r.EnsureAllKeysUsed();
        return new StudyConfig(name, description, (ulong)seedValue, problems, r.Resolved, file);
    }

    private static StudyProblem ParseProblem(OptionsReader e, ProblemCatalog catalog, ProblemSettings settings, int studyRepeats)
    {
        string problemName = e.GetString("problem");
        if (!catalog.TryGetProblem(problemName, out var factory))
        {
            throw e.Error("problem", $"unknown problem '{problemName}'; known: {string.Join(", ", catalog.ProblemNames)}");
        }

        string id = e.GetString("id", problemName);
        if (id.Length == 0 || id.Contains(',', StringComparison.Ordinal) || id.Contains('"', StringComparison.Ordinal))
        {
            throw e.Error("id", "must be non-empty and contain no comma or quote");
        }

        int repeats = e.GetInt("repeats", studyRepeats, 1, 1000);
        var options = e.GetObject("options");
        ITransferProblem problem = factory.Create(options, settings);

        string[] strategies = e.GetStringArray("strategies", [.. problem.Strategies]);
        if (strategies.Length == 0)
        {
            throw e.Error("strategies", "must list at least one strategy");
        }

        foreach (string s in strategies)
        {
            if (!problem.Strategies.Contains(s, StringComparer.Ordinal))
            {
                throw e.Error("strategies", $"unknown strategy '{s}' for {problemName}; known: {string.Join(", ", problem.Strategies)}");
            }
        }

        if (strategies.Distinct(StringComparer.Ordinal).Count() != strategies.Length)
        {
            throw e.Error("strategies", "lists a strategy twice");
        }

        int[] sizes = e.GetIntArray("sizes", [.. problem.DefaultSizes]);
        if (sizes.Length == 0)
        {
            throw e.Error("sizes", "must list at least one target size");
        }

        if (sizes.Any(s => s < 0))
        {
            throw e.Error("sizes", "target sizes must be non-negative");
        }

        if (sizes.Distinct().Count() != sizes.Length)
        {
            throw e.Error("sizes", "lists a size twice");
        }

        Array.Sort(sizes);
        if (settings.Quick)
        {
            sizes = QuickSizes(sizes);
            repeats = Math.Min(repeats, 2);
        }

        return new StudyProblem(id, problem, strategies, sizes, repeats);
    }

    /// <summary>Under --quick keep the smallest, a middle and the largest size.</summary>
    private static int[] QuickSizes(int[] sorted) =>
        sorted.Length <= 3 ? sorted : [sorted[0], sorted[sorted.Length / 2], sorted[^1]];

    /// <summary>A JSON snapshot of the resolved config (deep copy).</summary>
    public static JsonObject Snapshot(StudyConfig config) => (JsonObject)JsonNode.Parse(config.Resolved.ToJsonString())!;
}
