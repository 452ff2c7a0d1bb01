using System.Text.Json;
using System.Text.Json.Nodes;
using SciTransfer.Transfer.Data;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Problems;
using SciTransfer.Transfer.Strategies;

namespace SciTransfer.Transfer.Config;

/// <summary>
/// Reads a study config strictly: unknown keys, wrong types, unknown problems or strategies and empty
/// size lists are <see cref="ConfigException"/>s naming the file, the JSON path and what is wrong.
/// </summary>
public static class StudyConfigLoader
{
    /// <summary>Largest <c>"device_batch"</c> accepted.</summary>
    public const int MaxDeviceBatch = 1024;

    /// <summary>Loads and validates <paramref name="path"/>.</summary>
    /// <param name="path">Config file.</param>
    /// <param name="catalog">Registered problems.</param>
    /// <param name="settings">Run settings (quick mode, backend) passed to every problem factory.</param>
    /// <param name="overrides">Command-line <c>--set PATH=VALUE</c> assignments, applied before validation.</param>
    public static StudyConfig Load(string path, ProblemCatalog catalog, ProblemSettings settings, IReadOnlyList<string>? overrides = null)
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
            DuplicateKeys.Check(path, doc.RootElement);
            if (overrides is not { Count: > 0 })
            {
                return Parse(path, doc.RootElement, catalog, settings);
            }

            // The raw text keeps the file's comments, so parse it the way the file was parsed.
            var node = JsonNode.Parse(doc.RootElement.GetRawText(), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
            ConfigOverrides.Apply(node, overrides);
            using var changed = JsonDocument.Parse(node.ToJsonString());
            var config = Parse(path, changed.RootElement, catalog, settings);
            return config with { Overrides = [.. overrides] };
        }
    }

    /// <summary>Parses an already-read config element (used by tests and by <see cref="Load"/>).</summary>
    public static StudyConfig Parse(string file, JsonElement root, ProblemCatalog catalog, ProblemSettings settings)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigException(file, "$", "the config must be a JSON object");
        }

        DuplicateKeys.Check(file, root);
        var r = new OptionsReader(file, "$", root);
        string name = r.GetString("study");
        if (name.Length == 0 || name.AsSpan().IndexOfAny("/\\:*?\"<>|") >= 0)
        {
            throw r.Error("study", $"'{Printable(name)}' must be a non-empty name without path characters");
        }

        if (NameRules.Check(name) is { } badName)
        {
            throw r.Error("study", $"'{Printable(name)}' {badName}");
        }

        string description = r.GetString("description", "");
        double seedValue = r.GetDouble("seed");
        if (seedValue < 0 || seedValue != Math.Floor(seedValue) || seedValue > 9.0e15)
        {
            throw r.Error("seed", "must be a non-negative integer below 9e15");
        }

        int repeats = r.GetInt("repeats", 3, 1, 1000);

        // Read only when given, so the resolved config (run.json, the resume check) of device-less configs is unchanged.
        if (r.Has("device"))
        {
            settings = settings with { Device = r.GetChoice("device", SciTransfer.Core.Gpu.EngineDevices.Cpu, SciTransfer.Core.Gpu.EngineDevices.Names) };
        }

        // Likewise: configs without "device_batch" resolve as before.
        if (r.Has("device_batch"))
        {
            settings = settings with { DeviceBatch = r.GetInt("device_batch", 1, 1, MaxDeviceBatch) };
        }

        var entries = r.GetObjectArray("problems");
        if (entries.Count == 0)
        {
            throw r.Error("problems", "must list at least one problem");
        }

        var problems = new List<StudyProblem>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var fileNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var sp = ParseProblem(e, catalog, settings, repeats);
            if (!ids.Add(sp.Id))
            {
                throw e.Error("id", $"'{sp.Id}' appears twice in the study; give one entry an \"id\"");
            }

            // Cache and figure files are named by Safe(id); two ids must not share a file.
            string safe = Figures.FigureStore.Safe(sp.Id);
            if (!fileNames.TryAdd(safe, sp.Id))
            {
                throw e.Error("id", $"'{sp.Id}' and '{fileNames[safe]}' map to the same file name '{safe}'; give one entry another \"id\"");
            }

            problems.Add(sp);
        }

        r.EnsureAllKeysUsed();
        return new StudyConfig(name, description, (ulong)seedValue, problems, r.Resolved, file) { Device = settings.Device, DeviceBatch = settings.DeviceBatch };
    }

    private static StudyProblem ParseProblem(OptionsReader e, ProblemCatalog catalog, ProblemSettings settings, int studyRepeats)
    {
        string problemName = e.GetString("problem");
        if (!catalog.TryGetProblem(problemName, out var factory))
        {
            throw e.Error("problem", $"unknown problem '{problemName}'; known: {string.Join(", ", catalog.ProblemNames)}");
        }

        string id = e.GetString("id", problemName);
        if (NameRules.Check(id) is { } badId)
        {
            throw e.Error("id", $"'{Printable(id)}' {badId}");
        }

        int repeats = e.GetInt("repeats", studyRepeats, 1, 1000);
        var data = DataBlockReader.Read(e, factory.Data);
        var options = e.GetObject("options");
        var optionValues = factory.Options.Read(options, settings.Quick, data);
        ITransferProblem problem = factory.Create(optionValues, settings);

        string[] names = e.GetStringArray("strategies", [.. problem.Strategies.Names()]);
        if (names.Length == 0)
        {
            throw e.Error("strategies", "must list at least one strategy");
        }

        var strategies = new List<IStrategy>(names.Length);
        foreach (string s in names)
        {
            strategies.Add(problem.Strategies.Find(s)
                ?? throw e.Error("strategies", $"unknown strategy '{s}' for {problemName}; known: {string.Join(", ", problem.Strategies.Names())}"));
        }

        foreach (var s in strategies)
        {
            if (NameRules.Check(s.Name) is { } badStrategy)
            {
                throw e.Error("strategies", $"strategy name '{Printable(s.Name)}' of {problemName} {badStrategy}");
            }
        }

        foreach (var m in problem.Metrics)
        {
            if (NameRules.Check(m.Name) is { } badMetric)
            {
                throw e.Error("problem", $"{problemName} declares the metric name '{Printable(m.Name)}', which {badMetric}");
            }
        }

        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
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

        if (settings.Quick && problem.MaxTargetSize is { } quickPool)
        {
            // --quick shrinks the pools (a smoke run), so sizes are capped at the quick pool instead of failing; only a full
            // run checks sizes against the full pool (below).
            sizes = [.. sizes.Select(n => Math.Min(n, quickPool)).Distinct()];
        }

        if (problem.MaxTargetSize is { } pool && sizes.Max() > pool)
        {
            throw e.Error("sizes", $"size {sizes.Max()} exceeds the target pool of {problemName} ({pool} {problem.ScarcityAxis} after the split); use sizes up to {pool} or a larger pool");
        }

        Array.Sort(sizes);
        if (settings.Quick)
        {
            sizes = QuickSizes(sizes);
            repeats = Math.Min(repeats, 2);
        }

        return new StudyProblem(id, problem, strategies, sizes, repeats, data) { SourceModel = SourceModelOption.Resolve(factory.Options, optionValues) };
    }

    /// <summary>A name as it can be shown in a one-line message: control characters escaped, cut at 60 characters.</summary>
    private static string Printable(string name)
    {
        var sb = new System.Text.StringBuilder();
        foreach (char c in name.Length > 60 ? name[..60] : name)
        {
            sb.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return name.Length > 60 ? sb + "..." : sb.ToString();
    }

    /// <summary>Under --quick keep the smallest, a middle and the largest size.</summary>
    private static int[] QuickSizes(int[] sorted) =>
        sorted.Length <= 3 ? sorted : [sorted[0], sorted[sorted.Length / 2], sorted[^1]];

    /// <summary>A JSON snapshot of the resolved config (deep copy).</summary>
    public static JsonObject Snapshot(StudyConfig config) => (JsonObject)JsonNode.Parse(config.Resolved.ToJsonString())!;
}
