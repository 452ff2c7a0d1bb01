using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SciTransfer.Transfer.Errors;
using SciTransfer.Transfer.Summary;

namespace SciTransfer.Transfer.Running;

/// <summary>
/// run.json: the resolved config, seeds, version, backend, threads, shard, start/end times and timings.
/// Also how `report` and `merge` learn the study's problems (their metrics and axes).
/// </summary>
public static class RunRecord
{
    /// <summary>File name inside the output folder.</summary>
    public const string FileName = "run.json";

    /// <summary>JSON options shared by writer and reader.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        // run.json is read by people: keep '>' and non-ASCII text as they are (no HTML-safe escaping).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the record atomically.</summary>
    public static void Write(string outputDirectory, JsonObject record)
    {
        string path = Path.Combine(outputDirectory, FileName);
        File.WriteAllText(path + ".tmp", record.ToJsonString(JsonOptions) + "\n", new UTF8Encoding(false));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Reads run.json of an output folder (a <see cref="DataFormatException"/> when missing or malformed).</summary>
    public static JsonObject Read(string outputDirectory)
    {
        string path = Path.Combine(outputDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, 0, "run.json", "missing: not a SciTransfer output folder");
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new DataFormatException(path, 0, "$", "expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, (e.LineNumber ?? 0) + 1, "$", "not valid JSON: " + e.Message);
        }
    }

    /// <summary>The problem manifests stored in a record.</summary>
    public static List<ProblemManifest> Problems(JsonObject record, string outputDirectory)
    {
        var node = record["problems"] ?? throw new DataFormatException(Path.Combine(outputDirectory, FileName), 0, "problems", "missing");
        return node.Deserialize<List<ProblemManifest>>(JsonOptions)
            ?? throw new DataFormatException(Path.Combine(outputDirectory, FileName), 0, "problems", "empty");
    }

    /// <summary>A string field, or the fallback.</summary>
    public static string Text(JsonObject record, string key, string fallback = "") =>
        record[key] is JsonValue v && v.TryGetValue(out string? s) ? s : fallback;
}
